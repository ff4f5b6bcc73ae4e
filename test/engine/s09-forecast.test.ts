/**
 * Spec section 9: the forecast. For months m = 0 … H−1 from the model's start:
 * N_t(0) = N_t, N_t(m+1) = N_t(m) · (1 − cm_t) + a_t. Month m's demand, required FTE, staffed FTE
 * (agents started by month m, ramped by min(1, (k+1)/R)), gap, team cost and revenue use N_t(m).
 * Per role: the first month with a positive gap, the hires, and the month each must start
 * (that month minus the ramp, in whole months). Every expected value is worked by hand below.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluatePlan, forecast, toReport } from '@cap/engine';
import type { Forecast } from '@cap/engine';
import { agent, hoursItem, model, monthly, role, service, tier, ym } from './build.js';

type Json = any;

const closeAll = (actual: (number | null)[], expected: number[], digits = 9) => {
    expect(actual).toHaveLength(expected.length);
    actual.forEach((a, i) => expect(a, `month ${i}`).toBeCloseTo(expected[i], digits));
};

/**
 * Growth without churn, a ramping hire and two planned hires.
 *   R: hours 100 h, no overhead → E = 100 h; $5,000 a month; ramp 3 months.
 *   T: 100 accounts, no churn (cm = 0), 50 new a month, $10 a month each; Care 1 h a month each.
 *   N(m) = N(m−1) · 1 + 50: 100, 150, 200, 250, 300, 350.   required = N · 1 h ÷ 100 h = N / 100.
 *   vet: no start, always 1.   rookie: starts 2027-01 (m0), k = m, factor min(1, (k+1)/3):
 *   1/3, 2/3, 1, 1, 1, 1.   staffed = 1 + factor: 4/3, 5/3, 2, 2, 2, 2.
 *   gap = required − staffed: −1/3, −1/6, 0, 0.5, 1, 1.5.   whole hires: 0, 0, 0, 1, 1, 2.
 */
const growth = () =>
    model({
        start: ym(2027, 1),
        horizonMonths: 6,
        roles: [role('R', { hoursPerMonth: 100, costPerMonth: 5000, rampMonths: 3 })],
        services: [service('Care', 'R', { effortHours: 1, frequency: monthly })],
        tiers: [tier('T', { accounts: 100, newPerMonth: 50, revenuePerMonth: 10, services: ['Care'] })],
        agents: [agent('vet', 'R'), agent('rookie', 'R', { start: ym(2027, 1) })],
    });

describe('§9 months and accounts', () => {
    const f = forecast(growth()) as Forecast;

    it('labels H months from the start', () => {
        expect(f.months).toEqual(['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06']);
    });

    it('adds a_t each month: N(m+1) = N(m) · (1 − 0) + 50', () => {
        expect(f.accounts).toEqual([100, 150, 200, 250, 300, 350]);
        expect(f.tiers.T.accounts).toEqual([100, 150, 200, 250, 300, 350]);
        expect(f.tiers.T.newAccounts).toEqual([50, 50, 50, 50, 50, 50]); // a rate: the same a_t every month
    });

    it('month 0 is the snapshot', () => {
        const snapshot = evaluate(growth());
        expect(f.roles.R.requiredFte[0]).toBe(snapshot.roles.R.requiredFte);
        expect(f.roles.R.staffedFte[0]).toBe(snapshot.roles.R.staffedFte);
        expect(f.teamCost[0]).toBe(snapshot.totals.teamCost);
        expect(f.revenue[0]).toBe(snapshot.totals.revenue);
    });

    it('is null without a start or without a horizon', () => {
        expect(forecast(model({ horizonMonths: 12 }))).toBeNull();
        expect(forecast(model({ start: ym(2027, 1) }))).toBeNull();
    });
});

