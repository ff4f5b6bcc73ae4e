/**
 * Spec section 16, expansion: a rate `e` per unit `u` grows revenue per account in the forecast,
 * `R_t(m) = R_t · (1 + em)^m` with `em = (1 + e)^(1/len(u)) − 1` (12% / year is exactly +12% after
 * 12 months). Reported per period by compounding: `(1 + em)^len(period) − 1`; the one v1 figure
 * v1.1 changes. CLV stays `R · g · L`. Every expected value is worked by hand below.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluatePlan, forecast, monthlyExpansion, revenuePerAccountIn, toReport } from '@cap/engine';
import type { Forecast } from '@cap/engine';
import { model, once, service, tier, role, ym } from './build.js';

type Json = any;

/** T: 10 accounts, $100 a month each, no churn, nothing new: only expansion moves revenue. */
const growing = (expansion = { rate: 0.12, months: 12 }, horizonMonths = 13) =>
    model({
        start: ym(2027, 1),
        horizonMonths,
        tiers: [tier('T', { accounts: 10, revenuePerMonth: 100, margin: 0.8, expansion })],
    });

describe('§16 em and R_t(m)', () => {
    it('12% / year: em = 1.12^(1/12) − 1 = 0.0094887929…, not 12 ÷ 12 = 1%', () => {
        const em = monthlyExpansion(growing().tiers[0])!;
        expect(em).toBeCloseTo(0.009488792934583, 14);
        expect((1 + em) ** 12).toBeCloseTo(1.12, 12);
    });

    it('a monthly rate is em itself; no expansion is null and leaves R as it is', () => {
        expect(monthlyExpansion(growing({ rate: 0.02, months: 1 }).tiers[0])).toBe(0.02);
        const flat = tier('F', { revenuePerMonth: 100 });
        expect(monthlyExpansion(flat)).toBeNull();
        expect(revenuePerAccountIn(flat, 7)).toBe(100);
    });

    it('R_t(m) = $100 · (1 + em)^m: $112 after 12 months', () => {
        const t = growing().tiers[0];
        expect(revenuePerAccountIn(t, 0)).toBe(100);
        expect(revenuePerAccountIn(t, 1)).toBeCloseTo(100.94887929346, 9); // 100 × 1.0094887929…
        expect(revenuePerAccountIn(t, 12)).toBeCloseTo(112, 9);
    });
});

describe('§16 expansion in the forecast', () => {
    const f = forecast(growing()) as Forecast;

    it('revenue in month m is N · R_t(m): 10 × $112 = $1,120 in month 12', () => {
        expect(f.revenue[0]).toBe(1000); // month 0 is the snapshot
        expect(f.revenue[1]).toBeCloseTo(1009.4887929346, 8);
        expect(f.revenue[12]).toBeCloseTo(1120, 8);
    });

    it('expansion per quarter: 3% / quarter gives +3% after 3 months and +12.550881% after a year (1.03^4)', () => {
        const q = forecast(growing({ rate: 0.03, months: 3 })) as Forecast;
        expect(q.revenue[3]).toBeCloseTo(1030, 8); // 1,000 × 1.03
        expect(q.revenue[6]).toBeCloseTo(1060.9, 8); // 1,000 × 1.03²
        expect(q.revenue[12]).toBeCloseTo(1125.50881, 8); // 1,000 × 1.03⁴
    });

    it("expansion grows a churning book's revenue per account, not its accounts", () => {
        // 100 accounts churning 10% a month, $100 each, expansion 2% a month:
        // m1: N = 90, R = 102 → 9,180;  m2: N = 81, R = 104.04 → 8,427.24
        const m = model({
            start: ym(2027, 1),
            horizonMonths: 3,
            tiers: [
                tier('T', {
                    accounts: 100,
                    revenuePerMonth: 100,
                    retention: { kind: 'churn', rate: 0.1, months: 1 },
                    expansion: { rate: 0.02, months: 1 },
                }),
            ],
        });
        const g = forecast(m) as Forecast;
        expect(g.accounts).toEqual([100, 90, 81]);
        expect(g.revenue[1]).toBeCloseTo(9180, 8);
        expect(g.revenue[2]).toBeCloseTo(8427.24, 8);
    });

    it('add-on revenue is a price per occurrence: expansion does not grow it', () => {
        // Setup $1,000 once, 5 new accounts a month: $5,000 a month of add-on revenue in every month.
        // m12, no churn: N(12) = 10 + 12 × 5 = 70 accounts × $112 + $5,000 = $12,840.
        const base = growing();
        const m = {
            ...base,
            roles: [role('R')],
            services: [service('Setup', 'R', { frequency: once, price: { amount: 1000, frequency: once } })],
            tiers: [{ ...base.tiers[0], newPerMonth: 5, services: ['Setup'] }],
        };
        const g = forecast(m) as Forecast;
        expect(g.revenue[12]).toBeCloseTo(70 * 112 + 5000, 6);
    });
});

