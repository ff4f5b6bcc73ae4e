/**
 * Spec section 16, attrition: a rate `a` per unit `u` is monthly `am = 1 − (1 − a)^(1/len(u))`. In
 * forecast month m a started agent counts `fte · count · ramp factor · (1 − am)^j` toward staffed
 * FTE and `fte · count · C · (1 − am)^j` toward team cost, with `j = m − max(0, s)` and s its start
 * counted from the forecast's start (0 without one). `leaversFte` = Σ fte · count · (1 − (1 − am)^j)
 * over the agents started by that month. The snapshot is month 0, unchanged; gaps, hires and the
 * budget follow from the reduced staffed FTE (backfills are hires like any other). Every expected
 * value is worked by hand below.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluatePlan, forecast, monthlyAttrition, toReport } from '@cap/engine';
import type { Forecast } from '@cap/engine';
import { agent, hoursItem, model, monthly, role, service, tier, ym } from './build.js';

type Json = any;

const closeAll = (actual: (number | null)[], expected: number[], digits = 9) => {
    expect(actual).toHaveLength(expected.length);
    actual.forEach((a, i) => expect(a, `month ${i}`).toBeCloseTo(expected[i], digits));
};

/**
 * Agents that started before the forecast, one with no start and one that starts inside it.
 *   R: E = 100 h (no overhead), C = $1,000, ramp 2 months, attrition 10% / month → am = 0.1 exactly.
 *   T: 350 accounts, no churn, nothing new; Care 1 h a month → required 350 ÷ 100 = 3.5 FTE each month.
 *   vet: count 2, no start: s = 0, j = m.            staffed 2 · 0.9^m: 2, 1.8, 1.62, 1.458, 1.3122
 *   old: fte 0.5, start 2026-06 (s = −7): j = m, ramp k = m + 7 → 1.   0.5 · 0.9^m: 0.5, 0.45, 0.405, 0.3645, 0.32805
 *   late: start 2027-03 (s = 2): not started in m0, m1; j = m − 2, ramp k = m − 2:
 *         m2: factor min(1, 1/2) = 0.5, 0.9^0 → 0.5;  m3: factor 1 · 0.9 = 0.9;  m4: 0.9^2 = 0.81
 *   staffed: m0 2.5; m1 2.25; m2 1.62 + 0.405 + 0.5 = 2.525; m3 1.458 + 0.3645 + 0.9 = 2.7225;
 *            m4 1.3122 + 0.32805 + 0.81 = 2.45025
 *   gap = 3.5 − staffed: 1, 1.25, 0.975, 0.7775, 1.04975 → whole hires 1, 2, 1, 1, 2
 */
const leaving = () =>
    model({
        start: ym(2027, 1),
        horizonMonths: 5,
        roles: [
            role('R', { hoursPerMonth: 100, costPerMonth: 1000, rampMonths: 2, attrition: { rate: 0.1, months: 1 } }),
        ],
        services: [service('Care', 'R', { effortHours: 1, frequency: monthly })],
        tiers: [tier('T', { accounts: 350, services: ['Care'] })],
        agents: [
            agent('vet', 'R', { count: 2 }),
            agent('old', 'R', { fte: 0.5, start: ym(2026, 6) }),
            agent('late', 'R', { start: ym(2027, 3) }),
        ],
    });

