import type { LangiumDocument } from 'langium';
import { AstUtils, CstUtils, GrammarUtils } from 'langium';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import type { CapFile, Data, OwnerColumn, TierColumn } from '../generated/ast.js';
import { isData } from '../generated/ast.js';
import type { CapEvaluator } from '../workspace/evaluation.js';
import { figuresFor } from './figures.js';
import { quickFix } from './quick-fix.js';

/**
 * Quick fixes for what a CRM export holds that the model does not know (spec section 14): a tier
 * value that matches no tier gets a `"value" -> Tier` pair, one fix per tier that reads the block;
 * an owner who is no agent gets an agent of the column's role, named after the value.
 */

/** The value and row count the validator attached to a CAP082 or CAP085 diagnostic. */
function cellValue(diagnostic: Diagnostic): string | undefined {
    const data = diagnostic.data as { value?: unknown } | undefined;
    return typeof data?.value === 'string' ? data.value : undefined;
}

function propertyAt<T>(document: LangiumDocument, diagnostic: Diagnostic, type: string): T | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
    let node = leaf?.astNode;
    while (node && node.$type !== type) node = node.$container;
    return node as T | undefined;
}

/** `"Strategic Accts" -> Enterprise`, added to the block's pairs (made when it has none). */
export function pairTierValue(
    evaluator: CapEvaluator,
    document: LangiumDocument,
    diagnostic: Diagnostic,
): CodeAction[] {
    const value = cellValue(diagnostic);
    const column = propertyAt<TierColumn>(document, diagnostic, 'TierColumn');
    const block = column && (AstUtils.getContainerOfType(column, isData) as Data | undefined);
    if (value === undefined || !column?.$cstNode || !block) return [];
    const model = figuresFor(evaluator, document)?.evaluation.model;
    const tiers = (model?.tiers ?? []).filter(t => t.accountsFrom === block.name).map(t => t.name);
    const pair = (tier: string) => `${JSON.stringify(value)} -> ${tier}`;
    const text = document.textDocument.getText();
    return tiers.map((tier, i) => {
        let edit: TextEdit;
        const close =
            column.pairs.length > 0 || column.$cstNode!.text.trimEnd().endsWith('}') ? lastBrace(column) : undefined;
        if (close) {
            // Under the last pair, indented like it (or on the `{` line when the pairs are on one line).
            const last = column.pairs.at(-1)?.$cstNode;
            const lineStart = last ? text.lastIndexOf('\n', last.offset - 1) + 1 : -1;
            const indent = last ? /^[ \t]*/.exec(text.slice(lineStart))![0] : '';
            const multiline = last !== undefined && lineStart > column.$cstNode!.offset;
            edit = multiline
                ? { range: { start: last!.range.end, end: last!.range.end }, newText: `\n${indent}${pair(tier)}` }
                : { range: { start: close.start, end: close.start }, newText: `${last ? ' ' : ''}${pair(tier)} ` };
        } else {
            const name = GrammarUtils.findNodeForProperty(column.$cstNode, 'column')!;
            edit = { range: { start: name.range.end, end: name.range.end }, newText: ` { ${pair(tier)} }` };
        }
        return quickFix(`Pair "${value}" with ${tier}`, document, diagnostic, [edit], i === 0);
    });
}

/** The range of a tier column's closing brace. */
function lastBrace(column: TierColumn) {
    const braces = GrammarUtils.findNodesForKeyword(column.$cstNode, '}');
    return braces.at(-1)?.range;
}

/** `agent dana_whitfield "Dana Whitfield" { role CSM }`, at the end of the file. */
export function createOwnerAgent(
    evaluator: CapEvaluator,
    document: LangiumDocument,
    diagnostic: Diagnostic,
): CodeAction[] {
    const value = cellValue(diagnostic);
    const column = propertyAt<OwnerColumn>(document, diagnostic, 'OwnerColumn');
    const role = column?.role?.$refText;
    if (value === undefined || !role) return [];
    const taken = new Set(figuresFor(evaluator, document)?.evaluation.model.agents.map(a => a.name) ?? []);
    for (const el of (document.parseResult.value as CapFile).elements) if (el.$type === 'Agent') taken.add(el.name);
    const base = identifier(value);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    const text = document.textDocument.getText();
    const end = document.textDocument.positionAt(text.length);
    const newLine = text.endsWith('\n') || text === '' ? '' : '\n';
    const newText = `${newLine}agent ${name} ${JSON.stringify(value)} { role ${role} }\n`;
    return [
        quickFix(
            `Create agent ${name} "${value}" (${role})`,
            document,
            diagnostic,
            [{ range: { start: end, end }, newText }],
            true,
        ),
    ];
}

/** A name Cap reads from a person's name: `Dana Whitfield` → `dana_whitfield`. */
export function identifier(value: string): string {
    const words = value
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
    const name = words.join('_') || 'owner';
    return /^[0-9]/.test(name) ? `_${name}` : name;
}
