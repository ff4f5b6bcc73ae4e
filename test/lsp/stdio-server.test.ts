import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PLAN, ROLES } from './fixtures.js';
import { CAP_BIN, StdioClient } from './stdio-client.js';

/**
 * The real server process, over stdio, driven as an editor drives it. The client declares no
 * configuration support and no workspace folders, opens only the plan (its import is read from
 * disk by the server) and asks for inlay hints by range.
 */

const root = resolve(__dirname, '../..');
let dir: string;
let client: StdioClient;
const uri = (path: string) => pathToFileURL(join(dir, path)).toString();
const labels = (hints: { label: string | { value: string }[] }[] | null) =>
    (hints ?? []).map(h => (typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join('')));

beforeAll(async () => {
    if (!existsSync(CAP_BIN.replace(/bin[/\\]cap\.js$/, 'dist/cap.cjs')))
        throw new Error('the CLI bundle is missing: run `npm run build`');
    dir = mkdtempSync(join(tmpdir(), 'cap-lsp-'));
    mkdirSync(join(dir, 'team'));
    writeFileSync(join(dir, 'plan.cap'), PLAN);
    writeFileSync(join(dir, 'team/roles.cap'), ROLES);
    client = new StdioClient();
    const init = (await client.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {
            workspace: { inlayHint: { refreshSupport: true } },
            textDocument: { inlayHint: {}, hover: { contentFormat: ['markdown'] } },
        },
    })) as { capabilities: Record<string, unknown>; serverInfo?: { name: string; version: string } };
    expect(init.serverInfo).toEqual({
        name: 'cap',
        version: JSON.parse(readFileSync(join(root, 'packages/language/package.json'), 'utf-8')).version,
    });
    for (const capability of [
        'inlayHintProvider',
        'hoverProvider',
        'completionProvider',
        'definitionProvider',
        'referencesProvider',
        'renameProvider',
        'documentSymbolProvider',
        'workspaceSymbolProvider',
        'foldingRangeProvider',
        'semanticTokensProvider',
        'codeActionProvider',
        'codeLensProvider',
        'documentFormattingProvider',
        'documentRangeFormattingProvider',
    ]) {
        expect(init.capabilities[capability], capability).toBeTruthy();
    }
    await client.connection.sendNotification('initialized', {});
});

afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
});

