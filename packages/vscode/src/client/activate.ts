import * as vscode from 'vscode';
import type { BaseLanguageClient, FeatureState, StaticFeature } from 'vscode-languageclient';
import type { CurrencyFormat, DisplayOptions, PeriodChoice } from '../preview/format.js';
import { PREVIEW_VIEW_TYPE } from '../preview/render.js';
import { asBuilt, countBySeverity } from '../preview/report.js';
import { summaryMarkdown } from '../preview/summary-markdown.js';
import { exportForFinance } from './finance-export.js';
import type { CapHost } from './host.js';
import { PreviewPanels } from './preview-panel.js';
import type { PreviewPush } from './reports.js';
import { PREVIEW_NOTIFICATION, ReportStore, normalize } from './reports.js';

export const COMMANDS = {
    openPreview: 'cap.openPreview',
    exportReport: 'cap.exportReport',
    copySummary: 'cap.copySummary',
    showPlanDiff: 'cap.showPlanDiff',
    exportFinance: 'cap.exportFinance',
} as const;

/** The extension's exports: read by the integration tests through `vscode.extensions`. */
export interface CapExtensionApi {
    client: BaseLanguageClient;
    /** The latest pushed report of a model file (or of the model that imports it). */
    reportFor(uri: vscode.Uri): PreviewPush | undefined;
    /** Resolves when a report built from the document's current version (or later) has arrived. */
    waitForReport(uri: vscode.Uri, timeoutMs?: number): Promise<PreviewPush | undefined>;
    /** The HTML body each open preview shows now, by model URI. */
    previewBodies(): ReadonlyMap<string, string>;
}

/** Asks the server for `cap/preview` pushes (capabilities.experimental.capPreview). */
class PreviewFeature implements StaticFeature {
    fillClientCapabilities(capabilities: { experimental?: unknown }): void {
        capabilities.experimental = { ...(capabilities.experimental as object | undefined), capPreview: true };
    }

    initialize(): void {
        /* nothing to set up: the notification handler is registered on the client */
    }

    getState(): FeatureState {
        return { kind: 'static' };
    }

    clear(): void {
        /* stateless */
    }
}

export function displayOptions(): DisplayOptions {
    const config = vscode.workspace.getConfiguration('cap.preview');
    const period = config.get<string>('period', 'model');
    const currencyFormat = config.get<string>('currencyFormat', 'symbol');
    return {
        period: (['model', 'month', 'quarter', 'year'].includes(period) ? period : 'model') as PeriodChoice,
        currencyFormat: (['symbol', 'code', 'compact'].includes(currencyFormat)
            ? currencyFormat
            : 'symbol') as CurrencyFormat,
    };
}

/** Wires the client, the preview and the commands; the same for the desktop and the web extension. */
export async function activateCap(
    context: vscode.ExtensionContext,
    client: BaseLanguageClient,
    host: CapHost,
): Promise<CapExtensionApi> {
    const reports = new ReportStore();
    const previews = new PreviewPanels(context.extensionUri, reports, displayOptions);
    context.subscriptions.push(reports, previews);

    client.registerFeature(new PreviewFeature());
    context.subscriptions.push(
        client.onNotification(PREVIEW_NOTIFICATION, (push: PreviewPush) => reports.accept(push)),
    );

    const waitForReport = async (uri: vscode.Uri, timeoutMs = 15_000): Promise<PreviewPush | undefined> => {
        const open = vscode.workspace.textDocuments.find(d => normalize(d.uri) === normalize(uri));
        // The server builds open documents: opening the model makes sure a push will come.
        const doc =
            open ??
            (await vscode.workspace.openTextDocument(uri).then(
                d => d,
                () => undefined,
            ));
        return reports.waitFor(uri, doc?.version, timeoutMs);
    };

    context.subscriptions.push(
        vscode.commands.registerCommand(COMMANDS.openPreview, (arg?: unknown) => {
            const uri = targetUri(arg, previews);
            if (!uri)
                return void vscode.window.showInformationMessage('Cap: open a .cap model to preview its capacity.');
            previews.open(uri);
            void waitForReport(uri);
        }),
        vscode.commands.registerCommand(COMMANDS.exportReport, async (arg?: unknown) => {
            const uri = targetUri(arg, previews);
            if (!uri) return void vscode.window.showInformationMessage('Cap: open a .cap model to export its report.');
            const push = await waitForReport(uri);
            if (!push)
                return void vscode.window.showErrorMessage(
                    `Cap: no report for ${basename(uri)} yet; the language server has not built it.`,
                );
            const model = vscode.Uri.parse(push.uri);
            const { errors } = countBySeverity(push.report);
            if (errors > 0) {
                // As `cap build` does: a report of a model with errors would carry made-up defaults.
                return void vscode.window.showErrorMessage(
                    `Cap: ${basename(model)} has ${errors} error${errors === 1 ? '' : 's'}; no report written.`,
                );
            }
            const target = reportUriFor(model);
            await writeAtomic(target, `${JSON.stringify(asBuilt(push.report), null, 2)}\n`);
            void vscode.window.showInformationMessage(`Cap: wrote ${basename(target)}`, 'Open').then(choice => {
                if (choice === 'Open') void vscode.window.showTextDocument(target);
            });
            return target;
        }),
        vscode.commands.registerCommand(COMMANDS.copySummary, async (arg?: unknown) => {
            const uri = targetUri(arg, previews);
            if (!uri) return void vscode.window.showInformationMessage('Cap: open a .cap model to copy its summary.');
            const push = await waitForReport(uri);
            if (!push)
                return void vscode.window.showErrorMessage(
                    `Cap: no report for ${basename(uri)} yet; the language server has not built it.`,
                );
            const markdown = summaryMarkdown(push.report, displayOptions());
            await vscode.env.clipboard.writeText(markdown);
            void vscode.window.showInformationMessage('Cap: summary copied as Markdown.');
            return markdown;
        }),
        vscode.commands.registerCommand(COMMANDS.showPlanDiff, async (arg?: unknown) =>
            showPlanDiff(targetUri(arg, previews), host),
        ),
        vscode.commands.registerCommand(COMMANDS.exportFinance, async (arg?: unknown) =>
            exportForFinance(targetUri(arg, previews), host),
        ),
        vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
            deserializeWebviewPanel: async (panel, state) => previews.restore(panel, state),
        }),
        vscode.workspace.onDidChangeConfiguration(e => {
            if (e.affectsConfiguration('cap.preview')) previews.refreshAll();
        }),
    );

    await client.start();
    context.subscriptions.push({ dispose: () => void client.stop() });
    return {
        client,
        reportFor: uri => reports.forDocument(uri),
        waitForReport,
        previewBodies: () => previews.shown,
    };
}

