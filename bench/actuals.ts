/**
 * The time-log benchmark (spec section 15): `npm run bench:actuals`, also the last part of
 * `npm run bench`. Generates a plan that reads a CRM export of 2,000 accounts and a time log of
 * 100,000 and 1,000,000 rows, then measures, as ratios within one run:
 *
 * - the CSV library's bare parse of the log (csv-parse, every record read, none kept);
 * - `cap build` in one process (read the files, parse, link, validate, read and match the log,
 *   evaluate), whose budget is twice the bare parse;
 * - a keystroke in the plan (an effort changed, the model built again), which must not read the log
 *   again: the log's groups are the same object before and after.
 *
 * `npm run bench -- --only actuals` runs it alone; `npm run bench` runs it after the rest
 * (`--quick`: 100,000 rows, once).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createCapServices, fileUri, loadModel, nodeDataReader, nodeFileReader } from '@cap/language';
import { promises as fs } from 'node:fs';

export const ACTUALS_ROWS = [100_000, 1_000_000];
export const ACTUALS_ROWS_QUICK = [100_000];

const AGENTS = Array.from({ length: 20 }, (_, i) => `agent${i}`);
const SERVICES = ['QBR', 'CheckIn', 'ExecReview', 'Touchpoint', 'HealthReview', 'Webinar', 'Office'];
const OTHER = ['Email', 'Escalation', 'Internal meeting'];
const ACCOUNTS = 2_000;

function plan(): string {
    const agents = AGENTS.map((a, i) => `agent ${a} "Agent ${i}" { role ${i < 16 ? 'CSM' : 'Scale'} }`).join('\n');
    return `model Bench { start 2027-01 }
data crm { file "accounts.csv"  key "Account ID"  tier "Segment" }
role CSM { hours 160h / month  overhead 40h / month  cost $9,000 / month }
role Scale { hours 160h / month  overhead 40h / month  cost $7,000 / month }
service QBR { role CSM  effort 8h every quarter }
service CheckIn { role CSM  effort 4h every month }
service ExecReview { role CSM  effort 10h every year }
service Touchpoint { role CSM  effort 1.5h every month }
service HealthReview { role CSM  effort 4h every quarter }
service Webinar { role Scale  effort 2h every month  seats 100 }
service Office { role Scale  effort 4h every week  seats 40 }
tier Enterprise { accounts from crm  lifetime 36 months  services QBR, CheckIn, ExecReview }
tier MidMarket { accounts from crm  lifetime 24 months  services Touchpoint, HealthReview }
tier SMB { accounts from crm  lifetime 12 months  services Webinar, Office }
${agents}
actuals q { file "time.csv"  date "Activity Date"  agent "Assigned To"  hours "Duration (min)" min
  service "Activity Type"  account "Account ID" in crm  window 2027-01 to 2027-12 }
`;
}

function accounts(): string {
    const segments = ['Enterprise', 'MidMarket', 'SMB'];
    const lines = ['Account ID,Segment'];
    for (let i = 0; i < ACCOUNTS; i++) lines.push(`A-${i},${segments[i % 3]}`);
    return `${lines.join('\n')}\n`;
}

/** A pseudo-random but fixed log: dates over a year, 20 agents, services and other activity types. */
function timeLog(rows: number): string {
    const parts: string[] = ['Activity Date,Assigned To,Activity Type,Duration (min),Account ID,Subject\n'];
    let seed = 2027;
    const next = (n: number) => {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        return seed % n;
    };
    const types = [...SERVICES, ...OTHER];
    let chunk = '';
    for (let i = 0; i < rows; i++) {
        const month = String(1 + next(12)).padStart(2, '0');
        const day = String(1 + next(28)).padStart(2, '0');
        chunk += `2027-${month}-${day},Agent ${next(20)},${types[next(types.length)]},${15 + 15 * next(8)},A-${next(ACCOUNTS)},"Note, ${i}"\n`;
        if (chunk.length > 1 << 20) {
            parts.push(chunk);
            chunk = '';
        }
    }
    parts.push(chunk);
    return parts.join('');
}

