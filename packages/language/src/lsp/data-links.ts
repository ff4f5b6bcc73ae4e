import type { LangiumDocument, MaybePromise } from 'langium';
import { GrammarUtils } from 'langium';
import type { DocumentLinkProvider } from 'langium/lsp';
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import type { CstNode } from 'langium';
import type { CapFile } from '../generated/ast.js';
import { dataFileUri } from '../lowering/data.js';

/** `file "data/accounts.csv"` in a data block is a link to the CSV export it names (spec section 14). */
export class CapDocumentLinkProvider implements DocumentLinkProvider {
    getDocumentLinks(document: LangiumDocument, _params: DocumentLinkParams): MaybePromise<DocumentLink[]> {
        const links: DocumentLink[] = [];
        for (const el of (document.parseResult.value as CapFile).elements ?? []) {
            if (el.$type !== 'Data' && el.$type !== 'Actuals') continue;
            const file = (el.props as { $type: string; $cstNode?: CstNode }[]).find(p => p.$type === 'FileProperty');
            const target = dataFileUri(el, document);
            const path = file?.$cstNode && GrammarUtils.findNodeForProperty(file.$cstNode, 'path');
            if (!path || !target) continue;
            // Inside the quotes: the path itself.
            const { start, end } = path.range;
            const range = {
                start: { ...start, character: start.character + 1 },
                end: { ...end, character: end.character - 1 },
            };
            links.push({ range, target: target.toString(), tooltip: `Open ${target.path.split('/').pop()}` });
        }
        return links;
    }
}
