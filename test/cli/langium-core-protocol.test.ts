import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './cli-helpers.js';
import type { Plugin } from 'esbuild';

// A plain ES module of the build, without types.
const { langiumCoreProtocol } = (await import('../../packages/cli/langium-core-protocol.mjs' as string)) as {
    langiumCoreProtocol: Plugin;
};

/**
 * The CLI bundle gives Langium's core a small stand-in for `vscode-languageserver-protocol`
 * (packages/cli/langium-core-protocol.mjs). Bundled as the CLI is, Langium's cancellation, events
 * and document builder must behave as with the real package, including the rare paths that need
 * JSON-RPC's runtime layer, and share their objects with the real package once it is loaded.
 */

const PROGRAM = `
import { Cancellation, DocumentState, EmptyFileSystem, Emitter, URI, createDefaultSharedCoreModule, inject } from 'langium';
const { CancellationToken, CancellationTokenSource } = Cancellation;
(async () => {
const out = {};
const logged = [];
console.error = (...args) => logged.push(args.map(String).join(' '));
// A listener that throws is logged through the runtime layer's console, and the others still run.
const emitter = new Emitter();
let others = 0;
emitter.event(() => { throw new Error('listener failed'); });
emitter.event(() => { others++; });
emitter.fire(1);
out.logged = logged;
out.others = others;
// A listener added to a token already cancelled is called on a timer of the runtime layer.
const source = new CancellationTokenSource();
const token = source.token;
source.cancel();
out.lateListener = await new Promise(resolve => { token.onCancellationRequested(() => resolve('called')); setTimeout(() => resolve('never called'), 1000); });
// The document builder's errors for editors.
const shared = inject(createDefaultSharedCoreModule(EmptyFileSystem));
const error = await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked, URI.parse('file:///nowhere.cap')).catch(e => e);
// Then the real package, as the language server loads it: the same objects.
const protocol = require('vscode-languageserver-protocol');
out.sameObjects = [
    protocol.CancellationTokenSource === CancellationTokenSource,
    protocol.CancellationToken === CancellationToken,
    protocol.Emitter === Emitter,
    error instanceof protocol.ResponseError,
];
out.error = { code: error.code, message: error.message, serverCancelled: protocol.LSPErrorCodes.ServerCancelled };
out.fullProtocolLoaded = typeof protocol.InitializeRequest?.type === 'object';
console.log(JSON.stringify(out));
})();
`;

let dir: string;

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cap-protocol-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the stand-in for vscode-languageserver-protocol in Langium's core", () => {
    it('behaves as the real package and shares its objects', async () => {
        const outfile = join(dir, 'program.cjs');
        const result = await build({
            stdin: { contents: PROGRAM, resolveDir: join(root, 'packages/cli'), loader: 'js' },
            outfile,
            bundle: true,
            platform: 'node',
            format: 'cjs',
            target: 'node20',
            logLevel: 'silent',
            metafile: true,
            plugins: [langiumCoreProtocol],
        });
        // The stand-in is what Langium's core got.
        expect(Object.keys(result.metafile.inputs)).toContain('langium-core-protocol:vscode-languageserver-protocol');
        const run = spawnSync(process.execPath, [outfile], { encoding: 'utf-8' });
        expect(run.stderr).toBe('');
        expect(JSON.parse(run.stdout)).toEqual({
            logged: [expect.stringContaining('listener failed')],
            others: 1,
            lateListener: 'called',
            sameObjects: [true, true, true, true],
            error: { code: -32802, message: 'No document found for URI: file:///nowhere.cap', serverCancelled: -32802 },
            fullProtocolLoaded: true,
        });
    });
});