describe('§16 attrition: staffed FTE, leavers and team cost', () => {
    const f = forecast(leaving()) as Forecast;
    const r = f.roles.R;

    it('am of a monthly rate is the rate itself; of a yearly one, compounded', () => {
        expect(monthlyAttrition(role('R', { attrition: { rate: 0.1, months: 1 } }))).toBe(0.1);
        // 15% / year: am = 1 − 0.85^(1/12) = 0.0134519470…; twelve months keep 0.85 of the team.
        const am = monthlyAttrition(role('R', { attrition: { rate: 0.15, months: 12 } }));
        expect(am).toBeCloseTo(0.013451947011869, 12);
        expect((1 - am) ** 12).toBeCloseTo(0.85, 12);
        expect(monthlyAttrition(role('R'))).toBe(0); // no attrition: nobody leaves
    });

    it("staffed FTE: fte · count · ramp factor · (1 − am)^j, j counted from each agent's own start", () => {
        closeAll(r.staffedFte, [2.5, 2.25, 2.525, 2.7225, 2.45025]);
    });

    it('leaversFte: Σ fte · count · (1 − 0.9^j) over the agents started by each month', () => {
        // vet and old (2.5 FTE, j = m): 2.5 × (0, 0.1, 0.19, 0.271, 0.3439) = 0, 0.25, 0.475, 0.6775, 0.85975
        // late (1 FTE, from m2, j = m − 2): 0, 0, 0, 0.1, 0.19
        closeAll(r.leaversFte, [0, 0.25, 0.475, 0.7775, 1.04975]);
    });

    it('team cost: fte · count · C · (1 − am)^j over the started agents, a ramping one paid in full', () => {
        // m0 2.5 × 1,000; m1 2.25 × 1,000; m2 (2.5 × 0.81 + 1) × 1,000 = 3,025 (late ramps at 0.5 but is paid 1);
        // m3 (2.5 × 0.729 + 0.9) × 1,000 = 2,722.5; m4 (2.5 × 0.6561 + 0.81) × 1,000 = 2,450.25
        closeAll(f.teamCost, [2500, 2250, 3025, 2722.5, 2450.25], 6);
    });

    it('the gap grows as people leave, and the hires follow from it', () => {
        closeAll(r.gapFte, [1, 1.25, 0.975, 0.7775, 1.04975]);
        expect(r.hiresNeeded).toEqual([1, 2, 1, 1, 2]);
        expect(r.hires).toBe(2);
    });

    it('month 0 is the snapshot, unchanged by attrition', () => {
        const snapshot = evaluate(leaving());
        const without = evaluate({ ...leaving(), roles: [{ ...leaving().roles[0], attrition: null }] });
        expect(snapshot.roles).toEqual(without.roles);
        expect(snapshot.totals).toEqual(without.totals);
        expect(r.staffedFte[0]).toBe(snapshot.roles.R.staffedFte);
        expect(f.teamCost[0]).toBe(snapshot.totals.teamCost);
    });
});

/**
 * Backfills: demand stays flat, people leave, and the plan hires to replace them.
 *   CSM: E = 120 h, C = $9,000, ramp 1 month, attrition 5% / month (am = 0.05).
 *   T: 1,200 accounts, Care 1 h a month, no churn → required 1,200 ÷ 120 = 10 FTE every month.
 *   team: count 10, no start → staffed 10 · 0.95^m: 10, 9.5, 9.025, 8.57375.
 *   gap: 0, 0.5, 0.975, 1.42625 → whole hires 0, 1, 1, 2: two hires, both backfills.
 *   hire 1 needed from m1 (2027-02), starts by 2027-01; hire 2 from m3 (2027-04), by 2027-03.
 */
const backfills = () =>
    model({
        start: ym(2027, 1),
        horizonMonths: 4,
        roles: [
            role('CSM', {
                hoursPerMonth: 160,
                overhead: [hoursItem('meetings', 40)],
                costPerMonth: 9000,
                rampMonths: 1,
                attrition: { rate: 0.05, months: 1 },
            }),
        ],
        services: [service('Care', 'CSM', { effortHours: 1, frequency: monthly })],
        tiers: [tier('T', { accounts: 1200, services: ['Care'] })],
        agents: [agent('team', 'CSM', { count: 10 })],
    });

