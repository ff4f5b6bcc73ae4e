import type { LangiumDocument } from 'langium';
import { CstUtils } from 'langium';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { Service } from '../generated/ast.js';
import type { CapEvaluator } from '../workspace/evaluation.js';
import { figuresFor } from './figures.js';

/**
 * The quick fix for drift (spec section 15, CAP091): the designed effort becomes the effort per
 * occurrence the time log shows, rounded to a step a plan would write.
 */
export function useLoggedEffort(
    evaluator: CapEvaluator,
    document: LangiumDocument,
    diagnostic: Diagnostic,
): CodeAction[] {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
    let node = leaf?.astNode;
    while (node && node.$type !== 'Service') node = node.$container;
    const service = node as Service | undefined;
    const actuals = figuresFor(evaluator, document)?.evaluation.results.actuals ?? {};
    if (!service?.name) return [];
    for (const block of Object.values(actuals)) {
        const effort = Object.hasOwn(block.services, service.name) ? block.services[service.name].actualEffort : null;
        if (effort === null || effort <= 0) continue;
        const text = `${effortStep(effort)}h`;
        return [
            {
                title: `Use the logged effort (${text})`,
                kind: CodeActionKind.QuickFix,
                diagnostics: [diagnostic],
                isPreferred: true,
                edit: { changes: { [document.uri.toString()]: [{ range: diagnostic.range, newText: text }] } },
            },
        ];
    }
    return [];
}

/**
 * Hours per occurrence rounded as a plan writes them: tenths of an hour under 10 h (5.3h),
 * halves up to 100 h (12.5h), whole hours above; never 0 (0.1h at least).
 */
export function effortStep(hours: number): string {
    const step = hours < 10 ? 0.1 : hours < 100 ? 0.5 : 1;
    const rounded = Math.max(0.1, Math.round(hours / step) * step);
    return String(Number(rounded.toFixed(1)));
}
