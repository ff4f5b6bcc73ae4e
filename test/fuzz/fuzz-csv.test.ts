import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCapServices, fileUri, loadModel, memoryFileReader } from '@cap/language';
import type { LoadedModel } from '@cap/language';
import { reportToJson, toReport } from '@cap/engine';
import { capInProcess } from '../cli/cli-helpers.js';
import { StdioClient } from '../lsp/stdio-client.js';
import { random } from '../../bench/generate.ts';

/**
 * Bad CRM exports (spec section 14): quotes left open, ragged rows, huge fields, random bytes, a
 * 100 MB field, a file past the size limit, byte-order marks, mixed line ends, NUL bytes. Each is
 * read by `cap check` and `cap build -o` (in process), and by one `cap lsp` server: no
 * crash and no stack trace, every error located (`file:line:col`), no report written when there
 * are errors, and the server answers after every file. Then a few hundred seeded mutations of a
 * clean export, in process: every diagnostic inside its file, no NaN or Infinity in a report.
 */

const PLAN = `data crm {
  file "data/accounts.csv"
  key "ID"
  tier "Segment"
  revenue "ARR" per year
  owner "Owner" role CSM
}
role CSM { hours 160h / month  overhead 40h / month  cost $9,000 / month }
service Care { role CSM  effort 10h every month }
tier SMB { accounts from crm  revenue from crm  lifetime 24 months  services Care }
agent alice "Alice Chen" { role CSM }
`;
const HEADER = 'ID,Segment,ARR,Owner';
const CLEAN = `${HEADER}\n1,SMB,"$12,000",alice\n2,SMB,12k,Alice Chen\n3,SMB,9000 USD,\n`;
const MB = 1024 * 1024;

interface Case {
    name: string;
    /** The export's content; a number: a file of that many bytes made without writing them (sparse). */
    content: () => string | Uint8Array | number;
    /** Where the error is: a line of the export (1-based), the plan, or nowhere (the export reads cleanly). */
    error: { csvLine: number } | 'plan' | 'none';
}

const CASES: Case[] = [
    {
        name: 'a quote left open',
        content: () => `${HEADER}\n1,SMB,"12000,alice\n2,SMB,1,alice\n`,
        error: { csvLine: 2 },
    },
    {
        name: 'a quote left open in the header',
        content: () => `ID,"Segment,ARR,Owner\n1,SMB,1,alice\n`,
        error: { csvLine: 1 },
    },
    { name: 'a row with a field too many', content: () => `${HEADER}\n1,SMB,12000,alice,x\n`, error: { csvLine: 2 } },
    {
        name: 'a row with fields missing (its revenue empty)',
        content: () => `${HEADER}\n1,SMB,12000,alice\n2,SMB\n`,
        error: { csvLine: 3 },
    },
    {
        name: 'a 2 MB field (quote missing)',
        content: () => `${HEADER}\n1,SMB,"${'x'.repeat(2 * MB)},alice\n`,
        error: { csvLine: 2 },
    },
    {
        name: 'a 100 MB quoted field',
        content: () => {
            const head = Buffer.from(`${HEADER}\n1,SMB,12000,alice\n2,SMB,"`);
            const bytes = Buffer.alloc(head.length + 100 * MB + 10, 'y');
            head.copy(bytes);
            bytes.write('",alice\n', bytes.length - 8);
            return bytes;
        },
        error: { csvLine: 3 },
    },
    { name: 'a file past the 512 MB limit', content: () => 513 * MB, error: 'plan' },
    {
        name: 'random bytes',
        content: () => {
            const rnd = random(25);
            return Uint8Array.from({ length: 4096 }, () => 1 + Math.floor(rnd() * 255));
        },
        error: 'plan',
    },
    { name: 'NUL bytes in a cell', content: () => `${HEADER}\n1,SMB,12\u0000000,alice\n`, error: 'plan' },
    { name: 'a byte-order mark', content: () => `\ufeff${CLEAN}`, error: 'none' },
    { name: 'two byte-order marks', content: () => `\ufeff\ufeff${CLEAN}`, error: 'none' },
    {
        // Trimmed like a space, as JavaScript trims it.
        name: 'a byte-order mark inside a cell',
        content: () => `${HEADER}\n1,SMB,\ufeff12000,alice\n`,
        error: 'none',
    },
    {
        name: 'LF and CRLF line ends mixed',
        content: () => `${HEADER}\r\n1,SMB,12000,alice\n2,SMB,1,alice\r\n`,
        error: 'none',
    },
    {
        name: 'a lone CR (old Mac line end) joins two rows',
        content: () => `${HEADER}\n1,SMB,12000,alice\r2,SMB,5,alice\n`,
        error: { csvLine: 2 },
    },
    { name: 'a header and nothing else', content: () => `${HEADER}\n`, error: 'none' },
    { name: 'an empty file', content: () => '', error: 'plan' },
    {
        name: 'invalid UTF-8 in an amount',
        content: () =>
            Buffer.concat([Buffer.from(`${HEADER}\n1,SMB,12`), Buffer.from([0xff, 0xfe]), Buffer.from(',alice\n')]),
        error: { csvLine: 2 },
    },
];