describe('§16 expansion in the snapshot and the report', () => {
    it('CLV stays R · g · L: $100 × 0.8 × 50 = $4,000 whatever the expansion', () => {
        const base = growing();
        const lifetime = { kind: 'lifetime' as const, months: 50 };
        const withLifetime = { ...base, tiers: [{ ...base.tiers[0], retention: lifetime }] };
        expect(evaluate(withLifetime).tiers.T.clv).toBeCloseTo(4000, 9);
    });

    it('reported per period by compounding: (1 + em)^len(period) − 1', () => {
        const month: Json = toReport(evaluatePlan(growing()));
        const quarter: Json = toReport(evaluatePlan({ ...growing(), period: 'quarter' }));
        const year: Json = toReport(evaluatePlan({ ...growing(), period: 'year' }));
        expect(month.tiers.T.expansion).toBeCloseTo(0.009488792934583, 14); // em
        expect(quarter.tiers.T.expansion).toBeCloseTo(0.02873734472208, 12); // 1.12^(3/12) − 1
        expect(year.tiers.T.expansion).toBeCloseTo(0.12, 12); // exactly the rate written
    });

    it('a quarterly rate reported per year: 1.03^4 − 1 = 0.12550881', () => {
        const year: Json = toReport(evaluatePlan({ ...growing({ rate: 0.03, months: 3 }), period: 'year' }));
        expect(year.tiers.T.expansion).toBeCloseTo(0.12550881, 12);
    });

    it("the forecast's revenue is per period like every money figure: month 12 × 3 in a quarterly report", () => {
        const rep: Json = toReport(evaluatePlan({ ...growing(), period: 'quarter' }));
        expect(rep.forecast.revenue[12]).toBeCloseTo(3360, 8); // 1,120 × 3
    });

    it('an assertion on expansion compares in report units, a rate converted by compounding', () => {
        const plan = evaluatePlan(
            { ...growing(), period: 'quarter' },
            [],
            [
                {
                    text: 'T.expansion == 12% / year',
                    path: ['T', 'expansion'],
                    op: '==',
                    value: { dimension: 'percent', value: 0.12, per: 'year' },
                },
                {
                    text: 'T.expansion >= 3% / quarter',
                    path: ['T', 'expansion'],
                    op: '>=',
                    value: { dimension: 'percent', value: 0.03, per: 'quarter' },
                },
            ],
        );
        // 12% / year per quarter: 1.12^(1/4) − 1 = 0.0287373…, the report's own figure: equal.
        expect(plan.assertions[0].ok).toBe(true);
        expect(plan.assertions[0].expected).toBeCloseTo(0.02873734472208, 12);
        // 2.874% a quarter is under 3% a quarter
        expect(plan.assertions[1].ok).toBe(false);
        expect(plan.assertions[1].expected).toBeCloseTo(0.03, 12);
    });
});
