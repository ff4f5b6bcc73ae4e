import { describe, expect, it } from 'vitest';
import { renderTables } from '../../bench/report.ts';
import { runBench } from '../../bench/suite.ts';

/**
 * One quick run of every measurement of the benchmark gives a results file of the shape the
 * README's table and the budgets read. No timing is asserted: figures depend on the machine.
 * A long suite (`npm run test:long`): it runs the language server and the CLI many times.
 */
describe('a quick run of the benchmark', () => {
    it('measures everything and writes the results the table and the budgets read', async () => {
        const results = await runBench({ sizes: ['S'], quick: true, plans: 4 });
        const timing = expect.objectContaining({
            median: expect.any(Number),
            min: expect.any(Number),
            max: expect.any(Number),
            n: expect.any(Number),
        });
        const measured = { cpu: timing, wall: timing };
        expect(results.sizes.S).toMatchObject({
            lines: expect.any(Number),
            lex: measured,
            parse: measured,
            build: measured,
            evaluate: measured,
            report: measured,
            edit: measured,
            heapPerLine: expect.any(Number),
            errors: 0,
        });
        expect(results.workspace).toMatchObject({
            files: 6,
            editPlan: { parsed: 1, linked: 1, validated: 3 },
            editServices: { linked: 5 },
        });
        expect(results.keystroke).toMatchObject({ lines: expect.any(Number), hints: timing, stale: 0 });
        expect(results.storm).toMatchObject({
            edits: 5,
            bursts: 1,
            buildsCompleted: expect.any(Number),
            lastEditToHints: expect.any(Number),
            lastEdit: timing,
            singleEdit: expect.objectContaining({ n: 2 }),
        });
        expect(results.storm.lastEdit.median).toBe(results.storm.lastEditToHints);
        expect(results.startup).toMatchObject({ node: timing, capCheck: timing });
        expect(results.data!.sizes.map(d => [d.rows, d.errors])).toEqual([
            [1_000, 0],
            [2_000, 0],
        ]);
        expect(results.data!.sizes[0]).toMatchObject({ bareParse: measured, capBuild: measured });
        expect(results.data!.keystroke).toMatchObject({ rows: 2_000, hints: timing, stale: 0 });
        expect(results.data!.keystrokeWithoutData).toMatchObject({ hints: timing, stale: 0 });
        expect(results.budgets.map(b => b.name)).toContain("`cap build` ÷ csv-parse's bare parse, 2,000-row export");
        expect(results.budgets.length).toBeGreaterThan(8);
        for (const b of results.budgets) expect(Number.isFinite(b.measured), b.name).toBe(true);
        const table = renderTables(results);
        expect(table).toContain('| S | 732 |');
        expect(table).toContain('| budget | measured | limit | met |');
        expect(table).toContain('| 1,000 rows |');
    }, 180_000);
});