describe('§9 required, staffed and gap, month by month', () => {
    const r = (forecast(growth()) as Forecast).roles.R;

    it('required FTE follows N(m): N / 100', () => {
        closeAll(r.requiredFte, [1, 1.5, 2, 2.5, 3, 3.5]);
    });

    it('staffed FTE ramps the hire that started in month 0: 1 + min(1, (k+1)/3)', () => {
        closeAll(r.staffedFte, [4 / 3, 5 / 3, 2, 2, 2, 2]);
    });

    it('gap = required − staffed, and whole hires per month', () => {
        closeAll(r.gapFte, [-1 / 3, -1 / 6, 0, 0.5, 1, 1.5]);
        expect(r.hiresNeeded).toEqual([0, 0, 0, 1, 1, 2]); // a gap of exactly 0 needs nobody
    });
});

describe('§9 hiring plan (reverse scheduling)', () => {
    const f = forecast(growth()) as Forecast;
    const r = f.roles.R;

    it('names the first month with a positive gap and the month to hire by (minus the 3-month ramp)', () => {
        expect(r.firstGapMonth).toBe('2027-04'); // gap 0.5 in m3
        expect(r.hireBy).toBe('2027-01'); // 2027-04 − 3 months
    });

    it('plans one hire per whole FTE of the largest gap, each from the month it is needed', () => {
        expect(r.hires).toBe(2); // ceil(1.5)
        expect(r.hiringPlan).toEqual([
            // first month with ≥ 1 hire needed; no time to fill, so the requisition opens when the hire starts
            { neededFrom: '2027-04', startBy: '2027-01', openBy: '2027-01' },
            // first month with ≥ 2 hires needed (gap 1.5)
            { neededFrom: '2027-06', startBy: '2027-03', openBy: '2027-03' },
        ]);
    });

    it('budget increase: each planned hire paid $5,000 a month from its start (ramp does not cut pay)', () => {
        // hire 1 from m0, hire 2 from m2: 5,000, 5,000, 10,000, 10,000, 10,000, 10,000.
        expect(r.budgetIncrease).toEqual([5000, 5000, 10000, 10000, 10000, 10000]);
        expect(f.budgetIncrease).toEqual([5000, 5000, 10000, 10000, 10000, 10000]);
        expect(f.budgetIncreaseTotal).toBe(50_000); // 2 × 5,000 + 4 × 10,000
    });

    it('team cost is the declared team (vet and rookie, paid in full) and revenue is N(m) × $10', () => {
        expect(f.teamCost).toEqual([10000, 10000, 10000, 10000, 10000, 10000]);
        expect(f.revenue).toEqual([1000, 1500, 2000, 2500, 3000, 3500]);
    });

    it('a team that keeps up has no gap month, no hire-by month and no budget increase', () => {
        const m = growth();
        const calm = forecast({ ...m, agents: [agent('big', 'R', { count: 4 })] }) as Forecast; // 4 ≥ 3.5
        expect(calm.roles.R.firstGapMonth).toBeNull();
        expect(calm.roles.R.hireBy).toBeNull();
        expect(calm.roles.R.hires).toBe(0);
        expect(calm.budgetIncreaseTotal).toBe(0);
    });
});

/**
 * Compounding churn, a fractional ramp and a hire that starts inside the horizon.
 *   CSM: 160 h − 40 h overhead → E = 120 h; $9,000 a month; ramp 1.5 months (2 whole months of lead).
 *   T: 240 accounts, churn 10% a month (cm = 0.1), 60 new a month; Care 1 h a month each.
 *   N: 240; 240 × 0.9 + 60 = 276; 276 × 0.9 + 60 = 308.4; 308.4 × 0.9 + 60 = 337.56;
 *      337.56 × 0.9 + 60 = 363.804.   required = N ÷ 120: 2, 2.3, 2.57, 2.813, 3.0317.
 *   team: count 2, no start → 2.   late: starts 2027-03 (m2): k = 0 → min(1, 1/1.5) = 2/3, k = 1 → 1.
 *   staffed: 2, 2, 2 + 2/3, 3, 3.   gap: 0, 0.3, 2.57 − 8/3 = −0.09667, −0.187, 0.0317.
 */
