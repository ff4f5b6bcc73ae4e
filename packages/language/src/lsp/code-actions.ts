import type { CstNode, LangiumDocument, MaybePromise } from 'langium';
import { AstUtils, CstUtils } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeAction, CodeActionParams, Command, Diagnostic, TextEdit } from 'vscode-languageserver';
import type { CapFile, Measure, Property } from '../generated/ast.js';
import {
    isMeasure,
    isModelDecl,
    isOverheadItem,
    isOverheadProperty,
    isRole,
    isRoleProperty,
    isService,
    isServicesProperty,
    isTiersProperty,
} from '../generated/ast.js';
import { Codes } from '../validation/codes.js';
import type { MeasureRule } from '../validation/property-rules.js';
import { OVERHEAD_HOURS, PROPERTY_RULES } from '../validation/property-rules.js';

import { blockKindOf } from './block-kind.js';
import { quickFix } from './quick-fix.js';
import type { CapEvaluator } from '../workspace/evaluation.js';
import { createOwnerAgent, pairTierValue } from './data-code-actions.js';
import { useLoggedEffort } from './actuals-code-actions.js';

const SYMBOL_OF: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };

function money(amount: number, currency: string): string {
    const text = amount.toLocaleString('en-US');
    return SYMBOL_OF[currency] ? `${SYMBOL_OF[currency]}${text}` : `${text} ${currency}`;
}

/** What a new declaration needs to be valid, so that "create" leaves no new error behind. */
const SKELETONS: Record<
    'role' | 'service' | 'tier',
    (name: string, ctx: { role?: string; currency: string }) => string
> = {
    role: (name, ctx) =>
        `role ${name} {\n  hours 160h / month\n  overhead 40h / month\n` +
        `  cost ${money(9500, ctx.currency)} / month\n}\n`,
    service: (name, ctx) => `service ${name} {\n  role ${ctx.role ?? 'CSM'}\n  effort 1h every month\n}\n`,
    tier: name => `tier ${name} {\n  accounts 0\n}\n`,
};

/**
 * Quick fixes for the mistakes people make most: a word Cap suggests another for ("did you
 * mean"), a `{` never closed, a quantity without its unit or its `/ month`, a reference to a role
 * or service that does not exist yet, and an unused declaration.
 */
export class CapCodeActionProvider implements CodeActionProvider {
    constructor(private readonly evaluator?: CapEvaluator) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            actions.push(...useSuggestion(document, diagnostic), ...closeBlock(document, diagnostic));
            switch (diagnostic.code) {
                case Codes.WrongUnit:
                    actions.push(...addUnit(document, diagnostic));
                    break;
                case Codes.MissingTimeUnit:
                    actions.push(...addTimeUnit(document, diagnostic));
                    break;
                case Codes.UnresolvedReference:
                    actions.push(...createDeclaration(document, diagnostic));
                    break;
                case Codes.UnusedRole:
                case Codes.UnusedService:
                    actions.push(...removeDeclaration(document, diagnostic));
                    break;
                case Codes.DataTierUnmatched:
                    if (this.evaluator) actions.push(...pairTierValue(this.evaluator, document, diagnostic));
                    break;
                case Codes.DataOwnerUnmatched:
                    if (this.evaluator) actions.push(...createOwnerAgent(this.evaluator, document, diagnostic));
                    break;
                case Codes.ActualsDrift:
                    if (this.evaluator) actions.push(...useLoggedEffort(this.evaluator, document, diagnostic));
                    break;
            }
        }
        return actions;
    }
}

function nodeAt(document: LangiumDocument, diagnostic: Diagnostic): CstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    return root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
}

function measureAt(document: LangiumDocument, diagnostic: Diagnostic): Measure | undefined {
    const leaf = nodeAt(document, diagnostic);
    return leaf ? AstUtils.getContainerOfType(leaf.astNode, isMeasure) : undefined;
}

function currencyOf(document: LangiumDocument): string {
    const header = (document.parseResult.value as CapFile).elements.find(isModelDecl);
    const prop = header?.props.find(p => p.key === 'currency') as { code?: string } | undefined;
    return prop?.code ?? 'USD';
}

/** "…: did you mean `CSM`?": the diagnostic's range becomes the word it suggests (see document-validator.ts). */
function useSuggestion(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const suggestion = (diagnostic.data as { suggestion?: unknown } | undefined)?.suggestion;
    if (typeof suggestion !== 'string') return [];
    const written = document.textDocument.getText(diagnostic.range);
    if (written === '' || written === suggestion) return [];
    return [
        quickFix(`Change \`${written}\` to \`${suggestion}\``, document, diagnostic, [
            { range: diagnostic.range, newText: suggestion },
        ]),
    ];
}

/** A `{` never closed: the `}` where the block ends (CapLexer works out where). */
function closeBlock(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const closing = (diagnostic.data as { closing?: TextEdit } | undefined)?.closing;
    if (!closing?.range || typeof closing.newText !== 'string') return [];
    return [quickFix('Add the missing `}`', document, diagnostic, [closing])];
}

