/**
 * The Cap benchmark: `npm run bench` (every size, a few minutes) or
 * `npm run bench -- --sizes S,M --quick` (the CI smoke run: every measurement once or twice).
 *
 * Measures in one process, after warm-up, the floor (lexing) and everything above it at sizes S,
 * M and L; a 50-file workspace; the real language server over stdio; and the CLI as a whole
 * process. Writes a JSON results file and prints the table the README quotes, with the budgets.
 *
 * Options: --sizes S,M,L   --quick   --out FILE (default bench/results/latest.json)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem, type } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EDIT_SCALE, SIZES, generateModel, generateWorkspace } from './generate.ts';
import { measureSize, measureWorkspace } from './inprocess.ts';
import type { Effort, SizeResult } from './inprocess.ts';
import { measureKeystrokes, measureStorm } from './editor.ts';
import { measureStartup } from './startup.ts';
import { round } from './stats.ts';
import { budgetsOf, renderTables } from './report.ts';
import type { BenchResults } from './report.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
    options: {
        sizes: { type: 'string', default: 'S,M,L' },
        quick: { type: 'boolean', default: false },
        out: { type: 'string', default: resolve(here, 'results/latest.json') },
    },
});
const sizes = values.sizes.split(',').map(s => s.trim().toUpperCase()).filter(Boolean);
for (const size of sizes) if (!(size in SIZES)) throw new Error(`unknown size ${size}: use S, M or L`);
const quick = values.quick;

if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
    process.stderr.write('note: run with --expose-gc (npm run bench does) so runs do not pay for each other\'s garbage\n');
}

/** Iterations per size: L builds take seconds, S builds milliseconds. */
function effortFor(size: string): Effort {
    if (quick) return { warmup: 1, iterations: 2, maxTotalMs: 5_000 };
    return size === 'L' ? { warmup: 1, iterations: 5, maxTotalMs: 30_000 } : size === 'M' ? { warmup: 3, iterations: 15, maxTotalMs: 20_000 } : { warmup: 10, iterations: 40, maxTotalMs: 10_000 };
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const started = new Date();
const loadBefore = loadavg();

const sizeResults: Record<string, SizeResult> = {};
for (const size of sizes) {
    log(`size ${size}: generating and measuring in process ...`);
    sizeResults[size] = await measureSize(generateModel(SIZES[size]), effortFor(size));
}

log('workspace of 50 files ...');
const workspace = await measureWorkspace(generateWorkspace(50), quick ? { warmup: 1, iterations: 2, maxTotalMs: 5_000 } : { warmup: 3, iterations: 15, maxTotalMs: 20_000 });

log('keystroke → inlay hints over stdio (2,000-line plan) ...');
const keystroke = await measureKeystrokes(generateModel(EDIT_SCALE), quick ? 2 : 30, quick ? 3 : 60);

const stormSize = sizes.includes('L') ? 'L' : sizes[sizes.length - 1] ?? 'S';
log(`burst of keystrokes over stdio (${stormSize}) ...`);
const storm = await measureStorm(generateModel(SIZES[stormSize]), quick ? 5 : 20, 30, quick ? 1 : 3);

log('cap check as a whole process ...');
const startup = measureStartup(generateModel(SIZES.S), quick ? 1 : 3, quick ? 3 : 15);

const loadAfter = loadavg();
const results: BenchResults = {
    schema: 'cap-bench/1',
    date: started.toISOString(),
    options: { sizes, quick },
    machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        memoryGb: round(totalmem() / 2 ** 30, 1),
        freeMemoryGb: round(freemem() / 2 ** 30, 1),
        os: `${type()} ${process.arch}`,
        node: process.version,
        // Other work on the machine slows every figure; the load says how much was going on.
        loadAverage: { before: loadBefore.map(x => round(x)), after: loadAfter.map(x => round(x)) },
    },
    sizes: sizeResults,
    workspace,
    keystroke,
    storm: { ...storm, size: stormSize },
    startup,
    budgets: [],
};
results.budgets = budgetsOf(results);

const out = resolve(values.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(results, roundTimings, 2) + '\n');
process.stdout.write(renderTables(results));
log(`\nresults: ${relative(process.cwd(), out)}`);
if (results.budgets.some(b => !b.met)) log('some budgets are not met: see the table');

/** Milliseconds to three decimals in the file: enough for S-size timings, readable for L. */
function roundTimings(_key: string, value: unknown): unknown {
    return typeof value === 'number' && !Number.isInteger(value) ? round(value, 3) : value;
}