let dir: string;
let client: StdioClient;
const csvPath = () => join(dir, 'data/accounts.csv');
const publications = (path: string) => client.diagnostics.get(uri(path))?.length ?? 0;
const uri = (path: string) => pathToFileURL(join(dir, path)).toString();

function writeExport(content: string | Uint8Array | number): void {
    rmSync(csvPath(), { force: true });
    if (typeof content === 'number') {
        writeFileSync(csvPath(), '');
        truncateSync(csvPath(), content);
    } else writeFileSync(csvPath(), content);
}

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cap-fuzz-csv-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'plan.cap'), PLAN);
    writeExport(CLEAN);
    client = new StdioClient();
    await client.initialize({ hover: {} });
    await client.open(uri('plan.cap'), PLAN);
});

afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
    if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('cap check, cap build and cap lsp on a bad CRM export', () => {
    for (const c of CASES) {
        it(c.name, async () => {
            writeExport(c.content());

            const check = await capInProcess(['check', 'plan.cap'], dir);
            expect(check.stderr).not.toMatch(/\n\s+at /); // no stack trace
            const errors = check.stdout.split('\n').filter(l => / - error CAP\d{3}: /.test(l));
            if (c.error === 'none') {
                expect(check.code, check.stdout).toBe(0);
                expect(errors).toEqual([]);
            } else {
                expect(check.code, check.stdout + check.stderr).toBe(1);
                const where =
                    c.error === 'plan' ? /^plan\.cap:\d+:\d+ - error / : /^data\/accounts\.csv:(\d+):\d+ - error /;
                const located = errors.filter(l => where.test(l));
                expect(located, check.stdout).not.toEqual([]);
                if (c.error !== 'plan') expect(Number(where.exec(located[0])![1])).toBe(c.error.csvLine);
                // Every error is located, in the plan or in the export.
                for (const l of errors) expect(l).toMatch(/^(plan\.cap|data\/accounts\.csv):\d+:\d+ - error /);
            }

            rmSync(join(dir, 'report.json'), { force: true });
            const built = await capInProcess(['build', 'plan.cap', '-o', 'report.json'], dir);
            expect(built.stderr).not.toMatch(/\n\s+at /);
            expect(existsSync(join(dir, 'report.json'))).toBe(c.error === 'none');
            if (c.error !== 'none') expect(built.code).toBe(1);

            // The server reads the new export, publishes its problems on it, and still answers.
            const published = publications('plan.cap');
            const publishedOnCsv = publications('data/accounts.csv');
            await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
                changes: [{ uri: uri('data/accounts.csv'), type: 2 }],
            });
            await client.until(() => publications('plan.cap') > published, 'plan.cap rebuilt');
            if (typeof c.error === 'object') {
                const line = (c.error as { csvLine: number }).csvLine - 1;
                const onCsv = await client.until(
                    () =>
                        client
                            .publishedFor(uri('data/accounts.csv'), publishedOnCsv)
                            ?.diagnostics.find(d => d.severity === 1),
                    'an error published on the export',
                );
                expect((onCsv.range as { start: { line: number } }).start.line).toBe(line);
            }
            const hover = await client.connection.sendRequest('textDocument/hover', {
                textDocument: { uri: uri('plan.cap') },
                position: { line: 0, character: 6 },
            });
            expect(hover).not.toBeUndefined();
        }, 60_000);
    }
});

