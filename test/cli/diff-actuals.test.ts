import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toReport } from '@cap/engine';
import { toReportDiagnostics } from '@cap/language';
import { diffReports } from '../../packages/cli/src/diff/outputs.js';
import { build } from '../helpers.js';

/**
 * `cap diff` across a refreshed time log (spec section 15): each service's variance, and a note
 * when a service crosses its tolerance. The crm-book example, its log before and after the QBRs'
 * logged minutes fall by a quarter (+30.4% becomes 125.19 × 0.75 ÷ 96 − 1 = −2.2%).
 */
const dir = resolve(__dirname, '../../examples/crm-book');
const read = (path: string) => readFileSync(join(dir, path), 'utf8');

async function reportWith(log: string) {
    const m = await build(
        {
            '/m/plan.cap': read('plan.cap'),
            '/m/data/accounts.csv': read('data/accounts.csv'),
            '/m/data/time-2027q1.csv': log,
        },
        '/m/plan.cap',
    );
    return toReport(m.evaluation, toReportDiagnostics(m.diagnostics, m.entry));
}

describe('cap diff of a refreshed time log', () => {
    it('shows the variance rows it moves and a note for the service back within tolerance', async () => {
        const log = read('data/time-2027q1.csv');
        const shorter = log
            .split('\n')
            .map(line => {
                const f = line.split(',');
                return f[2] === 'Business review'
                    ? [...f.slice(0, 3), String(Number(f[3]) * 0.75), ...f.slice(4)].join(',')
                    : line;
            })
            .join('\n');
        const diff = diffReports(await reportWith(log), await reportWith(shorter));
        const qbr = diff.rows.find(r => r.path === 'actuals.q1.QBR.variance')!;
        expect(qbr.section).toBe('actuals');
        expect(qbr.old).toBeCloseTo(22_535 / 60 / 3 / 96 - 1, 9); // +30.4%
        expect(qbr.new).toBeCloseTo((22_535 * 0.75) / 60 / 3 / 96 - 1, 9); // −2.2%
        expect(diff.rows.find(r => r.path === 'actuals.q1.Touchpoint.variance')?.status).toBe('unchanged');
        expect(diff.notes).toEqual(['QBR: the logged time is back within the tolerance of its designed effort']);
    });
});
