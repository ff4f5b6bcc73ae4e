import { promises as fs } from 'node:fs';
import { format } from 'node:util';
import type { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import { MAX_DATA_FILE_BYTES, readFileBytes, readModelFile, realModelPath } from '@cap/language';
import type { ModelFs } from '@cap/language';
import { startCapLanguageServer } from '@cap/language/lsp';
import { FrameResynchroniser } from './lsp-framing.js';
import type { MessageReader, MessageWriter } from 'vscode-languageserver/node';
import {
    IPCMessageReader,
    IPCMessageWriter,
    ProposedFeatures,
    StreamMessageReader,
    StreamMessageWriter,
    createConnection,
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
        if (!Number.isInteger(port) || port <= 0 || port > 65535)
            throw new Error(`--socket needs a port number, not "${options.socket}"`);
        [reader, writer] = createServerSocketTransport(port);
    } else {
        reader = new StreamMessageReader(process.stdin.pipe(new FrameResynchroniser()));
        writer = new StreamMessageWriter(process.stdout);
        // stdout is the protocol's channel: a library's console.log or console.debug (Langium logs a
        // request for a file that is no Cap document, such as an open CSV export) would break a frame.
        for (const level of ['log', 'info', 'debug'] as const) {
            console[level] = (...args: unknown[]) => process.stderr.write(`${format(...args)}\n`);
        }
    }
    const connection = createConnection(ProposedFeatures.all, reader, writer);
    // A build that fails on input nobody foresaw must not end the server for every open editor:
    // the error is logged (tests fail on the log line) and the next change builds again.
    process.on('unhandledRejection', err =>
        process.stderr.write(`cap lsp: internal error: ${err instanceof Error ? err.stack : String(err)}\n`),
    );
    startCapLanguageServer({ connection, fileSystemProvider: () => new ModelFileSystemProvider() });
}

/**
 * Langium's node file system with Cap's rules for model files (model-files.ts): only regular
 * files, at most 10 MB, text; and real paths, so that a file reached through a link is loaded once.
 */
export class ModelFileSystemProvider extends NodeFileSystemProvider {
    constructor(private readonly files: ModelFs = fs) {
        super();
    }

    override async readFile(uri: URI): Promise<string> {
        const text = await readModelFile(this.files, uri.fsPath);
        if (text === undefined) throw new Error(`no such file: ${uri.fsPath}`);
        return text;
    }

    /** A data file a model reads (spec section 14): a regular file of at most MAX_DATA_FILE_BYTES. */
    override async readBinary(uri: URI): Promise<Uint8Array> {
        const bytes = await readFileBytes(this.files, uri.fsPath, MAX_DATA_FILE_BYTES, 'a data file');
        if (bytes === undefined) throw Object.assign(new Error(`no such file: ${uri.fsPath}`), { code: 'ENOENT' });
        return bytes;
    }

    realPath(uri: URI): Promise<URI | undefined> {
        return realModelPath(this.files, uri);
    }
}
