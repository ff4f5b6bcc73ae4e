import { expect, it } from 'vitest';
import { budget, fuzz } from './budget.js';

/**
 * Mutated examples through the CLI's pipeline: parse, link, validate, evaluate, the report and
 * the terminal tables, and the formatter on every case that parses (idempotent, comments kept,
 * tokens kept, the same report). Invariants: oracle.ts; mutations: mutators.ts.
 */
const b = budget('fuzz (model, report, formatter)', 2000, 20270101);

it(
    `survives ${b.runs} mutated models`,
    async () => {
        const { cases } = await fuzz('fuzz (model, report, formatter)', b, { format: true });
        expect(cases).toBeGreaterThanOrEqual(b.runs);
    },
    b.runs * 2_000,
);
