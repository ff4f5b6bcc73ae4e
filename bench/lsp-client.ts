import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import type { MessageConnection } from 'vscode-jsonrpc/node.js';

export const CAP_BIN = fileURLToPath(new URL('../packages/cli/bin/cap.js', import.meta.url));

export interface Position {
    line: number;
    character: number;
}
export interface Range {
    start: Position;
    end: Position;
}
interface Hint {
    label: string | { value: string }[];
}

/**
 * An editor for the benchmark: starts `cap lsp` (the bundled CLI users run) and speaks LSP to it
 * over stdio, as Neovim or Helix do. Counts the diagnostics the server publishes per document,
 * which is how the benchmark sees a build finish.
 */
export class LspClient {
    readonly process: ChildProcess;
    readonly connection: MessageConnection;
    private readonly published = new Map<string, number>();
    /** performance.now() of every publication, per document. */
    readonly publishedAt = new Map<string, number[]>();
    private waiters: (() => void)[] = [];
    stderr = '';

    /** `nodeArgs`: flags for the server's node, e.g. `--cpu-prof` to profile what the server does. */
    constructor(nodeArgs: string[] = []) {
        this.process = spawn(process.execPath, [...nodeArgs, CAP_BIN, 'lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.process.stderr!.on('data', chunk => {
            this.stderr += String(chunk);
        });
        this.connection = createMessageConnection(
            new StreamMessageReader(this.process.stdout!),
            new StreamMessageWriter(this.process.stdin!),
        );
        this.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
            this.published.set(params.uri, (this.published.get(params.uri) ?? 0) + 1);
            this.publishedAt.set(params.uri, [...(this.publishedAt.get(params.uri) ?? []), performance.now()]);
            const waiters = this.waiters;
            this.waiters = [];
            waiters.forEach(w => w());
        });
        this.connection.onRequest(() => null);
        this.connection.listen();
    }

    async initialize(): Promise<void> {
        await this.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: null,
            capabilities: { textDocument: { inlayHint: {}, publishDiagnostics: {} } },
        });
        await this.connection.sendNotification('initialized', {});
    }

    /** How many times the server has published diagnostics for `uri`: one per finished build. */
    publications(uri: string): number {
        return this.published.get(uri) ?? 0;
    }

    /** Resolves once the server has published diagnostics for `uri` more than `count` times. */
    async publishedAfter(uri: string, count: number, ms = 120_000): Promise<void> {
        const deadline = Date.now() + ms;
        while (this.publications(uri) <= count) {
            if (Date.now() > deadline)
                throw new Error(`no diagnostics for ${uri} within ${ms} ms; server stderr: ${this.stderr}`);
            await new Promise<void>(resolve => {
                this.waiters.push(resolve);
                setTimeout(resolve, 100);
            });
        }
    }

    async open(uri: string, text: string): Promise<void> {
        const before = this.publications(uri);
        await this.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri, languageId: 'cap', version: 1, text },
        });
        await this.publishedAfter(uri, before);
    }

    change(uri: string, version: number, range: Range, text: string): Promise<void> {
        return this.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version },
            contentChanges: [{ range, text }],
        });
    }

    async hints(uri: string, range: Range): Promise<string[]> {
        const hints = (await this.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range })) as
            | Hint[]
            | null;
        return (hints ?? []).map(h => (typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join('')));
    }

    async stop(): Promise<void> {
        try {
            await this.connection.sendRequest('shutdown');
            await this.connection.sendNotification('exit');
        } catch {
            /* already gone */
        }
        await new Promise<void>(resolve => {
            if (this.process.exitCode !== null) resolve();
            else this.process.once('exit', () => resolve());
            setTimeout(resolve, 5_000);
        });
        this.connection.dispose();
        this.process.kill();
    }
}