describe('cap lsp over stdio', () => {
    it('publishes diagnostics with codes and documentation links, then hints, hovers and updated hints after an edit', async () => {
        const planUri = uri('plan.cap');
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: planUri, languageId: 'cap', version: 1, text: PLAN },
        });
        const published = await client.until(() => client.publishedFor(planUri), 'diagnostics of plan.cap');
        // The model is valid: the import was found on disk although the client never opened it.
        // alice's load is over 100%: one CAP052 warning, and the role over capacity: CAP051 (in roles.cap).
        expect(published.diagnostics.map(d => d.code)).toEqual(['CAP052']);
        expect(published.diagnostics[0].codeDescription?.href).toMatch(/docs\/diagnostics\.md#cap052$/);

        const range = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
        const hints = await client.connection.sendRequest('textDocument/inlayHint', {
            textDocument: { uri: planUri },
            range,
        });
        expect(labels(hints as never)).toEqual([
            '⟶ 1 h/account/mo',
            '⟶ 4 h/account/mo',
            '1.25 FTE · $396/mo to serve · CLV $2,344',
            'CSM 5 h/account/mo → 24 accounts/FTE',
            'load 125% ⚠ · 120 h/mo capacity',
        ]);

        // A range covering only the agent gets only the agent's hint.
        const agentLine = PLAN.split('\n').findIndex(l => l.startsWith('agent alice'));
        const partial = await client.connection.sendRequest('textDocument/inlayHint', {
            textDocument: { uri: planUri },
            range: { start: { line: agentLine, character: 0 }, end: { line: agentLine + 1, character: 0 } },
        });
        expect(labels(partial as never)).toEqual(['load 125% ⚠ · 120 h/mo capacity']);

        const tierLine = PLAN.split('\n').findIndex(l => l.startsWith('tier SMB'));
        const hover = (await client.connection.sendRequest('textDocument/hover', {
            textDocument: { uri: planUri },
            position: { line: tierLine, character: 6 },
        })) as { contents: { value: string } };
        expect(hover.contents.value).toContain(
            'capacity = effective 120 h ÷ designed effort 5 h/account = **24 accounts per FTE**',
        );
        expect(hover.contents.value).toContain('CLV = revenue $150 × margin 100% × lifetime 15.6 months = **$2,344**');

        // 30 → 33 accounts: demand 165 h, required 165 ÷ 120 = 1.375 FTE, load 137.5%, CLV unchanged.
        const before = client.diagnostics.get(planUri)!.length;
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: planUri, version: 2 },
            contentChanges: [
                {
                    range: { start: { line: tierLine + 1, character: 11 }, end: { line: tierLine + 1, character: 13 } },
                    text: '33',
                },
            ],
        });
        await client.until(() => client.publishedFor(planUri, before), 'diagnostics after the edit');
        const after = await client.connection.sendRequest('textDocument/inlayHint', {
            textDocument: { uri: planUri },
            range,
        });
        expect(labels(after as never)).toContain('1.38 FTE · $396/mo to serve · CLV $2,344');
        expect(labels(after as never)).toContain('load 137.5% ⚠ · 120 h/mo capacity');
    });

    it('asks the client to refresh hints when an imported file changes the numbers of another', async () => {
        const rolesUri = uri('team/roles.cap');
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: rolesUri, languageId: 'cap', version: 1, text: ROLES },
        });
        const refreshesBefore = client.serverRequests.filter(m => m === 'workspace/inlayHint/refresh').length;
        // overhead 40h → 50h: E = 110 h, so SMB's capacity is 110 ÷ 5 = 22 accounts/FTE in plan.cap.
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: rolesUri, version: 2 },
            contentChanges: [
                { range: { start: { line: 2, character: 11 }, end: { line: 2, character: 13 } }, text: '50' },
            ],
        });
        await client.until(
            () => client.serverRequests.filter(m => m === 'workspace/inlayHint/refresh').length > refreshesBefore,
            'an inlay hint refresh request',
        );
        const range = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
        const plan = await client.connection.sendRequest('textDocument/inlayHint', {
            textDocument: { uri: uri('plan.cap') },
            range,
        });
        expect(labels(plan as never)).toContain('CSM 5 h/account/mo → 22 accounts/FTE');
        const roles = await client.connection.sendRequest('textDocument/inlayHint', {
            textDocument: { uri: rolesUri },
            range,
        });
        expect(labels(roles as never)).toContain('⟶ 110 h/mo effective · $86.36/h');
    });

    it('drops a kind of hint when the user switches it off in the settings', async () => {
        await client.connection.sendNotification('workspace/didChangeConfiguration', {
            settings: { cap: { inlayHints: { agents: false, services: false } } },
        });
        const range = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
        const hints = labels(
            (await client.connection.sendRequest('textDocument/inlayHint', {
                textDocument: { uri: uri('plan.cap') },
                range,
            })) as never,
        );
        expect(hints.some(h => h.startsWith('load '))).toBe(false);
        expect(hints.some(h => h.includes('/account/mo') && h.startsWith('⟶'))).toBe(false);
        expect(hints.some(h => h.includes('to serve'))).toBe(true);
    });
    it("says hints are partial while the model has errors, and refreshes them when a check's error comes or goes", async () => {
        const planUri = uri('plan.cap');
        const range = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
        const tierLine = PLAN.split('\n').findIndex(l => l.startsWith('tier SMB'));
        const hints = async () =>
            labels(
                (await client.connection.sendRequest('textDocument/inlayHint', {
                    textDocument: { uri: planUri },
                    range,
                })) as never,
            );
        const refreshes = () => client.serverRequests.filter(m => m === 'workspace/inlayHint/refresh').length;
        // `churn 6.4% / month` → `churn 6.4 / month`: a unit error (CAP020), known only once validated.
        const churn = { line: tierLine + 3, character: 11 };
        const before = refreshes();
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: planUri, version: 3 },
            contentChanges: [{ range: { start: churn, end: { line: churn.line, character: 12 } }, text: '' }],
        });
        await client.until(() => refreshes() > before || undefined, 'a refresh once the error is known');
        // 33 accounts (first test) × 5 h ÷ E 110 h (overhead 50h, second test) = 1.5 FTE; cost to serve
        // 5 h × $9,500 ÷ 110 h = $431.82. Without churn the CLV is undefined (`CLV —`), which does not fit.
        expect(await hints()).toEqual(['1.5 FTE · $432/mo to serve (partial)', 'CSM → 22 accounts/FTE (partial)']);
        const fixed = refreshes();
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: planUri, version: 4 },
            contentChanges: [{ range: { start: churn, end: churn }, text: '%' }],
        });
        await client.until(() => refreshes() > fixed || undefined, 'a refresh once the error is gone');
        expect(await hints()).toEqual([
            '1.5 FTE · $432/mo to serve · CLV $2,344',
            'CSM 5 h/account/mo → 22 accounts/FTE',
        ]);
    });
});
