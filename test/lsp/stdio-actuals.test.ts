import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StdioClient } from './stdio-client.js';

/**
 * `cap lsp` over stdio with a model that reads a time log (spec section 15): the hints beside a
 * service, a role and an agent, the derivation in the hover, the drift warning on `effort` and its
 * quick fix, which, applied, leaves no drift.
 */

const PLAN = `role CSM { hours 160h / month  overhead 40h / month  cost $9,000 / month }
service QBR { role CSM  effort 4h every quarter }
tier SMB { accounts 30  lifetime 24 months  services QBR }
agent alice "Alice Chen" { role CSM }
actuals q1 {
  file "data/time.csv"
  date "Date"
  agent "Assigned To"
  hours "Minutes" min
  service "Type"
}
`;
// January: 3,180 min of QBR (53 h) and 120 min of an internal meeting (2 h): M = 1.
const LOG = 'Date,Assigned To,Minutes,Type\n2027-01-12,Alice Chen,3180,QBR\n2027-01-13,alice,120,Internal\n';

let dir: string;
let client: StdioClient;
const uri = (path: string) => pathToFileURL(join(dir, path)).toString();

const hints = () => client.hintLabels(uri('plan.cap'));

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cap-lsp-actuals-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'plan.cap'), PLAN);
    writeFileSync(join(dir, 'data/time.csv'), LOG);
    client = new StdioClient();
    await client.initialize();
    await client.open(uri('plan.cap'), PLAN);
});

afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
});

describe('cap lsp and a time log', () => {
    it('hints logged time beside the service, the role and the agent, each at most 43 characters', async () => {
        // QBR: designed 30 × 4 h / 3 = 40 h, logged 53 h: +32.5%, shown +32% (half to even). CSM: 55 h, 2 h unplanned (3.6%).
        // alice: 55 h of E = 120 h: 45.8%.
        const labels = await hints();
        const logged = labels.filter(l => l.startsWith('logged'));
        expect(logged).toEqual(['logged 55 h/mo · 3.6% unplanned', 'logged 53 h/mo · +32% ⚠', 'logged load 45.8%']);
        for (const label of logged) expect(label.length).toBeLessThanOrEqual(43);
    });

    it('hovers a service with the derivation: entries, window, occurrences, effort logged against designed', async () => {
        const hover = (await client.connection.sendRequest('textDocument/hover', {
            textDocument: { uri: uri('plan.cap') },
            position: { line: 1, character: 9 },
        })) as { contents: { value: string } };
        expect(hover.contents.value).toContain('**Logged** (q1, 2027-01):');
        expect(hover.contents.value).toContain(
            '1 entry, 53 h ÷ 1 month = **53 h a month** against 40 h designed (+32%)',
        );
        expect(hover.contents.value).toContain('occurrences = 10 a month → **5.3 h per occurrence**, designed 4 h');
    });

    it('warns on the effort and offers the logged effort; applied, the drift is gone', async () => {
        const published = client.publishedFor(uri('plan.cap'))!;
        const drift = published.diagnostics.find(d => d.code === 'CAP091')!;
        expect(drift.range).toEqual({ start: { line: 1, character: 31 }, end: { line: 1, character: 33 } });
        expect(drift.message).toBe(
            'QBR: designed 40 h a month, logged 53 h (+32.5%) in 2027-01 from 1 entry: 5.3 h per occurrence, not 4 h',
        );
        const actions = (await client.connection.sendRequest('textDocument/codeAction', {
            textDocument: { uri: uri('plan.cap') },
            range: drift.range,
            context: { diagnostics: [drift] },
        })) as { title: string; edit: { changes: Record<string, { newText: string; range: unknown }[]> } }[];
        expect(actions.map(a => a.title)).toEqual(['Use the logged effort (5.3h)']);
        const [edit] = actions[0].edit.changes[uri('plan.cap')];
        expect(edit).toEqual({ range: drift.range, newText: '5.3h' });

        const text = PLAN.replace('effort 4h', 'effort 5.3h');
        const count = client.diagnostics.get(uri('plan.cap'))?.length ?? 0;
        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: uri('plan.cap'), version: 2 },
            contentChanges: [{ text }],
        });
        const after = await client.until(
            () => client.publishedFor(uri('plan.cap'), count),
            'diagnostics after the fix',
        );
        expect(after.diagnostics.filter(d => d.code === 'CAP091')).toEqual([]);
        expect(await hints()).toContain('logged 53 h/mo · 0%'); // 30 × 5.3 h / 3 = 53 h designed
    });
});
