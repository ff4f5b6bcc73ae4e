/**
 * The Cap benchmark: `npm run bench` (every size, a few minutes) or
 * `npm run bench -- --sizes S,M --quick` (the CI smoke run: every measurement once or twice), or
 * `npm run bench -- --only data` (the CRM export part alone, about two minutes), or
 * `npm run bench -- --only actuals` (the time logs of spec section 15 alone, about a minute).
 *
 * Measures in one process, after warm-up, lexing, parsing, building and the steps after it at
 * sizes S, M and L; a 50-plan workspace; the real language server over stdio; and the CLI as a whole
 * process. Writes a JSON results file and prints the table the README quotes, with the budgets.
 *
 * Options: --sizes S,M,L   --quick   --out FILE (default bench/results/latest.json)
 *          --only data (writes bench/results/data.json)   --crm-rows 10000,100000   --only actuals
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { round } from './stats.ts';
import { dataBudgets, renderBudgets, renderDataTable, renderTables } from './report.ts';
import { runBench } from './suite.ts';
import { CRM_ROWS, CRM_ROWS_QUICK, runDataBench } from './data.ts';
import { ACTUALS_ROWS, ACTUALS_ROWS_QUICK, runActualsBench } from './actuals.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
    options: {
        sizes: { type: 'string', default: 'S,M,L' },
        quick: { type: 'boolean', default: false },
        out: { type: 'string' },
        only: { type: 'string' },
        'crm-rows': { type: 'string' },
    },
});

const log = (line: string) => process.stderr.write(`${line}\n`);
const crmRows = values['crm-rows']?.split(',').map(Number);
if (values.only !== undefined && values.only !== 'data' && values.only !== 'actuals')
    throw new Error(`--only ${values.only}: only \`data\` and \`actuals\` run alone`);

/** The time logs (spec section 15): their own table, printed after the others. */
async function actuals(): Promise<void> {
    const { table, met } = await runActualsBench(
        values.quick ? ACTUALS_ROWS_QUICK : ACTUALS_ROWS,
        values.quick ? 1 : 3,
        log,
    );
    process.stdout.write(table);
    if (!met) log('the time-log budget is not met: see the table');
}

if (values.only === 'actuals') {
    await actuals();
    process.exit(0);
}

if (values.only === 'data') {
    const data = await runDataBench(crmRows ?? (values.quick ? CRM_ROWS_QUICK : CRM_ROWS), values.quick, log);
    const budgets = dataBudgets(data);
    write(values.out ?? resolve(here, 'results/data.json'), {
        schema: 'cap-bench-data/1',
        date: new Date(),
        data,
        budgets,
    });
    process.stdout.write(`${renderDataTable(data)}\n${renderBudgets(budgets)}`);
    if (budgets.some(b => !b.met)) log('some budgets are not met: see the table');
    process.exit(0);
}
const results = await runBench({
    sizes: values.sizes
        .split(',')
        .map(s => s.trim().toUpperCase())
        .filter(Boolean),
    quick: values.quick,
    crmRows,
    log,
});

write(values.out ?? resolve(here, 'results/latest.json'), results);
process.stdout.write(renderTables(results));
if (results.budgets.some(b => !b.met)) log('some budgets are not met: see the table');
await actuals();

function write(file: string, content: unknown): void {
    const out = resolve(file);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(content, roundTimings, 2)}\n`);
    log(`\nresults: ${relative(process.cwd(), out)}`);
}

/** Milliseconds to three decimals in the file: enough for S-size timings, readable for L. */
function roundTimings(_key: string, value: unknown): unknown {
    return typeof value === 'number' && !Number.isInteger(value) ? round(value, 3) : value;
}
