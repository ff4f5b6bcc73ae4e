// An esbuild plugin for the CLI bundle (esbuild.mjs); test/cli/langium-core-protocol.test.ts
// checks the objects it gives against the real package's.
import { dirname, join } from 'node:path';

/**
 * Langium's core (not its language server) takes four things from `vscode-languageserver-protocol`:
 * CancellationToken(Source), Emitter, ResponseError and LSPErrorCodes. That package's entry point
 * loads the whole protocol and Node's JSON-RPC transport: about 10 ms of every `cap check`. For
 * the core's imports this plugin gives a module that takes the same objects from the same files of
 * the protocol's own vscode-jsonrpc (so `cap lsp`, which loads the full protocol, shares them:
 * one CancellationToken, one ResponseError class). The language server's modules keep the real
 * package. A Langium whose core imports anything else from the protocol fails this build (the
 * module below is ESM, so esbuild checks every imported name).
 */
export const langiumCoreProtocol = {
    name: 'langium-core-protocol',
    setup(b) {
        b.onResolve({ filter: /^vscode-languageserver-protocol$/ }, async args => {
            if (!/[/\\]node_modules[/\\]langium[/\\]lib[/\\](utils|workspace)[/\\]/.test(args.importer))
                return undefined;
            const protocol = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir });
            if (protocol.errors.length > 0) return { errors: protocol.errors };
            // Resolved from the protocol's own folder, vscode-jsonrpc is the copy the protocol uses;
            // its package `exports` hide the files below lib/common, so they are found beside `.`.
            const jsonrpc = await b.resolve('vscode-jsonrpc', {
                kind: 'require-call',
                resolveDir: dirname(protocol.path),
            });
            if (jsonrpc.errors.length > 0) return { errors: jsonrpc.errors };
            return {
                path: 'vscode-languageserver-protocol',
                namespace: 'langium-core-protocol',
                pluginData: { common: dirname(jsonrpc.path) },
            };
        });
        b.onLoad({ filter: /.*/, namespace: 'langium-core-protocol' }, args => {
            const file = name => JSON.stringify(join(args.pluginData.common, name));
            return {
                loader: 'js',
                resolveDir: args.pluginData.common,
                contents: `
const cancellation = require(${file('cancellation.js')});
const events = require(${file('events.js')});
const messages = require(${file('messages.js')});
const RAL = require(${file('ral.js')}).default;
// Cancellation and events reach JSON-RPC's runtime layer (console, timers) only on rare paths
// (a listener that throws, waiting on a token already cancelled). Node's layer is loaded then,
// not at start-up; vscode-jsonrpc/node installs it directly when the language server loads.
let node;
try { RAL(); } catch { RAL.install(new Proxy({}, { get: (_, key) => (node ??= require(${file('../node/ril.js')}).default())[key] })); }
export const CancellationToken = cancellation.CancellationToken;
export const CancellationTokenSource = cancellation.CancellationTokenSource;
export const Emitter = events.Emitter;
export const ResponseError = messages.ResponseError;
// LSP's reserved error codes, as vscode-languageserver-protocol defines them.
export const LSPErrorCodes = Object.freeze({ lspReservedErrorRangeStart: -32899, RequestFailed: -32803, ServerCancelled: -32802, ContentModified: -32801, RequestCancelled: -32800, lspReservedErrorRangeEnd: -32800 });
`,
            };
        });
    },
};

// The ES module bundle of earlier builds.