const churning = () =>
    model({
        start: ym(2027, 1),
        horizonMonths: 5,
        roles: [
            role('CSM', {
                hoursPerMonth: 160,
                overhead: [hoursItem('meetings', 40)],
                costPerMonth: 9000,
                rampMonths: 1.5,
            }),
        ],
        services: [service('Care', 'CSM', { effortHours: 1, frequency: monthly })],
        tiers: [
            tier('T', {
                accounts: 240,
                newPerMonth: 60,
                retention: { kind: 'churn', rate: 0.1, months: 1 },
                services: ['Care'],
            }),
        ],
        agents: [agent('team', 'CSM', { count: 2 }), agent('late', 'CSM', { start: ym(2027, 3) })],
    });

describe('§9 compounding churn and ramp inside the horizon', () => {
    const f = forecast(churning()) as Forecast;
    const r = f.roles.CSM;

    it('N(m+1) = N(m) · (1 − 0.1) + 60', () => {
        closeAll(f.accounts, [240, 276, 308.4, 337.56, 363.804]);
    });

    it('required, staffed (the late hire ramps 2/3 then 1) and gap', () => {
        closeAll(r.requiredFte, [2, 2.3, 2.57, 2.813, 3.0317]);
        closeAll(r.staffedFte, [2, 2, 8 / 3, 3, 3]);
        closeAll(r.gapFte, [0, 0.3, 2.57 - 8 / 3, -0.187, 0.0317]);
        expect(r.hiresNeeded).toEqual([0, 1, 0, 0, 1]);
    });

    it('a hire needed in 2027-02 with a 1.5-month ramp starts 2 months earlier, before the start', () => {
        expect(r.firstGapMonth).toBe('2027-02');
        expect(r.hireBy).toBe('2026-12'); // 2027-02 − ceil(1.5) months: already late at the start
        expect(r.hires).toBe(1);
    });

    it('a hire that should have started before the forecast is paid from month 0', () => {
        expect(f.budgetIncrease).toEqual([9000, 9000, 9000, 9000, 9000]);
        expect(f.budgetIncreaseTotal).toBe(45_000); // 5 × 9,000
    });

    it('team cost counts the late hire from its start month, in full', () => {
        expect(f.teamCost).toEqual([18000, 18000, 27000, 27000, 27000]); // 2 × 9,000, then 3 × 9,000
    });
});

describe('§9 churn per year compounds to the month', () => {
    it('8% a year: N(12) = N · (1 − cm)^12 = N × 0.92, with cm = 1 − 0.92^(1/12)', () => {
        const f = forecast(
            model({
                start: ym(2027, 1),
                horizonMonths: 13,
                tiers: [tier('T', { accounts: 1000, retention: { kind: 'churn', rate: 0.08, months: 12 } })],
            }),
        ) as Forecast;
        expect(f.accounts[1]).toBeCloseTo(1000 * 0.92 ** (1 / 12), 9); // 993.0756…
        expect(f.accounts[12]).toBeCloseTo(920, 9);
    });

    it('a lifetime of 20 months churns 1/20 = 5% a month', () => {
        const f = forecast(
            model({
                start: ym(2027, 1),
                horizonMonths: 3,
                tiers: [tier('T', { accounts: 400, newPerMonth: 10, retention: { kind: 'lifetime', months: 20 } })],
            }),
        ) as Forecast;
        expect(f.accounts).toEqual([400, 390, 380.5]); // 400 × 0.95 + 10 = 390; 390 × 0.95 + 10 = 380.5
    });
});

describe('§9 horizon edge cases', () => {
    it('a horizon of 0 months gives an empty forecast', () => {
        const f = forecast(model({ start: ym(2027, 1), horizonMonths: 0 })) as Forecast;
        expect(f.months).toEqual([]);
        expect(f.budgetIncreaseTotal).toBe(0);
    });

    it('the engine never projects more than 600 months', () => {
        const f = forecast(model({ start: ym(2027, 1), horizonMonths: 5000 })) as Forecast;
        expect(f.months).toHaveLength(600);
        expect(f.months[599]).toBe('2076-12');
    });
});

