import { NodeFileSystem } from 'langium/node';
import { startCapLanguageServer } from '@cap/language/lsp';
import { FrameResynchroniser } from './lsp-framing.js';
import type { MessageReader, MessageWriter } from 'vscode-languageserver/node';
import {
    IPCMessageReader, IPCMessageWriter, ProposedFeatures, StreamMessageReader, StreamMessageWriter, createConnection,
    createServerSocketTransport,
} from 'vscode-languageserver/node';

export interface LspOptions {
    stdio?: boolean;
    socket?: string;
    nodeIpc?: boolean;
}

/**
 * `cap lsp`: the language server for every editor. stdio is the default because it is what
 * Neovim, Emacs (eglot), Helix and Zed start; `--socket` and `--node-ipc` are for clients that ask.
 */
export function runLanguageServer(options: LspOptions): void {
    let reader: MessageReader;
    let writer: MessageWriter;
    if (options.nodeIpc) {
        if (!process.send) throw new Error('--node-ipc needs an IPC channel: start cap from a Node client with ipc');
        reader = new IPCMessageReader(process);
        writer = new IPCMessageWriter(process);
    } else if (options.socket !== undefined) {
        const port = Number(options.socket);
        if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`--socket needs a port number, not "${options.socket}"`);
        [reader, writer] = createServerSocketTransport(port);
    } else {
        reader = new StreamMessageReader(process.stdin.pipe(new FrameResynchroniser()));
        writer = new StreamMessageWriter(process.stdout);
    }
    const connection = createConnection(ProposedFeatures.all, reader, writer);
    startCapLanguageServer({ connection, ...NodeFileSystem });
}
