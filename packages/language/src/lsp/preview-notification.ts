import type { LangiumDocument } from 'langium';
import type { CapReport } from '@cap/engine';
import { toReport } from '@cap/engine';
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { NotificationType } from 'vscode-languageserver';
import type { CapServices } from '../cap-module.js';
import { toReportDiagnostics } from '../workspace/report-diagnostics.js';
import { dataFileDiagnostics } from '../workspace/data-diagnostics.js';
import type { LocatedDiagnostic } from '../workspace/loader.js';

/**
 * `cap/preview`: the server's push of an entry model's `cap-report/1` report after each build, so
 * that a client's capacity preview follows the text without asking. The report is the one
 * `cap build` writes, with each agent's `title` added. `version` is the entry
 * document's version the report was built from, for a client to tell a stale push.
 */
export interface CapPreviewParams {
    uri: string;
    version: number;
    /** The entry file and every file it imports, so a client can show a shared file's model. */
    files: string[];
    report: PreviewReport;
}

/** The report `cap build` writes, each agent with its display name (null when it has none). */
export type PreviewReport = Omit<CapReport, 'agents'> & {
    agents: Record<string, { title: string | null } & CapReport['agents'][string]>;
};

export const CapPreviewNotification = new NotificationType<CapPreviewParams>('cap/preview');

/**
 * A client opts in with `capabilities.experimental.capPreview: true`; editors that show no preview
 * (Neovim, Helix, ...) never receive a report they would drop.
 */
export function clientWantsPreviews(params: InitializeParams): boolean {
    const experimental = params.capabilities.experimental as { capPreview?: unknown } | undefined;
    return experimental?.capPreview === true;
}

/**
 * The reports of every entry model a build touched: an edit to a shared roles file moves every
 * plan that imports it. Each report comes from the evaluation the validator already cached for
 * this workspace state, with the diagnostics of the entry's whole import closure, as `cap build`
 * writes it.
 */
export function previewsOf(
    Cap: CapServices,
    built: readonly LangiumDocument[],
    failed: (err: unknown) => void = err => {
        throw err;
    },
): CapPreviewParams[] {
    const evaluator = Cap.evaluation.CapEvaluator;
    const entries = new Map<string, LangiumDocument>();
    for (const doc of built) {
        for (const { entry } of evaluator.evaluationsOf(doc)) entries.set(entry.uri.toString(), entry);
    }
    // One model's report failing to build must not keep every other model's from its preview.
    return [...entries.values()].flatMap(entry => {
        try {
            return [previewOf(Cap, entry)];
        } catch (err) {
            failed(err);
            return [];
        }
    });
}

function previewOf(Cap: CapServices, entry: LangiumDocument): CapPreviewParams {
    const evaluator = Cap.evaluation.CapEvaluator;
    const evaluation = evaluator.evaluate(entry);
    const closure = Cap.workspace.ImportGraph.closure(entry);
    const located: LocatedDiagnostic[] = closure.flatMap(document =>
        (document.diagnostics ?? []).map(diagnostic => ({ uri: document.uri, document, diagnostic })),
    );
    located.push(...dataFileDiagnostics([...evaluation.data, ...evaluation.actuals]));
    return {
        uri: entry.uri.toString(),
        version: entry.textDocument.version,
        files: closure.map(document => document.uri.toString()),
        report: withAgentTitles(toReport(evaluation, toReportDiagnostics(located, entry)), evaluation.model.agents),
    };
}

/**
 * The preview shows agents by their display names (`agent alice "Alice Chen"`), which `cap build`'s
 * report does not carry: the push adds each agent's `title` (null when it has none) for the preview
 * alone, and leaves every other figure as `cap build` writes it.
 */
function withAgentTitles(report: CapReport, agents: readonly { name: string; title: string | null }[]): PreviewReport {
    const reported = report.agents;
    const titles = new Map(agents.map(a => [a.name, a.title]));
    // fromEntries defines each key, so an agent named `__proto__` stays an agent.
    const titled = Object.fromEntries(
        Object.keys(reported).map(name => [name, { title: titles.get(name) ?? null, ...reported[name] }]),
    );
    return { ...report, agents: titled };
}

export function sendPreviews(connection: Connection, Cap: CapServices, built: readonly LangiumDocument[]): void {
    for (const params of previewsOf(Cap, built, err => connection.console.error(`cap/preview: ${String(err)}`)))
        void connection.sendNotification(CapPreviewNotification, params).catch(() => undefined);
}
