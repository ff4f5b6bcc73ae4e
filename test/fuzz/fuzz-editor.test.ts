import { expect, it } from 'vitest';
import { budget, fuzz } from './budget.js';

/**
 * Mutated examples through the language server's providers, as an editor calls them after each
 * keystroke: inlay hints, hovers, completion, code actions, code lens, semantic tokens, symbols
 * and formatting edits, on top of the build and the report. Invariants: oracle.ts.
 */
const b = budget('fuzz (editor features)', 800, 20270102);

it(
    `survives ${b.runs} mutated models in the editor`,
    async () => {
        const { cases } = await fuzz('fuzz (editor features)', b, { editor: true, hovers: 12, completions: 3 });
        expect(cases).toBeGreaterThanOrEqual(b.runs);
    },
    b.runs * 2_000,
);
