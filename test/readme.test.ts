import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { build, errors } from './helpers.js';

/** The model at the top of README.md builds and gives the figures the README quotes. */
describe('README example', () => {
    it('gives the quoted figures', async () => {
        const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf-8');
        const source = /```cap\n([\s\S]*?)```/.exec(readme)![1];
        const m = await build(source);
        expect(errors(m)).toEqual([]);
        const r = m.evaluation.results;
        expect(r.tiers.Enterprise.designedEffort.CSM).toBe(5); // 6/3 + 3
        expect(r.roles.CSM.requiredFte).toBe(2); // 48 × 5 h ÷ 120 h
        expect(r.roles.CSM.utilization).toBe(1); // 240 ÷ (2 × 120)
        expect(r.tiers.Enterprise.costToServe).toBeCloseTo(395.833333, 5); // 5 × 9,500 ÷ 120
        expect(r.tiers.Enterprise.lifetimeMonths).toBeCloseTo(144.4172, 4); // 1 ÷ (1 − 0.92^(1/12))
        expect(Math.round(r.tiers.Enterprise.clv!)).toBe(1_155_338); // 10,000 × 0.8 × 144.417
    });
});

/** Markdown a user reads on GitHub: every code fence closed, every relative link to a file that exists. */
describe.each([
    'README.md',
    'examples/README.md',
    'docs/language.md',
    'docs/editor.md',
    'docs/diff.md',
    'docs/diagnostics.md',
])('%s', file => {
    const path = resolve(__dirname, '..', file);
    const text = readFileSync(path, 'utf-8');

    it('closes every code fence', () => {
        const fences = text.split('\n').filter(line => /^\s*```/.test(line));
        expect(fences.length % 2, `${fences.length} fence lines`).toBe(0);
        // An opening fence names its language or is bare; a closing one is bare.
        fences.forEach((line, i) => {
            if (i % 2 === 1) expect(line.trim(), `fence ${i + 1}`).toBe('```');
        });
    });

    it('links only to files that exist', () => {
        const links = [...text.matchAll(/\]\((?!https?:|mailto:|#)([^)#\s]+)(?:#[^)]*)?\)/g)].map(m => m[1]);
        const missing = links.filter(link => !existsSync(resolve(dirname(path), decodeURIComponent(link))));
        expect(missing).toEqual([]);
    });
});
