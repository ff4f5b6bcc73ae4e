/**
 * Spec section 16, time to fill and the hiring plan as v1.1 defines it: month m needs ceil(gap(m))
 * hires; hire i is needed from the first month that needs at least i hires, must start by that
 * month minus ceil(ramp) months, and be opened by its start-by month minus ceil(h) months. The
 * role's hireBy and openBy are its first hire's. Months before the forecast's first are late: the
 * JSON keeps them. Every expected value is worked by hand below.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePlan, forecast, toReport } from '@cap/engine';
import type { Forecast } from '@cap/engine';
import { agent, model, monthly, role, service, tier, ym } from './build.js';

type Json = any;

/**
 * A plan that starts in November, so that requisitions cross the year boundary.
 *   R: E = 100 h, $5,000 a month, ramp 1 month, time to fill 3 months.
 *   T: 200 accounts, 50 new a month, no churn; Care 1 h a month → required N ÷ 100.
 *   N: 200, 250, 300, 350, 400 (2026-11 … 2027-03) → required 2, 2.5, 3, 3.5, 4.
 *   team: count 2 → gap 0, 0.5, 1, 1.5, 2 → whole hires 0, 1, 1, 2, 2.
 *   hire 1: needed from m1 2026-12, starts by 2026-11 (− ceil(1)), opens by 2026-08 (− ceil(3)): late.
 *   hire 2: needed from m3 2027-02, starts by 2027-01, opens by 2026-10: late, across the year.
 */
const november = (hiringMonths = 3) =>
    model({
        start: ym(2026, 11),
        horizonMonths: 5,
        roles: [role('R', { hoursPerMonth: 100, costPerMonth: 5000, rampMonths: 1, hiringMonths })],
        services: [service('Care', 'R', { effortHours: 1, frequency: monthly })],
        tiers: [tier('T', { accounts: 200, newPerMonth: 50, services: ['Care'] })],
        agents: [agent('team', 'R', { count: 2 })],
    });

describe("§16 time to fill: each hire's open-by month", () => {
    const r = (forecast(november()) as Forecast).roles.R;

    it('open by = start by − ceil(h), start by = needed from − ceil(ramp), across the year boundary', () => {
        expect(r.hiresNeeded).toEqual([0, 1, 1, 2, 2]);
        expect(r.hiringPlan).toEqual([
            { neededFrom: '2026-12', startBy: '2026-11', openBy: '2026-08' }, // 2026-11 − 3 months
            { neededFrom: '2027-02', startBy: '2027-01', openBy: '2026-10' }, // 2027-01 − 3 months
        ]);
    });

    it("the role's openBy and hireBy are its first hire's", () => {
        expect(r.openBy).toBe('2026-08');
        expect(r.hireBy).toBe('2026-11');
        expect(r.firstGapMonth).toBe('2026-12');
    });

    it('a fractional time to fill counts in whole months: 6 weeks (1.38 months) opens 2 months early', () => {
        const six = (forecast(november((6 * 12) / 52)) as Forecast).roles.R;
        expect(six.hiringPlan.map(h => h.openBy)).toEqual(['2026-09', '2026-11']); // 2026-11 − 2, 2027-01 − 2
    });

    it('without a time to fill, a requisition opens the month its hire starts', () => {
        const none = (forecast(november(0)) as Forecast).roles.R;
        expect(none.hiringPlan.map(h => h.openBy)).toEqual(['2026-11', '2027-01']);
        expect(none.openBy).toBe('2026-11'); // the forecast's first month: not late
    });

    it('time to fill moves no figure but the dates: the budget still pays each hire from its start', () => {
        const f3 = forecast(november(3)) as Forecast;
        const f0 = forecast(november(0)) as Forecast;
        expect(f3.budgetIncrease).toEqual(f0.budgetIncrease);
        // hire 1 from m0 (2026-11), hire 2 from m2 (2027-01): 1, 1, 2, 2, 2 × $5,000
        expect(f3.budgetIncrease).toEqual([5000, 5000, 10000, 10000, 10000]);
    });

    it('a role that keeps up has no openBy', () => {
        const calm = forecast({ ...november(), agents: [agent('team', 'R', { count: 4 })] }) as Forecast;
        expect(calm.roles.R.openBy).toBeNull();
        expect(calm.roles.R.hiringPlan).toEqual([]);
    });
});

describe('§16 time to fill in the report', () => {
    it('keeps late months as they are; each hiringPlan entry carries openBy after startBy', () => {
        const rep: Json = toReport(evaluatePlan(november()));
        const r = rep.forecast.roles.R;
        expect(r.openBy).toBe('2026-08'); // before the forecast's first month 2026-11: late, kept as is
        expect(Object.keys(r.hiringPlan[0])).toEqual(['neededFrom', 'startBy', 'openBy']);
        expect(rep.forecast.months[0]).toBe('2026-11');
    });
});
