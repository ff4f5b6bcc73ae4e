import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './corpus.js';
import { LONG } from './budget.js';
import { repeatTo } from './mutators.js';
import type { OracleOptions } from './oracle.js';
import { Oracle } from './oracle.js';

/**
 * Inputs at the edge of size and depth, through the same oracle as the fuzzer: 10,000 nested
 * blocks, lines of a megabyte, a 5 MB file. Each must pass every invariant within a generous
 * bound; the time each stage took is printed, not asserted. The heaviest shapes (a 5 MB file and
 * a 1 MB line made only of declarations, every editor feature on the deepest nesting) run in the
 * long run only (`npm run fuzz`): they take minutes, and say more about speed than survival.
 */

const THREE_TIER = readFileSync(join(root, 'examples/three-tier/three-tier.cap'), 'utf-8');
const declarations = (i: number) =>
    `role R${i} "Role ${i}" {\n  hours 160h / month\n  overhead 10%\n  cost $9,500 / month\n}\nservice S${i} { role R${i}  effort 2h every month }\ntier T${i} { accounts 10  mrr $1,000  churn 1% / month  services S${i} }\nagent a${i} { role R${i} }\n\n`;

interface Extreme {
    name: string;
    text: () => string;
    options: OracleOptions;
    /** Milliseconds; generous, since CI shares two cores. */
    bound: number;
    long?: boolean;
}

const ALL: OracleOptions = { editor: true, format: true, hovers: 6, completions: 1, visibleLines: 200 };

const EXTREMES: Extreme[] = [
    {
        name: '10,000 nested braces',
        text: () => `role R ${'{'.repeat(10_000)}${'}'.repeat(10_000)}`,
        options: ALL,
        bound: 60_000,
    },
    {
        name: '10,000 nested overhead blocks',
        text: () => `role R { hours 160h / month ${'overhead { a '.repeat(10_000)}${'}'.repeat(10_000)} }`,
        options: { ...ALL, completions: 0 },
        bound: 120_000,
    },
    {
        name: '10,000 nested scenarios',
        text: () => `${'scenario S { '.repeat(10_000)}${'}'.repeat(10_000)}`,
        options: { format: true },
        bound: 120_000,
    },
    {
        name: '1,000 nested overhead blocks, completion included',
        text: () => `role R { hours 160h / month ${'overhead { a '.repeat(1_000)}${'}'.repeat(1_000)} }`,
        options: ALL,
        bound: 60_000,
    },
    {
        name: 'a 1 MB comment line',
        text: () => `${THREE_TIER}// ${'x'.repeat(1 << 20)}\n`,
        options: ALL,
        bound: 60_000,
    },
    {
        name: 'a 1 MB block comment on one line',
        text: () => `/* ${'é'.repeat(1 << 19)} */ ${THREE_TIER}`,
        options: ALL,
        bound: 60_000,
    },
    {
        name: 'a number of a million digits',
        text: () => `tier T { accounts ${'9'.repeat(1 << 20)} }\n`,
        options: ALL,
        bound: 60_000,
    },
    {
        name: 'a name of a million characters',
        text: () => `role ${'R'.repeat(1 << 20)} { hours 160h / month }\n`,
        options: ALL,
        bound: 60_000,
    },
    {
        name: 'a title of a million characters',
        text: () => `model M "${'x'.repeat(1 << 20)}" { }\n${THREE_TIER}`,
        options: ALL,
        bound: 60_000,
    },
    {
        name: 'a 1 MB line: 1,000 declarations, then a comment',
        text: () =>
            `${repeatTo(50 << 10, i => `role R${i} { hours 160h / month cost $9,500 / month } `)}// ${'x'.repeat(1 << 20)}`,
        options: { ...ALL, noTables: true },
        bound: 120_000,
    },
    {
        name: 'a 1 MB line of 20,000 declarations',
        text: () => repeatTo(1 << 20, i => `role R${i} { hours 160h / month cost $9,500 / month } `),
        options: { format: true, noTables: true },
        bound: 600_000,
        long: true,
    },
    {
        name: 'a 5 MB file: a plan and 5 MB of comments',
        text: () => THREE_TIER + repeatTo(5 << 20, i => `// note ${i}: ${'-'.repeat(60)}\n`),
        options: ALL,
        bound: 120_000,
    },
    {
        name: 'a 1 MB line of 20,000 declarations, in the editor',
        text: () => repeatTo(1 << 20, i => `role R${i} { hours 160h / month cost $9,500 / month } `),
        options: { ...ALL, noTables: true },
        bound: 1_800_000,
        long: true,
    },
    {
        name: 'a 5 MB file of 84,000 declarations',
        text: () => repeatTo(5 << 20, declarations),
        options: { ...ALL, noTables: true },
        bound: 3_600_000,
        long: true,
    },
    {
        name: '10,000 nested overhead blocks, completion included',
        text: () => `role R { hours 160h / month ${'overhead { a '.repeat(10_000)}${'}'.repeat(10_000)} }`,
        options: ALL,
        bound: 600_000,
        long: true,
    },
];

describe('extreme inputs', () => {
    const oracle = new Oracle();
    for (const extreme of EXTREMES) {
        it.skipIf(extreme.long && !LONG)(
            extreme.name,
            async () => {
                const text = extreme.text();
                const start = performance.now();
                const stages = await oracle.check(
                    { files: { '/m/extreme.cap': text }, entry: '/m/extreme.cap', target: '/m/extreme.cap' },
                    extreme.options,
                );
                const ms = performance.now() - start;
                console.log(
                    `${extreme.name} (${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB): ${Math.round(ms)} ms (${Object.entries(
                        stages,
                    )
                        .map(([k, v]) => `${k} ${Math.round(v)}`)
                        .join(', ')})`,
                );
                expect(ms).toBeLessThan(extreme.bound);
            },
            extreme.bound * 2,
        );
    }
});
