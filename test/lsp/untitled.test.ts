import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PLAN, ROLES } from './fixtures.js';
import { StdioClient } from './stdio-client.js';

/**
 * An editor's unsaved buffer (`untitled:Untitled-1`, no file extension) set to the Cap language:
 * it is checked like a file, and closing it leaves a server that still builds everything else.
 */

let dir: string;
let client: StdioClient;

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cap-untitled-'));
    mkdirSync(join(dir, 'team'));
    writeFileSync(join(dir, 'plan.cap'), PLAN);
    writeFileSync(join(dir, 'team/roles.cap'), ROLES);
    client = new StdioClient();
    await client.initialize();
});

afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
});

describe('untitled buffers', () => {
    it('are checked, and once closed do not stop the next builds', async () => {
        const untitled = 'untitled:Untitled-1';
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: untitled, languageId: 'cap', version: 1, text: 'role X {\n  hours 160\n}\n' },
        });
        const published = await client.until(() => client.publishedFor(untitled), 'diagnostics of the untitled buffer');
        expect(published.diagnostics.map(d => d.code)).toContain('CAP020');
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: untitled } });

        const plan = pathToFileURL(join(dir, 'plan.cap')).toString();
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: plan, languageId: 'cap', version: 1, text: PLAN },
        });
        const planDiagnostics = await client.until(
            () => client.publishedFor(plan),
            'diagnostics of plan.cap after the buffer closed',
        );
        expect(planDiagnostics.diagnostics.map(d => d.code)).toEqual(['CAP052']);
        expect(client.stderr).not.toMatch(/service registry/);
    });
});
