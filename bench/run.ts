/**
 * The Cap benchmark: `npm run bench` (every size, a few minutes) or
 * `npm run bench -- --sizes S,M --quick` (the CI smoke run: every measurement once or twice).
 *
 * Measures in one process, after warm-up, lexing, parsing, building and the steps after it at
 * sizes S, M and L; a 50-plan workspace; the real language server over stdio; and the CLI as a whole
 * process. Writes a JSON results file and prints the table the README quotes, with the budgets.
 *
 * Options: --sizes S,M,L   --quick   --out FILE (default bench/results/latest.json)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { round } from './stats.ts';
import { renderTables } from './report.ts';
import { runBench } from './suite.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
    options: {
        sizes: { type: 'string', default: 'S,M,L' },
        quick: { type: 'boolean', default: false },
        out: { type: 'string', default: resolve(here, 'results/latest.json') },
    },
});

const log = (line: string) => process.stderr.write(`${line}\n`);
const results = await runBench({
    sizes: values.sizes
        .split(',')
        .map(s => s.trim().toUpperCase())
        .filter(Boolean),
    quick: values.quick,
    log,
});

const out = resolve(values.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, roundTimings, 2)}\n`);
process.stdout.write(renderTables(results));
log(`\nresults: ${relative(process.cwd(), out)}`);
if (results.budgets.some(b => !b.met)) log('some budgets are not met: see the table');

/** Milliseconds to three decimals in the file: enough for S-size timings, readable for L. */
function roundTimings(_key: string, value: unknown): unknown {
    return typeof value === 'number' && !Number.isInteger(value) ? round(value, 3) : value;
}
