import * as vscode from 'vscode';
import type { CapReport } from '../preview/report.js';

/** What the server pushes after each build (`cap/preview`, see packages/language/src/lsp/preview-notification.ts). */
export interface PreviewPush {
    uri: string;
    version: number;
    /** The entry file and every file it imports. */
    files?: string[];
    report: CapReport;
}

export const PREVIEW_NOTIFICATION = 'cap/preview';

/**
 * The latest report of every entry model, as pushed by the server. Nothing here asks the server:
 * a view waits for the next push instead, which arrives after the build an edit or an open starts.
 */
export class ReportStore implements vscode.Disposable {
    private readonly latest = new Map<string, PreviewPush>();
    private readonly changed = new vscode.EventEmitter<PreviewPush>();
    readonly onDidChange = this.changed.event;

    accept(push: PreviewPush): void {
        const key = normalize(push.uri);
        const files = (push.files ?? []).map(normalize);
        this.latest.set(key, { ...push, uri: key, files: files.length > 0 ? files : [key] });
        this.changed.fire(this.latest.get(key)!);
    }

    /**
     * The report a document shows: its own when it is an entry model, otherwise the first (by URI)
     * model that imports it, as the server's hints do for a shared file.
     */
    forDocument(uri: vscode.Uri | string): PreviewPush | undefined {
        const key = normalize(uri);
        const own = this.latest.get(key);
        if (own) return own;
        const importers = [...this.latest.values()]
            .filter(p => p.files?.includes(key))
            .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
        return importers[0];
    }

    /** Resolves with the document's report once one built from `version` (or later) arrived. */
    waitFor(uri: vscode.Uri, version: number | undefined, timeoutMs: number): Promise<PreviewPush | undefined> {
        const fresh = () => {
            const push = this.forDocument(uri);
            if (!push) return undefined;
            if (version === undefined || push.uri !== normalize(uri) || push.version >= version) return push;
            return undefined;
        };
        const now = fresh();
        if (now) return Promise.resolve(now);
        return new Promise(resolve => {
            const timer = setTimeout(() => {
                listener.dispose();
                resolve(this.forDocument(uri));
            }, timeoutMs);
            const listener = this.onDidChange(() => {
                const push = fresh();
                if (!push) return;
                clearTimeout(timer);
                listener.dispose();
                resolve(push);
            });
        });
    }

    dispose(): void {
        this.changed.dispose();
    }
}

export function normalize(uri: vscode.Uri | string): string {
    return (typeof uri === 'string' ? vscode.Uri.parse(uri) : uri).toString();
}
