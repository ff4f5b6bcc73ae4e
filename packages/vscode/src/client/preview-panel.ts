import * as vscode from 'vscode';
import type { DisplayOptions } from '../preview/format.js';
import {
    PREVIEW_VIEW_TYPE,
    previewNonce,
    previewTitle,
    renderPreviewBody,
    renderPreviewHtml,
    renderStatus,
} from '../preview/render.js';
import type { ReportStore } from './reports.js';
import { normalize } from './reports.js';

/** What the webview keeps across a window reload (`getState`/`setState` in src/webview/preview.ts). */
interface PreviewState {
    documentUri?: string;
}

/**
 * One capacity preview per model file, beside its editor. The view follows the server's pushes:
 * a visible panel gets the new body as a message (no reload, no lost scroll position); a hidden
 * one gets a new document, which VS Code loads when it is shown again. A page that is still
 * loading says `ready` when its script runs and is then sent the latest body.
 */
export class PreviewPanels implements vscode.Disposable {
    private readonly panels = new Map<string, vscode.WebviewPanel>();
    /** Panels whose page has loaded its script: a message to a page still loading would be lost. */
    private readonly ready = new Set<string>();
    /** The body each panel shows now, for the integration tests and `cap.copySummary` callers. */
    readonly shown = new Map<string, string>();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(
        private readonly extensionUri: vscode.Uri,
        private readonly reports: ReportStore,
        private readonly display: () => DisplayOptions,
    ) {
        this.disposables.push(reports.onDidChange(() => this.refreshAll()));
    }

    /** Opens (or reveals) the preview of a model file. */
    open(documentUri: vscode.Uri): vscode.WebviewPanel {
        const key = normalize(documentUri);
        const existing = this.panels.get(key);
        if (existing) {
            existing.reveal(vscode.ViewColumn.Beside, true);
            return existing;
        }
        const panel = vscode.window.createWebviewPanel(
            PREVIEW_VIEW_TYPE,
            this.title(documentUri),
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            this.webviewOptions(),
        );
        this.adopt(panel, documentUri);
        return panel;
    }

    /** A panel VS Code restored after a reload: the state names its model file. */
    restore(panel: vscode.WebviewPanel, state: unknown): void {
        const uri = (state as PreviewState | undefined)?.documentUri;
        if (typeof uri !== 'string') {
            panel.dispose();
            return;
        }
        panel.webview.options = this.webviewOptions();
        this.adopt(panel, vscode.Uri.parse(uri));
        // The server builds what is open; the restored preview's model may not be.
        void vscode.workspace.openTextDocument(vscode.Uri.parse(uri)).then(undefined, () => undefined);
    }

    refreshAll(): void {
        for (const [key, panel] of this.panels) this.update(key, panel, false);
    }

    /** The document a preview panel shows, when the panel is the active editor. */
    activeDocument(): vscode.Uri | undefined {
        for (const [key, panel] of this.panels) if (panel.active) return vscode.Uri.parse(key);
        return undefined;
    }

    has(documentUri: vscode.Uri): boolean {
        return this.panels.has(normalize(documentUri));
    }

    private adopt(panel: vscode.WebviewPanel, documentUri: vscode.Uri): void {
        const key = normalize(documentUri);
        this.panels.set(key, panel);
        panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'cap-file.svg');
        panel.onDidDispose(
            () => {
                this.panels.delete(key);
                this.shown.delete(key);
                this.ready.delete(key);
            },
            null,
            this.disposables,
        );
        panel.webview.onDidReceiveMessage(
            (message: { type?: unknown }) => {
                if (message?.type !== 'ready') return;
                this.ready.add(key);
                // A push that arrived while the page loaded was not posted: send what is current.
                const body = this.shown.get(key);
                if (body !== undefined) void panel.webview.postMessage({ type: 'update', html: body });
            },
            null,
            this.disposables,
        );
        this.update(key, panel, true);
    }

    private update(key: string, panel: vscode.WebviewPanel, reload: boolean): void {
        const push = this.reports.forDocument(key);
        const body = push
            ? renderPreviewBody(push.report, this.display())
            : renderStatus('Building the model… The preview appears after the language server has read the file.');
        if (this.shown.get(key) === body && !reload) return;
        this.shown.set(key, body);
        panel.title = this.title(vscode.Uri.parse(key));
        if (reload || !panel.visible) {
            this.ready.delete(key);
            panel.webview.html = renderPreviewHtml({
                body,
                nonce: previewNonce(),
                cspSource: panel.webview.cspSource,
                scriptUri: panel.webview
                    .asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'preview.js'))
                    .toString(),
                styleUri: panel.webview
                    .asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'preview.css'))
                    .toString(),
                documentUri: key,
                title: panel.title,
            });
        } else if (this.ready.has(key)) {
            void panel.webview.postMessage({ type: 'update', html: body });
        }
    }

    private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
        return {
            enableScripts: true,
            enableCommandUris: false,
            localResourceRoots: [
                vscode.Uri.joinPath(this.extensionUri, 'media'),
                vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'),
            ],
        };
    }

    private title(documentUri: vscode.Uri): string {
        return previewTitle(documentUri.path);
    }

    dispose(): void {
        for (const panel of this.panels.values()) panel.dispose();
        this.disposables.forEach(d => d.dispose());
    }
}
