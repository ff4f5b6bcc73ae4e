import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StdioClient } from './stdio-client.js';

/**
 * `cap lsp` over stdio with a model that reads a CRM export (spec section 14): the export saved
 * again on disk, or edited unsaved in an editor, rebuilds the model, the server asks the client
 * to refresh its hints, and the new figures show; problems in the CSV are published on the CSV.
 */

const PLAN = `data crm {
  file "data/accounts.csv"
  tier "Segment"
  revenue "ARR" per year
  owner "Owner" role CSM
}
role CSM { hours 160h / month  overhead 40h / month  cost $9,000 / month }
service Care { role CSM  effort 10h every month }
tier SMB { accounts from crm  revenue from crm  lifetime 24 months  services Care }
agent alice { role CSM }
`;
const rows = (n: number, arr = '12000') =>
    `${['Segment,ARR,Owner', ...Array.from({ length: n }, () => `SMB,${arr},alice`)].join('\n')}\n`;

let dir: string;
let client: StdioClient;
const uri = (path: string) => pathToFileURL(join(dir, path)).toString();
const refreshes = () => client.serverRequests.filter(m => m === 'workspace/inlayHint/refresh').length;

const hints = () => client.hintLabels(uri('plan.cap'));

/** Waits for the next hint refresh the server asks for, then reads the hints. */
async function hintsAfterRefresh(before: number): Promise<string[]> {
    await client.until(() => refreshes() > before, 'a hint refresh');
    return hints();
}

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cap-lsp-data-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'plan.cap'), PLAN);
    writeFileSync(join(dir, 'data/accounts.csv'), rows(3));
    client = new StdioClient();
    await client.initialize();
    await client.open(uri('plan.cap'), PLAN);
});

afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
});

describe('cap lsp and a CRM export', () => {
    it('hints the accounts the export holds', async () => {
        // 3 rows × $12,000 ARR = $36,000; 3 × 10 h = 30 h of alice's 120 h.
        expect(await hints()).toEqual(expect.arrayContaining(['3 accounts · ARR $36k', 'book 3 · load 25%']));
    });

    it('the export saved again on disk: the model is rebuilt and the client told to refresh its hints', async () => {
        writeFileSync(join(dir, 'data/accounts.csv'), rows(6));
        const before = refreshes();
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
            changes: [{ uri: uri('data/accounts.csv'), type: 2 }],
        });
        // 6 rows: $72,000; 60 h of 120 h.
        expect(await hintsAfterRefresh(before)).toEqual(
            expect.arrayContaining(['6 accounts · ARR $72k', 'book 6 · load 50%']),
        );
    });

    it('the export edited unsaved in an editor: its text counts; requests on the CSV get no answer, not a hang', async () => {
        const before = refreshes();
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: uri('data/accounts.csv'), languageId: 'csv', version: 1, text: rows(9) },
        });
        expect(await hintsAfterRefresh(before)).toEqual(
            expect.arrayContaining(['9 accounts · ARR $108k', 'book 9 · load 75%']),
        );
        const hover = await client.connection.sendRequest('textDocument/hover', {
            textDocument: { uri: uri('data/accounts.csv') },
            position: { line: 1, character: 1 },
        });
        expect(hover).toBeNull();
    });

    it('publishes a bad cell on the CSV, located at the cell, and clears it once fixed', async () => {
        const csv = uri('data/accounts.csv');
        const published = client.diagnostics.get(csv)?.length ?? 0;
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: csv, version: 2 },
            contentChanges: [{ text: `${rows(2)}SMB,"12,5OO",alice\n` }],
        });
        const bad = await client.until(() => client.publishedFor(csv, published), 'diagnostics of the CSV');
        expect(bad.diagnostics).toMatchObject([
            {
                code: 'CAP101',
                message: '"12,5OO" in ARR is not an amount: write it like 12,500 or $12,500',
                range: { start: { line: 3, character: 4 }, end: { line: 3, character: 12 } },
            },
        ]);
        const again = client.diagnostics.get(csv)!.length;
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: csv, version: 3 },
            contentChanges: [{ text: rows(2) }],
        });
        const fixed = await client.until(() => client.publishedFor(csv, again), 'cleared diagnostics of the CSV');
        expect(fixed.diagnostics).toEqual([]);
    });

    it('closed unsaved, the export on disk counts again', async () => {
        const before = refreshes();
        await client.connection.sendNotification('textDocument/didClose', {
            textDocument: { uri: uri('data/accounts.csv') },
        });
        expect(await hintsAfterRefresh(before)).toEqual(expect.arrayContaining(['6 accounts · ARR $72k']));
        expect(client.stderr).not.toMatch(/internal error/);
    });
});
