import fc from 'fast-check';
import { corpus } from './corpus.js';
import type { FuzzCase } from './mutators.js';
import { applyCase, fuzzCase } from './mutators.js';
import type { OracleOptions } from './oracle.js';
import { Oracle } from './oracle.js';

/**
 * How much fuzzing a run does. `npm run test:long` (CI) runs a fixed seed and a budget of a few thousand
 * cases, so that a red run is reproducible and the suite stays within minutes on two cores.
 * `npm run fuzz` runs ten times more with a new seed each time, so that long runs explore new
 * ground; `CAP_FUZZ_RUNS` and `CAP_FUZZ_SEED` override either (a failure prints its seed, and
 * `CAP_FUZZ_PATH` replays fast-check's shrunk counterexample directly).
 */
export const LONG = process.env.npm_lifecycle_event === 'fuzz' || process.env.CAP_FUZZ_LONG === '1';

/** A case that takes longer than this has hung in all but name; real timings are reported, not asserted. */
export const CASE_LIMIT_MS = 10_000;

export interface Budget {
    runs: number;
    seed: number;
    path: string | undefined;
}

export function budget(name: string, ciRuns: number, ciSeed: number): Budget {
    const runs = process.env.CAP_FUZZ_RUNS ? Number(process.env.CAP_FUZZ_RUNS) : LONG ? ciRuns * 10 : ciRuns;
    const seed = process.env.CAP_FUZZ_SEED ? Number(process.env.CAP_FUZZ_SEED) : LONG ? Date.now() % 2 ** 31 : ciSeed;
    if (!Number.isInteger(runs) || runs < 1)
        throw new Error(`CAP_FUZZ_RUNS must be a positive whole number, not ${process.env.CAP_FUZZ_RUNS}`);
    if (!Number.isInteger(seed))
        throw new Error(`CAP_FUZZ_SEED must be a whole number, not ${process.env.CAP_FUZZ_SEED}`);
    console.log(`${name}: ${runs} cases, seed ${seed}${LONG ? ' (long run)' : ''}`);
    return { runs, seed, path: process.env.CAP_FUZZ_PATH };
}

export interface Slowest {
    ms: number;
    seed: string;
    mutations: string;
    stages: Record<string, number>;
}

/** Runs the oracle on `runs` mutated examples; returns the count and the slowest case. */
export async function fuzz(
    name: string,
    b: Budget,
    options: OracleOptions,
): Promise<{ cases: number; slowest: Slowest; totalMs: number }> {
    const seeds = corpus();
    const oracle = new Oracle();
    let cases = 0;
    let slowest: Slowest = { ms: 0, seed: '', mutations: '', stages: {} };
    const start = performance.now();
    const property = fc.asyncProperty(fuzzCase(seeds.length), async (c: FuzzCase) => {
        const { seed, files } = applyCase(seeds, c);
        const t = performance.now();
        const stages = await oracle.check({ files, entry: seed.entry, target: seed.target }, options);
        const ms = performance.now() - t;
        cases++;
        if (ms > slowest.ms) slowest = { ms, seed: seed.name, mutations: JSON.stringify(c.mutations), stages };
        if (ms > CASE_LIMIT_MS) throw new Error(`${seed.name} took ${Math.round(ms)} ms (limit ${CASE_LIMIT_MS} ms)`);
    });
    await fc.assert(property, { numRuns: b.runs, seed: b.seed, path: b.path });
    const totalMs = performance.now() - start;
    const stages = Object.entries(slowest.stages)
        .map(([k, v]) => `${k} ${Math.round(v)}`)
        .join(', ');
    console.log(
        `${name}: ${cases} cases in ${(totalMs / 1000).toFixed(1)} s; slowest ${Math.round(slowest.ms)} ms on ${slowest.seed} after ${slowest.mutations.slice(0, 300)} (${stages})`,
    );
    return { cases, slowest, totalMs };
}
