import type { LangiumDocuments } from 'langium';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { CapFile } from '../generated/ast.js';
import type { CapEvaluator } from '../workspace/evaluation.js';
import { dataFileDiagnostics } from '../workspace/data-diagnostics.js';

/**
 * Publishes the problems models find in their data files (a cell that is not an amount, a quote
 * left open) on those files' URIs, so that the CSV shows them where they are. Langium publishes a
 * `.cap` document's diagnostics itself; a data file is no Cap document, so after each build this
 * gathers what every model that reads a data file found in it, sends what changed, and clears a
 * file once no model finds anything in it.
 */
export class DataDiagnosticsPublisher {
    /** What was last sent per data file, as JSON, to send only what changed. */
    private readonly sent = new Map<string, string>();

    constructor(
        private readonly connection: Connection,
        private readonly documents: LangiumDocuments,
        private readonly evaluator: CapEvaluator,
    ) {}

    publish(): void {
        const byUri = new Map<string, Map<string, Diagnostic>>();
        for (const document of this.documents.all) {
            const root = document.parseResult?.value as CapFile | undefined;
            if (!root?.elements?.some(el => el.$type === 'Data' || el.$type === 'Actuals')) continue;
            for (const evaluation of this.evaluator.evaluationsOf(document)) {
                for (const { uri, diagnostic } of dataFileDiagnostics([...evaluation.data, ...evaluation.actuals])) {
                    const key = uri.toString();
                    let diagnostics = byUri.get(key);
                    if (!diagnostics) byUri.set(key, (diagnostics = new Map()));
                    // Two models reading one file find its problems twice: once each is enough.
                    diagnostics.set(JSON.stringify(diagnostic), diagnostic);
                }
            }
        }
        for (const [uri, diagnostics] of byUri) this.send(uri, [...diagnostics.values()]);
        for (const uri of [...this.sent.keys()]) if (!byUri.has(uri)) this.send(uri, []);
    }

    private send(uri: string, diagnostics: Diagnostic[]): void {
        const json = JSON.stringify(diagnostics);
        if (this.sent.get(uri) === json) return;
        if (diagnostics.length === 0) this.sent.delete(uri);
        else this.sent.set(uri, json);
        void this.connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined);
    }
}
