import type { AstNode, LangiumDocument } from 'langium';
import { AstUtils, CstUtils } from 'langium';
import type { CompletionItem, CompletionParams } from 'vscode-languageserver';
import { CompletionItemKind } from 'vscode-languageserver';
import type { Data } from '../generated/ast.js';
import { isData } from '../generated/ast.js';
import type { CapEvaluator } from '../workspace/evaluation.js';
import { figuresFor } from './figures.js';

const COLUMN_PROPERTIES = new Set(['TierColumn', 'RevenueColumn', 'OwnerColumn', 'KeyColumn']);

/**
 * Inside a data block, a column's name is offered from the CSV export's header (spec section 14):
 * in the string of `tier`, `revenue`, `owner` or `key`, each column replaces the string's text.
 * Undefined when the cursor is not in such a string, or the block's file has not been read.
 */
export function columnCompletion(
    evaluator: CapEvaluator,
    document: LangiumDocument,
    params: CompletionParams,
): CompletionItem[] | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const offset = document.textDocument.offsetAt(params.position);
    const leaf = CstUtils.findLeafNodeAtOffset(root, Math.max(0, offset - 1));
    if (leaf?.tokenType.name !== 'STRING' || offset <= leaf.offset || offset > leaf.end) return undefined;
    // The closing quote itself ends the string: a cursor after it is not inside.
    if (offset === leaf.end && leaf.text.length > 1 && leaf.text.endsWith('"')) return undefined;
    const property: AstNode | undefined = leaf.astNode;
    if (!property || !COLUMN_PROPERTIES.has(property.$type)) return undefined;
    if ((property as { column?: unknown }).column === undefined) return undefined;
    const block = AstUtils.getContainerOfType(property, isData) as Data | undefined;
    const header = block && figuresFor(evaluator, document)?.evaluation.data.find(d => d.node === block)?.header;
    if (!header) return undefined;
    const names = [...new Set(header.map(h => h.trim()).filter(h => h !== ''))];
    return names.map((name, i) => ({
        label: name,
        kind: CompletionItemKind.Field,
        detail: `column ${i + 1} of the export`,
        sortText: String(i).padStart(4, '0'),
        textEdit: { range: leaf.range, newText: JSON.stringify(name) },
        filterText: `"${name}`,
    }));
}
