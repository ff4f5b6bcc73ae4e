import { describe, expect, it } from 'vitest';
import { promises as fs, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { reportToJson, toReport } from '@cap/engine';
import { createCapServices, fileUri, loadModel, nodeFileReader, toReportDiagnostics } from '@cap/language';

/**
 * The whole `cap-report/1` report of each example, byte for byte: every figure, the forecast, the
 * scenarios with their deltas and the assertions. The figures themselves are worked by hand in
 * examples.test.ts and the engine's tests; this pins everything else a change could move (a key's
 * order, a figure in another unit, a rounding). After a deliberate change to the report, rewrite
 * them with `UPDATE_GOLDEN=1 npx vitest run test/golden` and read the diff.
 */

const root = resolve(__dirname, '../..');
const EXAMPLES: Record<string, string> = {
    'seed.json': 'examples/seed/seed.cap',
    'three-tier.json': 'examples/three-tier/three-tier.cap',
    'multi-file.json': 'examples/multi-file/plan.cap',
    'growth-500.json': 'examples/growth-500/growth.cap',
    'scenarios.json': 'examples/scenarios/plan.cap',
    'seed-checks.json': 'test/fixtures/seed-checks.cap',
    'crm-book.json': 'examples/crm-book/plan.cap',
};
/** Models of v1 (no data block): their reports are v1's plus v1.1's empty values. */
const V1 = Object.fromEntries(Object.entries(EXAMPLES).filter(([golden]) => golden !== 'crm-book.json'));

describe('the report of each example', () => {
    it.each(Object.entries(EXAMPLES))('%s: %s', async (golden, entry) => {
        const m = await loadModel(createCapServices(), fileUri(join(root, entry)), nodeFileReader(fs));
        const json = reportToJson(toReport(m.evaluation, toReportDiagnostics(m.diagnostics, m.entry)));
        const path = join(__dirname, golden);
        if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, json);
        expect(json).toBe(readFileSync(path, 'utf-8'));
    });

    // Spec v1.1: a v1 model's report is v1's plus the new sections' empty values.
    it.each(Object.entries(V1))('%s: v1.1 adds only an empty `data` and agents without a book', golden => {
        const report = JSON.parse(readFileSync(join(__dirname, golden), 'utf-8'));
        expect(report.data).toEqual({});
        const agents = [report.agents, ...Object.values<{ agents: object }>(report.scenarios).map(s => s.agents)];
        for (const agent of agents.flatMap(a => Object.values<{ bookAccounts: unknown; bookRevenue: unknown }>(a))) {
            expect([agent.bookAccounts, agent.bookRevenue]).toEqual([null, null]);
        }
    });
});
