import * as vscode from 'vscode';
import type { LanguageClientOptions } from 'vscode-languageclient/browser';
import { LanguageClient } from 'vscode-languageclient/browser';
import type { CapExtensionApi } from './activate.js';
import { activateCap } from './activate.js';
import { FS_READ_DIRECTORY, FS_READ_FILE, FS_STAT } from '../server/fs-protocol.js';
import { DATA_FILES } from './data-files.js';
import type { FsNode } from '../server/fs-protocol.js';

/**
 * The web extension (vscode.dev, github.dev): the same language server in a Web Worker. A worker
 * has no file system, so the server reads the workspace and a model's imports through the editor
 * (`cap/fs/*` requests answered here with `workspace.fs`).
 */
export async function activate(context: vscode.ExtensionContext): Promise<CapExtensionApi> {
    const worker = new Worker(vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js').toString(true));
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'cap' }, { pattern: DATA_FILES }],
    };
    const client = new LanguageClient('cap', 'Cap', worker, clientOptions);
    const node = (uri: vscode.Uri, type: vscode.FileType): FsNode => ({
        uri: uri.toString(),
        isFile: (type & vscode.FileType.File) !== 0,
        isDirectory: (type & vscode.FileType.Directory) !== 0,
    });
    context.subscriptions.push(
        client.onRequest(FS_READ_FILE, async (uri: string) =>
            new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri))),
        ),
        client.onRequest(FS_STAT, async (uri: string) =>
            node(vscode.Uri.parse(uri), (await vscode.workspace.fs.stat(vscode.Uri.parse(uri))).type),
        ),
        client.onRequest(FS_READ_DIRECTORY, async (uri: string) => {
            const folder = vscode.Uri.parse(uri);
            return (await vscode.workspace.fs.readDirectory(folder)).map(([name, type]) =>
                node(vscode.Uri.joinPath(folder, name), type),
            );
        }),
    );
    return activateCap(context, client, {});
}

export function deactivate(): void {
    // The client is stopped through the context's subscriptions.
}
