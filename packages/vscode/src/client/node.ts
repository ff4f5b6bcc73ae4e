import { execFile } from 'node:child_process';
import type * as vscode from 'vscode';
import { DATA_FILES } from './data-files.js';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { CapExtensionApi } from './activate.js';
import { activateCap } from './activate.js';

/**
 * The desktop extension: the bundled language server runs in a separate Node process (VS Code's
 * own Node, over IPC), so a slow build never blocks the editor.
 */
export function activate(context: vscode.ExtensionContext): Promise<CapExtensionApi> {
    const module = context.asAbsolutePath('dist/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [
            { scheme: 'file', language: 'cap' },
            { scheme: 'untitled', language: 'cap' },
            // CRM exports a model reads (spec section 14): synchronised so that an edit rebuilds the
            // models that read them, never Cap documents (the server answers nothing on them).
            { scheme: 'file', pattern: DATA_FILES },
        ],
    };
    const client = new LanguageClient('cap', 'Cap', serverOptions, clientOptions);
    const cli = context.asAbsolutePath('dist/cli/cap.mjs');
    return activateCap(context, client, {
        // The editor's own Node runs the CLI bundle: nothing needs to be installed on the machine.
        runCli: (args, cwd) =>
            new Promise(resolve => {
                execFile(
                    process.execPath,
                    [cli, ...args],
                    {
                        cwd,
                        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
                        timeout: 60_000,
                        maxBuffer: 16 * 1024 * 1024,
                    },
                    (error, stdout, stderr) =>
                        resolve({
                            code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
                            stdout: String(stdout),
                            stderr: String(stderr),
                        }),
                );
            }),
    });
}

export function deactivate(): void {
    // The client is stopped through the context's subscriptions.
}