describe('seeded mutations of a clean export, in process', () => {
    const MUTATIONS: ((s: string, rnd: () => number) => string)[] = [
        (s, rnd) => insert(s, rnd, '"'),
        (s, rnd) => insert(s, rnd, ','),
        (s, rnd) => insert(s, rnd, '\n'),
        (s, rnd) => insert(s, rnd, '\r'),
        (s, rnd) => insert(s, rnd, '\ufeff'),
        (s, rnd) => insert(s, rnd, String.fromCharCode(Math.floor(rnd() * 0xd7ff))),
        (s, rnd) => {
            const at = Math.floor(rnd() * s.length);
            return s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 8));
        },
        (s, rnd) => insert(s, rnd, ['-5', '1e999', '9'.repeat(400), '$', 'EUR 5', '12,5OO'][Math.floor(rnd() * 6)]),
    ];

    it('never throws, locates every diagnostic inside its file, never reports NaN or Infinity', async () => {
        const rnd = random(14);
        const rows = Array.from({ length: 30 }, (_, i) => `${i + 1},SMB,${1000 + i * 10},${i % 2 ? 'alice' : ''}`);
        const base = `${HEADER}\n${rows.join('\n')}\n`;
        // One workspace, as a server keeps one: the export is read again after each change.
        const services = createCapServices();
        const csv = fileUri('/f/data/accounts.csv');
        let located = 0;
        for (let n = 0; n < 300; n++) {
            let text = base;
            for (let k = 0, count = 1 + Math.floor(rnd() * 4); k < count; k++)
                text = MUTATIONS[Math.floor(rnd() * MUTATIONS.length)](text, rnd);
            const files: Record<string, string> = { '/f/plan.cap': PLAN };
            const bytes = new TextEncoder().encode(text);
            services.Cap.workspace.DataFiles.changed(csv);
            const model = await loadModel(
                services,
                fileUri('/f/plan.cap'),
                memoryFileReader(files),
                undefined,
                async u => (u.path === '/f/data/accounts.csv' ? bytes : undefined),
            );
            const lines = text.split('\n');
            if (model.diagnostics.some(d => d.uri.path === csv.path)) located++;
            for (const { uri: u, diagnostic } of model.diagnostics) {
                const fileLines = u.path === '/f/plan.cap' ? PLAN.split('\n') : lines;
                expect(u.path, JSON.stringify(text)).toMatch(/^\/f\/(plan\.cap|data\/accounts\.csv)$/);
                const { start, end } = diagnostic.range;
                expect(start.line, JSON.stringify(text)).toBeLessThan(fileLines.length);
                expect(end.line).toBeGreaterThanOrEqual(start.line);
                expect(start.character).toBeGreaterThanOrEqual(0);
                expect(Number.isInteger(start.character) && Number.isInteger(end.character)).toBe(true);
            }
            const json = reportToJsonOrUndefined(model);
            if (json !== undefined) expect(json, JSON.stringify(text)).not.toMatch(/NaN|Infinity/);
        }
        // Each case is read afresh: many of them break the export somewhere.
        expect(located).toBeGreaterThan(50);
    }, 120_000);
});

/** The report `cap build` would write: none when the model has errors. */
function reportToJsonOrUndefined(model: LoadedModel): string | undefined {
    if (model.diagnostics.some(d => d.diagnostic.severity === 1)) return undefined;
    return reportToJson(toReport(model.evaluation, []));
}

function insert(s: string, rnd: () => number, what: string): string {
    const at = Math.floor(rnd() * (s.length + 1));
    return s.slice(0, at) + what + s.slice(at);
}
