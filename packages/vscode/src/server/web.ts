import {
    BrowserMessageReader,
    BrowserMessageWriter,
    createConnection,
    ProposedFeatures,
} from 'vscode-languageserver/browser';
import { startCapLanguageServer } from '@cap/language/lsp';
import { ClientFileSystemProvider } from './client-file-system.js';

// The web extension's server, in a Web Worker: messages cross the worker boundary with postMessage
// on the worker's global scope (typed as a Worker, which has the same two members the reader and
// writer use, because the DOM and WebWorker type libraries cannot both be loaded).
const scope = self as unknown as Worker;
const connection = createConnection(
    ProposedFeatures.all,
    new BrowserMessageReader(scope),
    new BrowserMessageWriter(scope),
);
startCapLanguageServer({ connection, fileSystemProvider: () => new ClientFileSystemProvider(connection) });
