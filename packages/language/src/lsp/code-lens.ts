import type { LangiumDocument, MaybePromise } from 'langium';
import { AstUtils } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { formatFte, formatMoney, formatNumber, formatPercent } from '@cap/engine';
import type { CapEvaluator } from '../workspace/evaluation.js';
import { perPeriod } from './explain.js';

/** The command a client may bind to the totals lens; VS Code's extension opens the preview with it. */
export const OPEN_PREVIEW_COMMAND = 'cap.openPreview';

/**
 * The plan's totals on the model header of an entry file: the line a reviewer reads first.
 * Imported files show no lens, since their totals belong to the models that import them.
 */
export class CapCodeLensProvider implements CodeLensProvider {
    constructor(private readonly evaluator: () => CapEvaluator) {}

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): MaybePromise<CodeLens[] | undefined> {
        const ev = this.evaluator()
            .evaluationsOf(document)
            .find(e => e.entry === document);
        if (!ev) return [];
        const t = ev.results.totals;
        const cur = ev.results.model.currency;
        const { k, suffix } = perPeriod(ev);
        const title = [
            `${formatFte(t.requiredFte)} FTE required`,
            `${formatFte(t.staffedFte)} staffed`,
            `team cost ${formatMoney(t.teamCost * k, cur)}${suffix}`,
            `CRC ${formatMoney(t.crc === null ? null : t.crc * k, cur)}${suffix}`,
            `${formatNumber(t.accounts)} accounts`,
            `cost to revenue ${formatPercent(t.costToRevenue)}`,
        ].join(' · ');
        const line =
            ev.modelDecl?.$cstNode && AstUtils.getDocument(ev.modelDecl) === document
                ? ev.modelDecl.$cstNode.range.start.line
                : 0;
        const range = { start: { line, character: 0 }, end: { line, character: 0 } };
        return [{ range, command: { title, command: OPEN_PREVIEW_COMMAND, arguments: [document.uri.toString()] } }];
    }
}
