/**
 * Spec section 16, dated intake: `new { MONTH COUNT … }` wins COUNT accounts in that month and none
 * in the others. In forecast month m, a_t(m) is the count for the month start + m (0 if absent):
 * N_t(m+1) = N_t(m) · (1 − cm_t) + a_t(m), and month m's once-service demand uses a_t(m). The
 * snapshot uses a_t(0), so a quarter's report shows 3 · a_t(0). Months outside the forecast play no
 * part. Every expected value is worked by hand below.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluatePlan, forecast, newAccountsIn, toReport } from '@cap/engine';
import type { Forecast, Intake } from '@cap/engine';
import { agent, model, monthly, once, role, service, tier, ym } from './build.js';

type Json = any;

const closeAll = (actual: (number | null)[], expected: number[], digits = 9) => {
    expect(actual).toHaveLength(expected.length);
    actual.forEach((a, i) => expect(a, `month ${i}`).toBeCloseTo(expected[i], digits));
};

/**
 * start 2027-01, horizon 4 months (2027-01 … 2027-04).
 *   intake: 2026-12 999 (before the forecast), 2027-01 30, 2027-02 50, 2027-04 20, 2027-09 7 (after it).
 *   a(m): 30, 50, 0, 20.
 *   T: 100 accounts, churn 10% a month; Care 1 h a month (CSM, E = 100 h); Kickoff 2 h once
 *   (Onboarding, E = 100 h), priced $500 once; $10 a month per account.
 *   N: 100; 100 × 0.9 + 30 = 120; 120 × 0.9 + 50 = 158; 158 × 0.9 + 0 = 142.2.
 *   Kickoff hours a(m) × 2: 60, 100, 0, 40 → Onboarding required 0.6, 1, 0, 0.4.
 *   CSM required N ÷ 100: 1, 1.2, 1.58, 1.422.
 *   revenue N × $10 + a × $500: 1,000 + 15,000 = 16,000; 1,200 + 25,000 = 26,200; 1,580; 1,422 + 10,000 = 11,422.
 */
const intake: Intake[] = [
    { month: ym(2026, 12), count: 999 },
    { month: ym(2027, 1), count: 30 },
    { month: ym(2027, 2), count: 50 },
    { month: ym(2027, 4), count: 20 },
    { month: ym(2027, 9), count: 7 },
];
const dated = () =>
    model({
        start: ym(2027, 1),
        horizonMonths: 4,
        roles: [role('CSM', { hoursPerMonth: 100 }), role('Onboarding', { hoursPerMonth: 100 })],
        services: [
            service('Care', 'CSM', { effortHours: 1, frequency: monthly }),
            service('Kickoff', 'Onboarding', {
                effortHours: 2,
                frequency: once,
                price: { amount: 500, frequency: once },
            }),
        ],
        tiers: [
            tier('T', {
                accounts: 100,
                revenuePerMonth: 10,
                retention: { kind: 'churn', rate: 0.1, months: 1 },
                intake,
                services: ['Care', 'Kickoff'],
            }),
        ],
        agents: [agent('csm', 'CSM'), agent('onb', 'Onboarding')],
    });

describe('§16 dated intake in the forecast', () => {
    const f = forecast(dated()) as Forecast;

    it('a_t(m) is the count of the month start + m, 0 for a month the intake does not name', () => {
        const t = dated().tiers[0];
        expect([0, 1, 2, 3].map(m => newAccountsIn(t, ym(2027, 1) + m))).toEqual([30, 50, 0, 20]);
        expect(newAccountsIn(t, null)).toBe(0); // no month to read it at
    });

    it("N(m+1) = N(m) · (1 − 0.1) + a(m): the month's intake is on the books from the next month", () => {
        closeAll(f.accounts, [100, 120, 158, 142.2]);
        closeAll(f.tiers.T.accounts, [100, 120, 158, 142.2]);
        expect(f.tiers.T.newAccounts).toEqual([30, 50, 0, 20]); // a(m), as the forecast reports it
    });

    it("month m's once-service demand and add-on revenue use a(m)", () => {
        closeAll(f.roles.Onboarding.requiredFte, [0.6, 1, 0, 0.4]);
        closeAll(f.roles.CSM.requiredFte, [1, 1.2, 1.58, 1.422]);
        closeAll(f.revenue, [16000, 26200, 1580, 11422], 6);
    });

    it('counts from months outside the forecast play no part', () => {
        const inside = forecast({
            ...dated(),
            tiers: [{ ...dated().tiers[0], intake: intake.filter(i => i.count !== 999 && i.count !== 7) }],
        }) as Forecast;
        expect(inside.accounts).toEqual(f.accounts);
        expect(inside.revenue).toEqual(f.revenue);
    });
});

describe('§16 dated intake in the snapshot', () => {
    it('takes a_t(0) as its new accounts a month', () => {
        const t = evaluate(dated()).tiers.T;
        expect(t.newAccounts).toBe(30);
        expect(t.demandHours.Onboarding).toBe(60); // 30 × 2 h
        expect(t.addonRevenue).toBe(15000); // 30 × $500
    });

    it("so a quarter's report shows 3 · a_t(0), and the forecast each month's a(m) at its quarterly rate", () => {
        const rep: Json = toReport(evaluatePlan({ ...dated(), period: 'quarter' }));
        expect(rep.tiers.T.newAccounts).toBe(90); // 3 × 30
        expect(rep.forecast.tiers.T.newAccounts).toEqual([90, 150, 0, 60]); // 3 × (30, 50, 0, 20)
        expect(rep.forecast.tiers.T.accounts[1]).toBeCloseTo(120, 9); // accounts are counts: not scaled
    });

    it('without a start there is no month to read: no new accounts', () => {
        const t = evaluate({ ...dated(), start: null, horizonMonths: null }).tiers.T;
        expect(t.newAccounts).toBe(0);
        expect(t.demandHours.Onboarding).toBe(0);
    });

    it('a dated intake that skips the start month wins nobody in the snapshot', () => {
        const t = evaluate({ ...dated(), start: ym(2027, 3) }).tiers.T;
        expect(t.newAccounts).toBe(0);
    });
});

describe('§16 a rate and a dated intake side by side', () => {
    it('a rate adds the same a_t every month; the same total as a one-off intake moves the book differently', () => {
        // 150 a quarter as a rate: 50 a month. As a dated intake: 150 in 2027-01 only.
        // rate: N 100, 140, 176, 208.4 (× 0.9 + 50); dated: 100, 240, 216, 194.4 (× 0.9 + 150, then + 0).
        const base = dated();
        const rate = forecast({ ...base, tiers: [{ ...base.tiers[0], intake: null, newPerMonth: 50 }] }) as Forecast;
        const oneOff = [{ month: ym(2027, 1), count: 150 }];
        const once = forecast({ ...base, tiers: [{ ...base.tiers[0], intake: oneOff }] }) as Forecast;
        closeAll(rate.accounts, [100, 140, 176, 208.4]);
        closeAll(once.accounts, [100, 240, 216, 194.4]);
    });
});