/**
 * The model a command acts on: its argument (a URI or URI string, from the code lens), the preview in front, or the
 * active editor.
 */
function targetUri(arg: unknown, previews: PreviewPanels): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri) return arg;
    if (typeof arg === 'string' && arg.length > 0) return vscode.Uri.parse(arg);
    const fromPreview = previews.activeDocument();
    if (fromPreview) return fromPreview;
    const editor = vscode.window.activeTextEditor;
    return editor?.document.languageId === 'cap' ? editor.document.uri : undefined;
}

function basename(uri: vscode.Uri): string {
    return uri.path.split('/').pop() ?? uri.path;
}

/** `plan.cap` → `plan.report.json`, beside the model, where `cap build -o` users keep it. */
export function reportUriFor(model: vscode.Uri): vscode.Uri {
    const name = basename(model).replace(/\.cap$/i, '');
    return vscode.Uri.joinPath(model, '..', `${name}.report.json`);
}

/**
 * Readers (a running `git diff`, a dashboard watching the file) see the old report or the new one,
 * never half of one: write a temporary file beside the target, then rename it over the target.
 * Through `workspace.fs`, so it works on every file system VS Code has (local, remote, virtual).
 */
async function writeAtomic(target: vscode.Uri, text: string): Promise<void> {
    const temp = vscode.Uri.joinPath(
        target,
        '..',
        `.${basename(target)}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`,
    );
    try {
        await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
        await vscode.workspace.fs.rename(temp, target, { overwrite: true });
    } catch (err) {
        await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
        throw err;
    }
}

async function showPlanDiff(uri: vscode.Uri | undefined, host: CapHost): Promise<string | undefined> {
    if (!uri) return void vscode.window.showInformationMessage('Cap: open a .cap model to compare it with git HEAD.');
    if (!host.runCli || uri.scheme !== 'file') {
        return void vscode.window.showInformationMessage(
            'Cap: the plan diff runs the cap command and git, which need the desktop editor and a file on disk.',
        );
    }
    const folder = vscode.Uri.joinPath(uri, '..').fsPath;
    const result = await host.runCli(['diff', '--git', 'HEAD', uri.fsPath, '--format', 'markdown'], folder);
    if (/unknown command|unknown option/i.test(result.stderr)) {
        return void vscode.window.showWarningMessage(
            'Cap: this version of the cap command has no `cap diff` yet; ' +
                'update the Cap extension to compare plans with git.',
        );
    }
    if (result.stdout.trim().length === 0) {
        const reason = result.stderr.trim().split('\n')[0] || `cap diff exited with code ${result.code}`;
        return void vscode.window.showErrorMessage(`Cap: ${reason}`);
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.stdout });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    return result.stdout;
}
