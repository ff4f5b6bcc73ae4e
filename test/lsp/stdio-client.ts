import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import type { MessageConnection } from 'vscode-jsonrpc/node.js';

const root = resolve(__dirname, '../..');
export const CAP_BIN = join(root, 'packages/cli/bin/cap.js');

export interface PublishedDiagnostics {
    uri: string;
    diagnostics: {
        code?: string;
        message: string;
        severity?: number;
        range: unknown;
        codeDescription?: { href: string };
    }[];
}

/**
 * An editor in a test: starts `cap lsp` as a child process and speaks JSON-RPC to it over stdio,
 * exactly as Neovim or Helix would. Records every notification and server-to-client request.
 */
export class StdioClient {
    readonly process: ChildProcess;
    readonly connection: MessageConnection;
    readonly diagnostics = new Map<string, PublishedDiagnostics[]>();
    readonly serverRequests: string[] = [];
    stderr = '';
    private waiters: (() => void)[] = [];

    constructor(args: string[] = ['lsp']) {
        this.process = spawn(process.execPath, [CAP_BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.process.stderr!.on('data', chunk => {
            this.stderr += String(chunk);
        });
        this.connection = createMessageConnection(
            new StreamMessageReader(this.process.stdout!),
            new StreamMessageWriter(this.process.stdin!),
        );
        this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
            const list = this.diagnostics.get(params.uri) ?? [];
            list.push(params);
            this.diagnostics.set(params.uri, list);
            this.notify();
        });
        this.connection.onRequest((method: string) => {
            this.serverRequests.push(method);
            this.notify();
            return null;
        });
        this.connection.listen();
    }

    private notify(): void {
        const waiters = this.waiters;
        this.waiters = [];
        waiters.forEach(w => w());
    }

    /** Resolves when `check` holds, re-checking after every message from the server. */
    async until<T>(check: () => T | undefined, what: string, ms = 15_000): Promise<T> {
        const deadline = Date.now() + ms;
        for (;;) {
            const value = check();
            if (value !== undefined && value !== false) return value;
            if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; server stderr: ${this.stderr}`);
            await new Promise<void>(res => {
                this.waiters.push(res);
                setTimeout(res, 200);
            });
        }
    }

    /** The diagnostics published for a document after `after` publications. */
    publishedFor(uri: string, after = 0): PublishedDiagnostics | undefined {
        const list = this.diagnostics.get(uri);
        return list && list.length > after ? list[list.length - 1] : undefined;
    }

    /**
     * `initialize` and `initialized`, as an editor that shows inlay hints and refreshes them when
     * asked, with more text-document capabilities if given (`{ hover: { contentFormat: ['markdown'] } }`).
     */
    async initialize(textDocument: object = {}): Promise<void> {
        await this.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: null,
            capabilities: {
                workspace: { inlayHint: { refreshSupport: true } },
                textDocument: { inlayHint: {}, ...textDocument },
            },
        });
        await this.connection.sendNotification('initialized', {});
    }

    /** Opens a document and waits for its first diagnostics. */
    async open(uri: string, text: string): Promise<PublishedDiagnostics> {
        await this.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri, languageId: 'cap', version: 1, text },
        });
        return this.until(() => this.publishedFor(uri), `diagnostics of ${uri}`);
    }

    /** The labels of a document's inlay hints in its first `lines` lines. */
    async hintLabels(uri: string, lines = 50): Promise<string[]> {
        const result = (await this.connection.sendRequest('textDocument/inlayHint', {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
        })) as { label: string | { value: string }[] }[] | null;
        return (result ?? []).map(h => (typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join('')));
    }

    async stop(): Promise<number | null> {
        try {
            await this.connection.sendRequest('shutdown');
            await this.connection.sendNotification('exit');
        } catch {
            /* the process may already be gone */
        }
        const code = await new Promise<number | null>(res => {
            if (this.process.exitCode !== null) res(this.process.exitCode);
            else this.process.once('exit', c => res(c));
            setTimeout(() => res(null), 5_000);
        });
        this.connection.dispose();
        this.process.kill();
        return code;
    }
}