function bareParse(bytes: Uint8Array): void {
    let records = 0;
    parse(bytes, {
        delimiter: ',',
        record_delimiter: ['\r\n', '\n'],
        bom: true,
        relax_column_count: true,
        on_record: () => {
            records++;
            return null;
        },
    });
    if (records === 0) throw new Error('nothing parsed');
}

async function timed(f: () => unknown): Promise<number> {
    const start = performance.now();
    await f();
    return performance.now() - start;
}

/** Runs the time-log benchmark; the Markdown table, and whether every budget is met. */
export async function runActualsBench(
    sizes: number[],
    runs: number,
    log: (line: string) => void,
): Promise<{ table: string; met: boolean }> {
    const out: string[] = [];
    const results: {
        rows: number;
        megabytes: number;
        bare: number;
        build: number;
        ratio: number;
        keystroke: number;
        reread: boolean;
    }[] = [];
    for (const rows of sizes) {
        const dir = mkdtempSync(join(tmpdir(), 'cap-bench-actuals-'));
        try {
            writeFileSync(join(dir, 'plan.cap'), plan());
            writeFileSync(join(dir, 'accounts.csv'), accounts());
            writeFileSync(join(dir, 'time.csv'), timeLog(rows));
            const bytes = readFileSync(join(dir, 'time.csv'));
            const bare: number[] = [];
            const build: number[] = [];
            const keystroke: number[] = [];
            let reread = false;
            for (let run = 0; run < runs; run++) {
                globalThis.gc?.();
                bare.push(await timed(() => bareParse(bytes)));
                globalThis.gc?.();
                const services = createCapServices();
                const entry = fileUri(join(dir, 'plan.cap'));
                const read = nodeFileReader(fs);
                const readData = nodeDataReader(fs);
                let first: Awaited<ReturnType<typeof loadModel>> | undefined;
                build.push(
                    await timed(async () => (first = await loadModel(services, entry, read, undefined, readData))),
                );
                const before = first!.evaluation.actuals[0]?.log;
                if (!before || first!.evaluation.results.actuals.q.entries === 0)
                    throw new Error('the log was not read');
                // A keystroke: the QBR's effort edited; the same services, so the data files stay read.
                const edited = plan().replace('effort 8h every quarter', `effort ${9 + run}h every quarter`);
                let second: Awaited<ReturnType<typeof loadModel>> | undefined;
                keystroke.push(
                    await timed(
                        async () =>
                            (second = await loadModel(
                                services,
                                entry,
                                async uri => (uri.toString() === entry.toString() ? edited : read(uri)),
                                undefined,
                                readData,
                            )),
                    ),
                );
                if (second!.evaluation.actuals[0]?.log !== before) reread = true;
            }
            const best = (xs: number[]) => Math.min(...xs);
            const r = {
                rows,
                megabytes: Math.round(bytes.length / 1e5) / 10,
                bare: Math.round(best(bare)),
                build: Math.round(best(build)),
                ratio: Math.round((best(build) / best(bare)) * 100) / 100,
                keystroke: Math.round(best(keystroke)),
                reread,
            };
            results.push(r);
            log(
                `${rows} rows (${r.megabytes} MB): bare parse ${r.bare} ms, cap build ${r.build} ms (${r.ratio}×), keystroke ${r.keystroke} ms${reread ? ', LOG READ AGAIN' : ''}`,
            );
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }

    out.push(
        '\n| time log | bare parse (csv-parse) | cap build | build ÷ parse (budget ≤ 2) | keystroke → model | log read again |\n',
    );
    out.push('| --- | --- | --- | --- | --- | --- |\n');
    for (const r of results)
        out.push(
            `| ${r.rows.toLocaleString('en-US')} rows, ${r.megabytes} MB | ${r.bare} ms | ${r.build} ms | ${r.ratio} ${r.ratio <= 2 ? '✓' : '✗'} | ${r.keystroke} ms | ${r.reread ? 'yes ✗' : 'no ✓'} |\n`,
        );
    return { table: out.join(''), met: !results.some(r => r.ratio > 2 || r.reread) };
}