describe('§16 backfills are hires like any other', () => {
    const f = forecast(backfills()) as Forecast;
    const r = f.roles.CSM;

    it('required stays at 10 FTE while staffed falls 5% a month', () => {
        closeAll(r.requiredFte, [10, 10, 10, 10]);
        closeAll(r.staffedFte, [10, 9.5, 9.025, 8.57375]);
        closeAll(r.leaversFte, [0, 0.5, 0.975, 1.42625]);
    });

    it('plans a hire for each whole FTE that has left', () => {
        expect(r.hiresNeeded).toEqual([0, 1, 1, 2]);
        const plan = r.hiringPlan.map(h => [h.neededFrom, h.startBy]);
        expect(plan).toEqual([
            ['2027-02', '2027-01'],
            ['2027-04', '2027-03'],
        ]);
        expect(r.firstGapMonth).toBe('2027-02');
        expect(r.hireBy).toBe('2027-01');
    });

    it('the budget counts the backfills, each paid in full from its start month and never leaving', () => {
        // Hires started by month m: hire 1 from m0 (2027-01), hire 2 from m2 (2027-03): 1, 1, 2, 2 × $9,000.
        expect(f.budgetIncrease).toEqual([9000, 9000, 18000, 18000]);
        expect(f.budgetIncreaseTotal).toBe(54_000); // 9,000 + 9,000 + 18,000 + 18,000
    });

    it('team cost falls with the leavers: $9,000 × staffed FTE', () => {
        closeAll(f.teamCost, [90000, 85500, 81225, 77163.75], 6); // 9,000 × 10, 9.5, 9.025, 8.57375
    });

    it('15% a year over twelve months leaves 0.85 of the team: 20 agents → 17 FTE, 3 leavers', () => {
        const yearly = forecast({
            ...backfills(),
            horizonMonths: 13,
            roles: [role('CSM', { attrition: { rate: 0.15, months: 12 } })],
            agents: [agent('team', 'CSM', { count: 20 })],
        }) as Forecast;
        expect(yearly.roles.CSM.staffedFte[12]).toBeCloseTo(17, 9); // 20 × (0.85^(1/12))^12
        expect(yearly.roles.CSM.leaversFte[12]).toBeCloseTo(3, 9);
        // After 5 months: 20 × (1 − 0.85^(5/12)) = 20 × 0.0654743… = 1.3094873
        expect(yearly.roles.CSM.leaversFte[5]).toBeCloseTo(1.3094873, 6);
    });
});

describe('§16 attrition in the report', () => {
    it('leaversFte follows hireBy and does not depend on the period; team cost is per period', () => {
        const rep: Json = toReport(evaluatePlan({ ...backfills(), period: 'quarter' }));
        const r = rep.forecast.roles.CSM;
        expect(Object.keys(r)).toEqual([
            'requiredFte',
            'staffedFte',
            'gapFte',
            'firstGapMonth',
            'hireBy',
            'leaversFte',
            'openBy',
            'hiresNeeded',
            'hires',
            'hiringPlan',
            'budgetIncrease',
        ]);
        expect(r.leaversFte[1]).toBeCloseTo(0.5, 12); // FTE, not scaled
        expect(rep.forecast.teamCost[1]).toBeCloseTo(256_500, 6); // 85,500 × 3
    });

    it('a model without attrition reports 0 leavers every month', () => {
        const f = forecast({ ...backfills(), roles: [role('CSM', { costPerMonth: 9000 })] }) as Forecast;
        expect(f.roles.CSM.leaversFte).toEqual([0, 0, 0, 0]);
        expect(f.roles.CSM.staffedFte).toEqual([10, 10, 10, 10]);
    });

    it('100% a month: everyone has left after one month, and nothing becomes NaN', () => {
        const f = forecast({ ...backfills(), roles: [role('CSM', { attrition: { rate: 1, months: 1 } })] }) as Forecast;
        expect(f.roles.CSM.staffedFte).toEqual([10, 0, 0, 0]);
        expect(f.roles.CSM.leaversFte).toEqual([0, 10, 10, 10]);
    });
});
