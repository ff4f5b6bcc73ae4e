import { cpus, freemem, loadavg, totalmem, type } from 'node:os';
import { EDIT_SCALE, SIZES, generateModel, generateWorkspace } from './generate.ts';
import { measureSize, measureWorkspace } from './inprocess.ts';
import type { Effort, SizeResult } from './inprocess.ts';
import { measureKeystrokes, measureStorm } from './editor.ts';
import { measureStartup } from './startup.ts';
import { CRM_ROWS, CRM_ROWS_QUICK, runDataBench } from './data.ts';
import { round } from './stats.ts';
import { budgetsOf } from './report.ts';
import type { BenchResults } from './report.ts';

export interface BenchOptions {
    /** Model sizes to measure in process: S, M, L. */
    sizes: string[];
    /** Every measurement once or twice: a smoke run, not figures to quote. */
    quick: boolean;
    /** Plans in the workspace benchmark (50). */
    plans?: number;
    /** Rows of the CRM exports of the data benchmark (10,000 and 100,000; a quick run 1,000 and 2,000). */
    crmRows?: number[];
    log?: (line: string) => void;
}

/**
 * Iterations per size: L builds take seconds, S builds milliseconds. Warm-up is about a second of
 * work at each size: a language server builds the same code path on every keystroke, so the
 * figures are its steady state. Ten warm-up builds of S (30 ms) left V8 still optimising during
 * the recorded ones, and the optimising compiler's thread counts in the process's CPU time (build
 * medians of 10.6 ms CPU against 6.8 ms wall, minimum 3.0). `cap check` is the cold figure.
 *
 * Within one run an L build takes 0.6 to 1.9 s and an M build 32 to 180 ms, as the collector's
 * work falls inside a build or after it: a median of 8 builds rests on very few of them, so L
 * records 12 builds and M 32 (the whole run still takes about a minute).
 */
function effortFor(size: string, quick: boolean): Effort {
    if (quick) return { warmup: 1, iterations: 2, maxTotalMs: 5_000 };
    return size === 'L'
        ? { warmup: 1, iterations: 12, maxTotalMs: 30_000 }
        : size === 'M'
          ? { warmup: 10, iterations: 32, maxTotalMs: 20_000 }
          : { warmup: 150, iterations: 40, maxTotalMs: 10_000 };
}

/** Every measurement of the issue, in the order of the table. */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
    const { sizes, quick } = options;
    const log = options.log ?? (() => undefined);
    for (const size of sizes) if (!(size in SIZES)) throw new Error(`unknown size ${size}: use S, M or L`);
    if (typeof (globalThis as { gc?: unknown }).gc !== 'function')
        log('note: without node --expose-gc the heap figures include garbage');
    const started = new Date();
    const loadBefore = loadavg();

    const sizeResults: Record<string, SizeResult> = {};
    for (const size of sizes) {
        log(`size ${size}: generating and measuring in process ...`);
        sizeResults[size] = await measureSize(generateModel(SIZES[size]), effortFor(size, quick));
    }

    log('workspace of plans importing shared roles and services ...');
    const workspace = await measureWorkspace(
        generateWorkspace(options.plans ?? 50),
        quick ? { warmup: 1, iterations: 2, maxTotalMs: 5_000 } : { warmup: 3, iterations: 15, maxTotalMs: 20_000 },
    );

    log('keystroke → inlay hints over stdio (2,000-line plan) ...');
    const keystroke = await measureKeystrokes(generateModel(EDIT_SCALE), quick ? 2 : 30, quick ? 3 : 60);

    const stormSize = sizes.includes('L') ? 'L' : (sizes[sizes.length - 1] ?? 'S');
    log(`burst of keystrokes over stdio (${stormSize}) ...`);
    const storm = await measureStorm(generateModel(SIZES[stormSize]), quick ? 5 : 20, 30, quick ? 1 : 5);

    log('cap check as a whole process ...');
    const startup = measureStartup(generateModel(SIZES.S), quick ? 1 : 3, quick ? 3 : 15);

    const data = await runDataBench(options.crmRows ?? (quick ? CRM_ROWS_QUICK : CRM_ROWS), quick, log);

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
            // The V8 flags of the benchmark process: the language server's (package.json says them).
            execArgv: process.execArgv.filter(a => !a.includes('strip-types') && !a.startsWith('--disable-warning')),
            // Other work on the machine slows every figure; the load says how much was going on.
            loadAverage: { before: loadBefore.map(x => round(x)), after: loadAfter.map(x => round(x)) },
        },
        sizes: sizeResults,
        workspace,
        keystroke,
        storm: { ...storm, size: stormSize },
        startup,
        data,
        budgets: [],
    };
    results.budgets = budgetsOf(results);
    return results;
}
