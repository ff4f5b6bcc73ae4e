import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PLAN, ROLES } from './fixtures.js';
import { CAP_BIN, StdioClient } from './stdio-client.js';

/**
 * `cap/preview`: after each build the server pushes the `cap-report/1` report of every entry model
 * the build touched, to a client that asked for it (capabilities.experimental.capPreview). The
 * VS Code extension's capacity preview shows these pushes; it never asks for a report.
 */

interface Push {
    uri: string;
    version: number;
    files: string[];
    report: {
        schema: string;
        totals: { requiredFte: number };
        roles: Record<string, { demandHours: number }>;
        agents: Record<string, { title?: string | null }>;
        diagnostics: unknown[];
    };
}

/** The pushed report less what the push adds for the preview (each agent's display name): `cap build`'s report. */
function withoutAgentTitles(report: Push['report']): unknown {
    return {
        ...report,
        agents: Object.fromEntries(
            Object.entries(report.agents).map(([name, { title: _title, ...rest }]) => [name, rest]),
        ),
    };
}

let dir: string;
const uri = (path: string) => pathToFileURL(join(dir, path)).toString();

async function startClient(capPreview: boolean): Promise<{ client: StdioClient; pushes: Push[] }> {
    const client = new StdioClient();
    const pushes: Push[] = [];
    client.connection.onNotification('cap/preview', (push: Push) => {
        pushes.push(push);
    });
    await client.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: { experimental: capPreview ? { capPreview: true } : {} },
    });
    await client.connection.sendNotification('initialized', {});
    return { client, pushes };
}

const clients: StdioClient[] = [];

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cap-preview-'));
    mkdirSync(join(dir, 'team'));
    writeFileSync(join(dir, 'plan.cap'), PLAN);
    writeFileSync(join(dir, 'team/roles.cap'), ROLES);
});

afterAll(async () => {
    for (const c of clients) await c.stop();
});

describe('the cap/preview notification', () => {
    it('pushes the report cap build writes, after the open and after every edit, with the version it was built from', async () => {
        const { client, pushes } = await startClient(true);
        clients.push(client);
        const planUri = uri('plan.cap');
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: planUri, languageId: 'cap', version: 1, text: PLAN },
        });
        const first = await client.until(() => pushes.find(p => p.uri === planUri), 'the first cap/preview push');
        expect(first.version).toBe(1);
        expect(first.files).toEqual([planUri, uri('team/roles.cap')]);
        // Byte for byte the report `cap build` writes for the same files on disk, plus each agent's
        // display name (null without one) for the preview.
        const built = JSON.parse(
            execFileSync(process.execPath, [CAP_BIN, 'build', join(dir, 'plan.cap'), '--json'], { encoding: 'utf-8' }),
        );
        expect(Object.values(first.report.agents).map(a => a.title)).toEqual([null]);
        expect(JSON.stringify(withoutAgentTitles(first.report))).toBe(JSON.stringify(built));

        // Twice the accounts: twice the demand, pushed without any request.
        const edited = PLAN.replace(/accounts (\d+)/, (_, n) => `accounts ${Number(n) * 2}`);
        expect(edited).not.toBe(PLAN);
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: planUri, version: 2 },
            contentChanges: [{ text: edited }],
        });
        const second = await client.until(
            () => pushes.find(p => p.uri === planUri && p.version === 2),
            'the push after the edit',
        );
        expect(second.report.totals.requiredFte).toBeCloseTo(first.report.totals.requiredFte * 2, 9);
    });

    it('pushes the whole plan report, forecast, scenarios and assertions included, as cap build writes it', async () => {
        const { client, pushes } = await startClient(true);
        clients.push(client);
        const path = join(__dirname, '../../examples/growth-500/growth.cap');
        const text = readFileSync(path, 'utf-8');
        const growthUri = pathToFileURL(path).toString();
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: growthUri, languageId: 'cap', version: 1, text },
        });
        const push = await client.until(() => pushes.find(p => p.uri === growthUri), 'the push of the growth model');
        const built = JSON.parse(
            execFileSync(process.execPath, [CAP_BIN, 'build', path, '--json'], { encoding: 'utf-8' }),
        );
        expect((push.report as unknown as { forecast: unknown }).forecast).not.toBeNull();
        expect(push.report.agents.csm_team.title).toBe('CSM team');
        expect(JSON.stringify(withoutAgentTitles(push.report))).toBe(JSON.stringify(built));
    });

    it('an imported file changed: the model that imports it is pushed again', async () => {
        const { client, pushes } = await startClient(true);
        clients.push(client);
        const planUri = uri('plan.cap');
        const rolesUri = uri('team/roles.cap');
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: planUri, languageId: 'cap', version: 1, text: PLAN },
        });
        await client.until(() => pushes.find(p => p.uri === planUri), 'the push of the plan');
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: rolesUri, languageId: 'cap', version: 1, text: ROLES },
        });
        const before = pushes.length;
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: rolesUri, version: 2 },
            contentChanges: [{ text: `${ROLES}\n// a comment\n` }],
        });
        const again = await client.until(
            () => pushes.slice(before).find(p => p.uri === planUri),
            'the plan pushed after its import changed',
        );
        // The imported file is no model of its own: only the entry is pushed.
        expect(pushes.some(p => p.uri === rolesUri)).toBe(false);
        expect(again.files).toContain(rolesUri);
    });

    it('is not sent to a client that did not ask for it', async () => {
        const { client, pushes } = await startClient(false);
        clients.push(client);
        const planUri = uri('plan.cap');
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: planUri, languageId: 'cap', version: 1, text: PLAN },
        });
        await client.until(() => client.publishedFor(planUri), 'diagnostics of plan.cap');
        // A request's answer waits for the build to finish, so a push of that build would be in.
        await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: planUri } });
        expect(pushes).toEqual([]);
    });
});