/** The rule of a measure's property, or of the overhead item it is the value of. */
function measureRule(m: Measure): { key: string; rule: MeasureRule } | undefined {
    const owner = m.$container;
    if (isOverheadItem(owner)) return { key: owner.name, rule: OVERHEAD_HOURS };
    const key = (owner as Property).key;
    if (isOverheadProperty(owner)) return { key, rule: OVERHEAD_HOURS };
    const block = blockKindOf(m);
    const rule = block && PROPERTY_RULES[block][key]?.measure;
    return rule ? { key, rule } : undefined;
}

/** `hours 160` → `hours 160h / month`: the number as written, shaped like the property's example. */
function addUnit(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const m = measureAt(document, diagnostic);
    if (!m?.$cstNode || m.symbol !== undefined || m.unit !== undefined || m.percent) return [];
    const found = measureRule(m);
    if (!found) return [];
    const { key, rule } = found;
    const shape = /^([$€£]?)[0-9][0-9.,kM]*(.*)$/.exec(rule.example);
    if (!shape) return [];
    const number = m.$cstNode.text.replace(/\s*(\/|per)\s*.*$/, '');
    let [, prefix, suffix] = shape;
    if (rule.dimension === 'money') {
        const currency = currencyOf(document);
        const symbol = SYMBOL_OF[currency];
        prefix = symbol ?? '';
        if (!symbol) suffix = ` ${currency}${suffix}`;
    }
    if (m.per !== undefined) suffix = suffix.replace(/\s*\/.*$/, '');
    const range = m.$cstNode.range;
    const rest = m.$cstNode.text.slice(number.length);
    const newText = `${prefix}${number}${suffix}${rest}`;
    return [quickFix(`Write \`${key} ${newText}\``, document, diagnostic, [{ range, newText }])];
}

/** `hours 160h` → `hours 160h / month`. */
function addTimeUnit(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const m = measureAt(document, diagnostic);
    if (!m?.$cstNode || m.per !== undefined) return [];
    const key = (m.$container as Property).key;
    const block = blockKindOf(m);
    const example = block ? PROPERTY_RULES[block][key]?.measure?.example : undefined;
    const units = ['month'];
    const suggested = example ? /\/\s*(week|month|quarter|year)/.exec(example)?.[1] : undefined;
    if (suggested && suggested !== 'month') units.unshift(suggested);
    const end = m.$cstNode.range.end;
    return units.map((unit, i) =>
        quickFix(
            `Add \`/ ${unit}\``,
            document,
            diagnostic,
            [{ range: { start: end, end }, newText: ` / ${unit}` }],
            i === 0,
        ),
    );
}

/** `role CSMM` where no role CSMM exists: declare it at the end of the file. */
function createDeclaration(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const leaf = nodeAt(document, diagnostic);
    if (!leaf) return [];
    const owner = leaf.astNode;
    const kind = isRoleProperty(owner)
        ? 'role'
        : isServicesProperty(owner)
          ? 'service'
          : isTiersProperty(owner)
            ? 'tier'
            : undefined;
    if (!kind || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(leaf.text)) return [];
    const text = document.textDocument.getText();
    const end = document.textDocument.positionAt(text.length);
    const separator = text.length === 0 || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    const ctx = { role: kind === 'service' ? firstRoleName(document) : undefined, currency: currencyOf(document) };
    return [
        quickFix(`Create ${kind} \`${leaf.text}\``, document, diagnostic, [
            { range: { start: end, end }, newText: separator + SKELETONS[kind](leaf.text, ctx) },
        ]),
    ];
}

function firstRoleName(document: LangiumDocument): string | undefined {
    return (document.parseResult.value as CapFile).elements.find(isRole)?.name;
}

/** Deletes an unused role or service with its whole lines, so no blank hole is left behind. */
function removeDeclaration(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const leaf = nodeAt(document, diagnostic);
    const decl =
        leaf &&
        (AstUtils.getContainerOfType(leaf.astNode, isRole) ?? AstUtils.getContainerOfType(leaf.astNode, isService));
    if (!decl?.$cstNode) return [];
    const { start, end } = decl.$cstNode.range;
    const lineEnd = document.textDocument.getText({ start: end, end: { line: end.line + 1, character: 0 } });
    const wholeLines =
        lineEnd.trim() === '' &&
        document.textDocument.getText({ start: { line: start.line, character: 0 }, end: start }).trim() === '';
    const text = document.textDocument;
    const blank = (line: number) =>
        line >= 0 &&
        line < text.lineCount &&
        text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).trim() === '';
    // Between two blank lines, take one of them too, so the declarations around close up evenly.
    const extra = wholeLines && blank(start.line - 1) && blank(end.line + 1) ? 1 : 0;
    // At the end of a file there is no next line to reach: stop at the end of the text.
    const lineAfter = text.positionAt(text.offsetAt({ line: end.line + 1 + extra, character: 0 }));
    const range = wholeLines ? { start: { line: start.line, character: 0 }, end: lineAfter } : { start, end };
    return [
        quickFix(
            `Remove unused ${isRole(decl) ? 'role' : 'service'} \`${decl.name}\``,
            document,
            diagnostic,
            [{ range, newText: '' }],
            false,
        ),
    ];
}
