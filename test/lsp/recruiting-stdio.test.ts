import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StdioClient } from './stdio-client.js';

/**
 * Spec section 16 as an editor receives it from `cap lsp` over stdio: the hints beside `attrition`
 * and `hiring` of the growth example, how they move after an edit, and a dated intake's warning.
 * The figures are examples/README.md §4's.
 */

const growth = readFileSync(resolve(__dirname, '../../examples/growth-500/growth.cap'), 'utf-8');
let client: StdioClient;
const uri = pathToFileURL(join(mkdtempSync(join(tmpdir(), 'cap-lsp-16-')), 'growth.cap')).toString();
const labels = () => client.hintLabels(uri, 200);

beforeAll(async () => {
    client = new StdioClient();
    await client.initialize({ hover: { contentFormat: ['markdown'] } });
});

afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
});

describe('cap lsp over stdio: a hiring plan that survives recruiting', () => {
    it('sends the leavers beside attrition and the first requisition beside hiring, and updates them after an edit', async () => {
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri, languageId: 'cap', version: 1, text: growth },
        });
        const published = await client.until(() => client.publishedFor(uri), 'diagnostics of growth.cap');
        expect(published.diagnostics).toEqual([]);
        // 24.5 × (1 − 0.85^(5/12)) = 1.60 FTE by 2027-06; hire 1 starts 2027-01, opens 2 months before.
        expect(await labels()).toEqual(
            expect.arrayContaining(['≈ 1.6 FTE leave over the horizon', 'first req opens 2026-11 (late)']),
        );

        // 25% a year: 24.5 × (1 − 0.75^(5/12)) = 2.77 FTE.
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: 2 },
            contentChanges: [{ text: growth.replace('attrition 15% / year', 'attrition 25% / year') }],
        });
        await client.until(() => client.publishedFor(uri, 1), 'diagnostics after the edit');
        expect(await labels()).toEqual(expect.arrayContaining(['≈ 2.77 FTE leave over the horizon']));
    });

    it('warns about an intake month outside the forecast, on the month', async () => {
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: 3 },
            contentChanges: [{ text: growth.replace('2027-03 200', '2027-09 200') }],
        });
        const published = await client.until(() => client.publishedFor(uri, 2), 'diagnostics after the intake edit');
        expect(published.diagnostics.map(d => [d.code, d.severity, d.message])).toEqual([
            ['CAP123', 2, '2027-09 is outside the forecast (2027-01 to 2027-06): its 200 accounts count nowhere'],
        ]);
        const line = growth.split('\n').findIndex(l => l.includes('2027-03 200'));
        expect(published.diagnostics[0].range).toEqual({
            start: { line, character: 4 },
            end: { line, character: 11 },
        });
    });
});
