import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PLAN, ROLES } from '../lsp/fixtures.js';
import { CAP_BIN, StdioClient } from '../lsp/stdio-client.js';

/**
 * The real `cap lsp` process over stdio, abused as no editor should but some will: malformed
 * frames, wrong parameter types, unknown documents, positions past the end, a storm of edits sent
 * without waiting, every kind of request cancelled, a document closed while it builds. After each
 * round the server must still give the right answer, and its memory must stay bounded.
 */

let dir: string;
let client: StdioClient;
const uri = (path: string) => pathToFileURL(join(dir, path)).toString();
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
const TIER_LINE = PLAN.split('\n').findIndex(l => l.startsWith('tier SMB'));

const labels = (hints: unknown) =>
    ((hints ?? []) as { label: string | { value: string }[] }[]).map(h =>
        typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join(''),
    );

/** The hints of plan.cap with 30 SMB accounts (fixtures.ts works them by hand). */
const PLAN_HINTS = [
    '⟶ 1 h/account/mo',
    '⟶ 4 h/account/mo',
    '1.25 FTE · $396/mo to serve · CLV $2,344',
    'CSM 5 h/account/mo → 24 accounts/FTE',
    'load 125% ⚠ · 120 h/mo capacity',
];

/** The server still answers, and answers right: the hints of the plan as it now reads. */
async function answersCorrectly(expected = PLAN_HINTS): Promise<void> {
    const hints = await within(
        client.connection.sendRequest('textDocument/inlayHint', {
            textDocument: { uri: uri('plan.cap') },
            range: WHOLE,
        }),
        'the final inlay hints',
    );
    expect(labels(hints)).toEqual(expected);
    expect(client.process.exitCode).toBeNull();
}

/** A request settles (a result or an error response) within a generous bound; a hang fails the test. */
async function within<T>(promise: Promise<T>, what: string, ms = 20_000): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
            () => reject(new Error(`no answer to ${what} within ${ms} ms; stderr: ${client.stderr.slice(-2000)}`)),
            ms,
        );
    });
    try {
        return await Promise.race([promise, timeout]);
    } finally {
        clearTimeout(timer);
    }
}

/** A result, or an error response from the server: anything but silence. */
async function settles(promise: Promise<unknown>, what: string): Promise<'result' | number> {
    try {
        await within(promise, what);
        return 'result';
    } catch (err) {
        if (err instanceof ResponseError) return err.code;
        throw err;
    }
}

function frame(body: string | object): string {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
}

const raw = (bytes: string | Buffer) => new Promise<void>(res => client.process.stdin!.write(bytes, () => res()));

/** Resident memory of the server process, from /proc (Linux); undefined elsewhere. */
function rssMb(): number | undefined {
    const status = `/proc/${client.process.pid}/status`;
    if (!existsSync(status)) return undefined;
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(status, 'utf-8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
}

beforeAll(async () => {
    if (!existsSync(CAP_BIN.replace(/bin[/\\]cap\.js$/, 'dist/cap.cjs')))
        throw new Error('the CLI bundle is missing: run `npm run build`');
    dir = mkdtempSync(join(tmpdir(), 'cap-lsp-abuse-'));
    mkdirSync(join(dir, 'team'));
    writeFileSync(join(dir, 'plan.cap'), PLAN);
    writeFileSync(join(dir, 'team/roles.cap'), ROLES);
    symlinkSync('/dev/zero', join(dir, 'zero.cap'));
    client = new StdioClient();
    await within(
        client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }),
        'initialize',
    );
    await client.connection.sendNotification('initialized', {});
    await client.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: uri('plan.cap'), languageId: 'cap', version: 1, text: PLAN },
    });
    await client.until(() => client.publishedFor(uri('plan.cap')), 'diagnostics of plan.cap');
    await answersCorrectly();
}, 60_000);

afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
    if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('cap lsp under abuse', () => {
    it('keeps answering after malformed frames: no Content-Length, a bad one, too short, too long, absurd, junk, invalid JSON', async () => {
        const hover = {
            jsonrpc: '2.0',
            id: 9001,
            method: 'textDocument/hover',
            params: { textDocument: { uri: uri('plan.cap') }, position: { line: 0, character: 0 } },
        };
        await raw(`X-Client: broken\r\n\r\n${JSON.stringify(hover)}`);
        await raw(`Content-Length: twelve\r\n\r\n${JSON.stringify(hover)}`);
        await raw(`Content-Length: 10\r\n\r\n${JSON.stringify(hover)}`);
        await raw('no colon in this header\r\n\r\n');
        await raw('Content-Length: 99999999999\r\n\r\n{}');
        await raw(Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 251)));
        await raw(frame('{"jsonrpc": "2.0", "id": 9002, "method": '));
        await raw(frame('[]'));
        await raw(frame('42'));
        await raw(frame('null'));
        await raw(frame({ jsonrpc: '1.0', id: 9003 }));
        // Claims 300 bytes more than it has: it swallows the next frame, sent as padding, and the
        // stream is back in step at the frame after.
        await raw(`Content-Length: 320\r\n\r\n{"jsonrpc":"2.0","method":"$/x"}`);
        await raw(frame({ jsonrpc: '2.0', method: '$/padding', params: { padding: 'x'.repeat(400) } }));
        await answersCorrectly();
    });

    it('answers requests with parameters of the wrong types with an error, not a crash', async () => {
        const plan = { uri: uri('plan.cap') };
        const requests: [string, unknown][] = [
            ['textDocument/hover', { textDocument: { uri: 42 }, position: 'x' }],
            ['textDocument/hover', { textDocument: plan, position: { line: -1, character: 1.5 } }],
            ['textDocument/hover', null],
            ['textDocument/completion', { textDocument: plan, position: { line: 'a', character: {} } }],
            ['textDocument/inlayHint', { textDocument: plan, range: null }],
            ['textDocument/inlayHint', { textDocument: plan, range: { start: 5, end: [] } }],
            ['textDocument/documentSymbol', { textDocument: null }],
            ['textDocument/formatting', { textDocument: plan, options: 'tabs' }],
            [
                'textDocument/rangeFormatting',
                {
                    textDocument: plan,
                    range: { start: { line: 9, character: 0 }, end: { line: 0, character: 0 } },
                    options: {},
                },
            ],
            ['textDocument/codeAction', { textDocument: plan, range: WHOLE }],
            [
                'textDocument/codeAction',
                { textDocument: plan, range: WHOLE, context: { diagnostics: [{ range: 7, message: 3, code: {} }] } },
            ],
            ['textDocument/definition', []],
            ['textDocument/references', { textDocument: plan, position: { line: 2, character: 7 }, context: 'yes' }],
            ['textDocument/rename', { textDocument: plan, position: { line: 2, character: 7 }, newName: 42 }],
            [
                'textDocument/rename',
                { textDocument: plan, position: { line: TIER_LINE, character: 6 }, newName: 'not a name!' },
            ],
            ['textDocument/semanticTokens/full', { textDocument: { uri: 'not a uri at all' } }],
            ['textDocument/codeLens', { textDocument: { uri: '' } }],
            ['workspace/symbol', { query: 42 }],
            ['cap/noSuchMethod', {}],
        ];
        for (const [method, params] of requests)
            await settles(client.connection.sendRequest(method, params), `${method} ${JSON.stringify(params)}`);
        expect(await settles(client.connection.sendRequest('cap/noSuchMethod', {}), 'an unknown method')).toBe(-32601);
        // Notifications with the wrong types: no answer is owed, but the server must not die of them.
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: uri('typo.cap'), languageId: 'cap', version: 'one', text: 42 },
        });
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: uri('plan.cap') },
            contentChanges: 'everything',
        });
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: uri('never-opened.cap'), version: 2 },
            contentChanges: [{ text: 'role X {}' }],
        });
        await client.connection.sendNotification('textDocument/didClose', {});
        await client.connection.sendNotification('textDocument/didClose', {
            textDocument: { uri: uri('never-opened.cap') },
        });
        await client.connection.sendNotification('workspace/didChangeConfiguration', {
            settings: { cap: { inlayHints: 'all' } },
        });
        await client.connection.sendNotification('workspace/didChangeConfiguration', {
            settings: { cap: { inlayHints: {} } },
        });
        await answersCorrectly();
    });

    it('answers requests about documents it does not know, even one that is /dev/zero', async () => {
        const documents = [
            uri('nope.cap'),
            uri('zero.cap'),
            'file:///etc/passwd',
            'untitled:Untitled-1',
            'https://example.invalid/x.cap',
        ];
        for (const doc of documents) {
            const textDocument = { uri: doc };
            const position = { line: 0, character: 0 };
            await settles(
                client.connection.sendRequest('textDocument/hover', { textDocument, position }),
                `hover on ${doc}`,
            );
            await settles(
                client.connection.sendRequest('textDocument/completion', { textDocument, position }),
                `completion on ${doc}`,
            );
            await settles(
                client.connection.sendRequest('textDocument/inlayHint', { textDocument, range: WHOLE }),
                `hints on ${doc}`,
            );
            await settles(
                client.connection.sendRequest('textDocument/documentSymbol', { textDocument }),
                `symbols on ${doc}`,
            );
            await settles(
                client.connection.sendRequest('textDocument/formatting', {
                    textDocument,
                    options: { tabSize: 2, insertSpaces: true },
                }),
                `formatting on ${doc}`,
            );
        }
        await answersCorrectly();
    });

    it('answers positions past the end of the file with results inside it', async () => {
        const textDocument = { uri: uri('plan.cap') };
        const far = [
            { line: 10_000, character: 0 },
            { line: 0, character: 10_000 },
            { line: 10_000, character: 10_000 },
            { line: 2 ** 31, character: 2 ** 31 },
        ];
        const lines = PLAN.split('\n').length;
        for (const position of far) {
            const hover = (await within(
                client.connection.sendRequest('textDocument/hover', { textDocument, position }),
                'a hover past the end',
            )) as { range?: { end: { line: number } } } | null;
            if (hover?.range) expect(hover.range.end.line).toBeLessThan(lines);
            await within(
                client.connection.sendRequest('textDocument/completion', { textDocument, position }),
                'completion past the end',
            );
            await settles(
                client.connection.sendRequest('textDocument/definition', { textDocument, position }),
                'definition past the end',
            );
            await settles(
                client.connection.sendRequest('textDocument/rename', { textDocument, position, newName: 'X' }),
                'rename past the end',
            );
            const hints = (await within(
                client.connection.sendRequest('textDocument/inlayHint', {
                    textDocument,
                    range: { start: position, end: { line: position.line + 10, character: 0 } },
                }),
                'hints past the end',
            )) as { position: { line: number } }[] | null;
            for (const h of hints ?? []) expect(h.position.line).toBeLessThan(Math.min(lines, position.line + 11));
            if (position.line >= lines) expect(hints ?? []).toEqual([]);
            const edits = (await within(
                client.connection.sendRequest('textDocument/rangeFormatting', {
                    textDocument,
                    range: { start: position, end: position },
                    options: { tabSize: 2, insertSpaces: true },
                }),
                'range formatting past the end',
            )) as unknown[] | null;
            expect(edits ?? []).toEqual([]);
        }
        await answersCorrectly();
    });

    it('takes a storm of 600 edits sent without waiting, with requests in between, and ends at the last edit; memory stays bounded', async () => {
        const planUri = uri('plan.cap');
        let doc = TextDocument.create(planUri, 'cap', 1, PLAN);
        const before = rssMb();
        const pending: Promise<unknown>[] = [];
        let version = 1;
        const storm = async (edits: number, last: string) => {
            for (let i = 0; i < edits; i++) {
                const text = i === edits - 1 ? last : String(100 + ((i * 37) % 900));
                const line = doc.getText().split('\n')[TIER_LINE + 1];
                const start = line.indexOf('accounts ') + 'accounts '.length;
                const change = {
                    range: {
                        start: { line: TIER_LINE + 1, character: start },
                        end: { line: TIER_LINE + 1, character: line.length },
                    },
                    text,
                };
                doc = TextDocument.update(doc, [change], ++version);
                void client.connection.sendNotification('textDocument/didChange', {
                    textDocument: { uri: planUri, version },
                    contentChanges: [change],
                });
                if (i % 10 === 0)
                    pending.push(
                        settles(
                            client.connection.sendRequest('textDocument/hover', {
                                textDocument: { uri: planUri },
                                position: { line: TIER_LINE, character: 6 },
                            }),
                            'a hover in the storm',
                        ),
                    );
                if (i % 25 === 0)
                    pending.push(
                        settles(
                            client.connection.sendRequest('textDocument/inlayHint', {
                                textDocument: { uri: planUri },
                                range: WHOLE,
                            }),
                            'hints in the storm',
                        ),
                    );
            }
        };
        await storm(300, '33');
        await Promise.all(pending);
        // 33 accounts: demand 165 h, required 165 ÷ 120 = 1.375 FTE, load 137.5% (stdio-server.test.ts).
        await answersCorrectly(
            PLAN_HINTS.map(h => h.replace('1.25 FTE', '1.38 FTE').replace('load 125%', 'load 137.5%')),
        );
        const afterFirst = rssMb();
        await storm(300, '30');
        await Promise.all(pending);
        const afterSecond = rssMb();
        expect(doc.getText()).toBe(PLAN);
        await answersCorrectly();
        console.log(
            `cap lsp resident memory: ${before?.toFixed(0)} MB before the storms, ${afterFirst?.toFixed(0)} MB after 300 edits, ${afterSecond?.toFixed(0)} MB after 600`,
        );
        if (before !== undefined && afterFirst !== undefined && afterSecond !== undefined) {
            // Generous: the server may keep caches and a bigger heap, but must not grow with every edit.
            expect(afterSecond).toBeLessThan(before + 300);
            expect(afterSecond).toBeLessThan(afterFirst + 150);
        }
    }, 120_000);

    it('settles every kind of request when it is cancelled as soon as it is sent', async () => {
        const textDocument = { uri: uri('plan.cap') };
        const position = { line: TIER_LINE, character: 6 };
        const kinds: [string, unknown][] = [
            ['textDocument/hover', { textDocument, position }],
            ['textDocument/completion', { textDocument, position }],
            ['textDocument/inlayHint', { textDocument, range: WHOLE }],
            ['textDocument/documentSymbol', { textDocument }],
            ['textDocument/semanticTokens/full', { textDocument }],
            ['textDocument/semanticTokens/range', { textDocument, range: WHOLE }],
            ['textDocument/codeAction', { textDocument, range: WHOLE, context: { diagnostics: [] } }],
            ['textDocument/codeLens', { textDocument }],
            ['textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }],
            [
                'textDocument/rangeFormatting',
                { textDocument, range: WHOLE, options: { tabSize: 2, insertSpaces: true } },
            ],
            ['textDocument/definition', { textDocument, position }],
            ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
            ['textDocument/documentHighlight', { textDocument, position }],
            ['textDocument/prepareRename', { textDocument, position }],
            ['textDocument/rename', { textDocument, position, newName: 'Mid' }],
            ['textDocument/foldingRange', { textDocument }],
            ['workspace/symbol', { query: '' }],
        ];
        const outcomes: Record<string, 'result' | number> = {};
        // Cancelled while idle, and cancelled while a build of a fresh edit is running.
        for (const duringBuild of [false, true]) {
            for (const [method, params] of kinds) {
                if (duringBuild) {
                    await client.connection.sendNotification('textDocument/didChange', {
                        textDocument: { uri: textDocument.uri, version: 10_000 + Object.keys(outcomes).length },
                        contentChanges: [{ text: PLAN }],
                    });
                }
                const source = new CancellationTokenSource();
                const request = client.connection.sendRequest(method, params, source.token);
                source.cancel();
                outcomes[`${method}${duringBuild ? ' (during a build)' : ''}`] = await settles(
                    request,
                    `${method} cancelled`,
                );
            }
        }
        // Either the answer was already on its way, or the request was cancelled (-32800) or the
        // server gave it up for a newer build (-32802); never another error, never silence.
        for (const [what, outcome] of Object.entries(outcomes))
            expect([what, outcome]).toSatisfy(([, o]) => o === 'result' || o === -32800 || o === -32802);
        await answersCorrectly();
    }, 120_000);

    it('survives a document closed while it builds, and a change sent after its close', async () => {
        const big = Array.from(
            { length: 3000 },
            (_, i) => `role R${i} { hours 160h / month }\nagent a${i} { role R${i} }\n`,
        ).join('');
        const bigUri = uri('big.cap');
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: bigUri, languageId: 'cap', version: 1, text: big },
        });
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: bigUri } });
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: bigUri, version: 2 },
            contentChanges: [{ text: 'role Y {}' }],
        });
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: bigUri, languageId: 'cap', version: 3, text: big },
        });
        const symbols = client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: bigUri } });
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: bigUri } });
        await settles(symbols, 'symbols of a document closed while it builds');
        await answersCorrectly();
        expect(client.stderr).not.toMatch(/internal error|Unhandled|FATAL|heap out of memory/i);
    }, 60_000);
});
