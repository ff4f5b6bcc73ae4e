/**
 * The crm-book example's time log (spec section 15): 2,619 entries exported from a CS platform in
 * minutes. Its key figures, worked by hand from the file (sums of the Duration column by type).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, withCode } from '../helpers.js';

const dir = resolve(__dirname, '../../examples/crm-book');
const read = (path: string) => readFileSync(join(dir, path), 'utf8');

describe('examples/crm-book: a quarter of logged time against the service menu', async () => {
    const m = await build(
        {
            '/m/plan.cap': read('plan.cap'),
            '/m/data/accounts.csv': read('data/accounts.csv'),
            '/m/data/time-2027q1.csv': read('data/time-2027q1.csv'),
        },
        '/m/plan.cap',
    );
    const a = m.evaluation.results.actuals.q1;

    it('reads Q1: M = 3; 2,523 entries kept (2,619 rows less 40 of December and 56 of people who are no agent)', () => {
        expect(a.window).toEqual({ from: '2027-01', to: '2027-03', months: 3 });
        expect(a.entries).toBe(2_523);
        expect(a.unmatched).toEqual({ agent: { 'Alex Contractor': 6, 'Chris Doyle': 50 }, account: 0, tier: null });
    });

    it('QBR: 108 entries, 22,535 min = 375.58 h ÷ 3 = 125.19 h a month against 96 h: +30.4%, 10.4 h a review', () => {
        // designed: 36 Enterprise accounts × 8 h × 1/3 = 96 h; occurrences 36 × 1/3 = 12 a month.
        expect(a.services.QBR.designedHours).toBe(96);
        expect(a.services.QBR.actualHours).toBeCloseTo(22_535 / 60 / 3, 9);
        expect(a.services.QBR.variance).toBeCloseTo(22_535 / 60 / 3 / 96 - 1, 9);
        expect(a.services.QBR.occurrences).toBe(12);
        expect(a.services.QBR.actualEffort).toBeCloseTo(22_535 / 60 / 3 / 12, 9); // 10.43 h
    });

    it('Touchpoint: 358 entries, 25,065 min ÷ 60 ÷ 3 = 139.25 h against 124 × 1.5 h = 186 h: −25.1%', () => {
        expect(a.services.Touchpoint.actualHours).toBeCloseTo(139.25, 9);
        expect(a.services.Touchpoint.variance).toBeCloseTo(139.25 / 186 - 1, 9);
        expect(a.services.Touchpoint.actualEffort).toBeCloseTo(139.25 / 124, 9); // 1.12 h
    });

    it('drift warns on exactly the two services beyond 20%', () => {
        expect(withCode(m, 'CAP091').map(d => d.message.split(':')[0])).toEqual(['QBR', 'Touchpoint']);
    });

    it('the CSMs logged 775.19 h a month against 621.33 h designed, 27% of it unplanned', () => {
        expect(a.roles.CSM.designedHours).toBeCloseTo(621.33, 2);
        expect(a.roles.CSM.actualHours).toBeCloseTo(775.19, 2);
        expect((a.roles.CSM.unplannedHours ?? 0) / (a.roles.CSM.actualHours ?? 1)).toBeCloseTo(0.269, 3);
    });
});