describe('§9 in the report (§12: per-time figures per reporting period)', () => {
    it('carries the spec keys, and scales money per quarter (each month at its quarterly run rate)', () => {
        const rep: Json = toReport(evaluatePlan({ ...growth(), period: 'quarter' }));
        const fc = rep.forecast;
        expect(Object.keys(fc).slice(0, 5)).toEqual(['months', 'accounts', 'teamCost', 'revenue', 'roles']);
        expect(Object.keys(fc.roles.R).slice(0, 5)).toEqual([
            'requiredFte',
            'staffedFte',
            'gapFte',
            'firstGapMonth',
            'hireBy',
        ]);
        expect(fc.accounts).toEqual([100, 150, 200, 250, 300, 350]); // counts do not scale
        expect(fc.teamCost).toEqual([30000, 30000, 30000, 30000, 30000, 30000]); // 10,000 × 3
        expect(fc.revenue).toEqual([3000, 4500, 6000, 7500, 9000, 10500]); // N × $10 × 3
        expect(fc.teamCost[0]).toBe(rep.totals.teamCost); // month 0 equals the snapshot's totals
        expect(fc.budgetIncrease).toEqual([15000, 15000, 30000, 30000, 30000, 30000]);
        expect(fc.budgetIncreaseTotal).toBe(50_000); // an amount over the horizon: not scaled
        expect(fc.roles.R.staffedFte[0]).toBeCloseTo(4 / 3, 12); // FTE do not scale
        expect(fc.roles.R.hiringPlan).toEqual([
            { neededFrom: '2027-04', startBy: '2027-01', openBy: '2027-01' },
            { neededFrom: '2027-06', startBy: '2027-03', openBy: '2027-03' },
        ]);
    });

    it('is null without a horizon', () => {
        const rep: Json = toReport(evaluatePlan(model({ start: ym(2027, 1) })));
        expect(rep.forecast).toBeNull();
    });
});

describe('§9 staffing of many agents', () => {
    /**
     * R: ramp 2 months, $1,000 a month. halves: fte 0.5 × count 3 = 1.5 FTE; pair: 1 × 2 = 2 FTE;
     * both start 2027-02 (m1). solo: no start, 1 FTE.
     *   m0: halves and pair not started → staffed 1; team cost 1 × 1,000.
     *   m1: k = 0, min(1, 1/2) = 0.5 → 1 + 3.5 × 0.5 = 2.75; team cost (1 + 3.5) × 1,000 (ramp does not cut pay).
     *   m2: k = 1, min(1, 2/2) = 1 → 1 + 3.5 = 4.5; team cost 4,500.
     */
    const m = model({
        start: ym(2027, 1),
        horizonMonths: 3,
        roles: [role('R', { costPerMonth: 1000, rampMonths: 2 })],
        agents: [
            agent('halves', 'R', { fte: 0.5, count: 3, start: ym(2027, 2) }),
            agent('pair', 'R', { count: 2, start: ym(2027, 2) }),
            agent('solo', 'R'),
        ],
    });

    it('sums fte · count · ramp factor over the agents started by each month', () => {
        const f = forecast(m) as Forecast;
        expect(f.roles.R.staffedFte).toEqual([1, 2.75, 4.5]);
        expect(f.teamCost).toEqual([1000, 4500, 4500]);
    });

    it('gives each month the figures of a snapshot taken that month', () => {
        const f = forecast(m) as Forecast;
        f.months.forEach((_, i) => {
            const snapshot = evaluate({ ...m, start: ym(2027, 1) + i });
            expect(f.roles.R.staffedFte[i]).toBeCloseTo(snapshot.roles.R.staffedFte, 12);
            expect(f.teamCost[i]).toBeCloseTo(snapshot.totals.teamCost, 9);
        });
    });
});
