/**
 * Spec section 12: the reporting period. Every per-time figure of the report (hours, costs,
 * revenue, demand, CRC, cost to serve, designed effort) is the monthly figure × len(period);
 * churn compounds: 1 − (1 − cm)^len(period). FTE, utilization, load, capacity in accounts, CLV
 * and lifetime do not change. Scaling happens in the report only, so evaluate() stays monthly.
 */
import { describe, expect, it } from 'vitest';
import type { Period } from '@cap/engine';
import { evaluate, toReport } from '@cap/engine';
import { agent, hoursItem, model, monthly, once, role, service, tier } from './build.js';

/** The report is untyped JSON (Record<string, unknown>); tests read it by path. */
type Json = any;

/**
 * Monthly figures of this model, worked by hand:
 *   CSM: H 160 h, O 40 h, E 120 h, C $9,600, hourly $80.
 *   Ent: N 10, R $1,000, 6.4% monthly churn (L 15.625), 1 new a month.
 *   Check 2 h every month, price $100 every month; Kickoff 4 h once, price $500 once.
 *   demand 10 × 2 h + 1 × 4 h = 24 h; D = 20 h ÷ 10 = 2 h; required 24 ÷ 120 = 0.2 FTE.
 *   add-ons 10 × $100 + 1 × $500 = $1,500; tier revenue 10 × $1,000 = $10,000; total $11,500.
 *   team cost (alice) $9,600; CRC $9,600 ÷ 10 = $960; cost to revenue $9,600 ÷ $11,500.
 *   cost to serve 2 h × $80 = $160; CLV $1,000 × 15.625 = $15,625; net $15,625 − $160 × 15.625 = $13,125.
 */
const report = (period: Period): Json =>
    toReport(
        evaluate(
            model({
                period,
                roles: [role('CSM', { hoursPerMonth: 160, overhead: [hoursItem('meetings', 40)], costPerMonth: 9600 })],
                services: [
                    service('Check', 'CSM', {
                        effortHours: 2,
                        frequency: monthly,
                        price: { amount: 100, frequency: monthly },
                    }),
                    service('Kickoff', 'CSM', {
                        effortHours: 4,
                        frequency: once,
                        price: { amount: 500, frequency: once },
                    }),
                ],
                tiers: [
                    tier('Ent', {
                        accounts: 10,
                        revenuePerMonth: 1000,
                        newPerMonth: 1,
                        retention: { kind: 'churn', rate: 0.064, months: 1 },
                        services: ['Check', 'Kickoff'],
                    }),
                    tier('Life', { accounts: 0, retention: { kind: 'lifetime', months: 24 } }),
                    tier('Free', { accounts: 0 }),
                ],
                agents: [agent('alice', 'CSM')],
            }),
        ),
    );

describe('§12 period month: the monthly figures', () => {
    const r = report('month');

    it('per-time figures are monthly', () => {
        expect(r.model.period).toBe('month');
        expect(r.roles.CSM.hoursPerFte).toBe(160);
        expect(r.roles.CSM.demandHours).toBe(24); // 10 × 2 h + 1 × 4 h
        expect(r.tiers.Ent.designedEffort.CSM).toBe(2); // 20 h ÷ 10
        expect(r.tiers.Ent.costToServe).toBe(160); // 2 h × $80
        expect(r.totals.revenue).toBe(11500); // $10,000 + $1,500
        expect(r.totals.crc).toBe(960); // $9,600 ÷ 10
    });

    it('churn is the monthly rate', () => {
        expect(r.tiers.Ent.churn).toBeCloseTo(0.064, 12); // 1 − (1 − 0.064)^1
    });
});

/**
 * The scaled figures, written out for each period (month figure in the header comment × 3 or × 12).
 */
const scaled = {
    quarter: {
        hoursPerFte: 480, // 160 h × 3
        overheadPerFte: 120, // 40 h × 3
        effectivePerFte: 360, // 120 h × 3
        costPerFte: 28800, // $9,600 × 3
        demandHours: 72, // 24 h × 3
        revenuePerAccount: 3000, // $1,000 × 3
        tierRevenue: 30000, // $10,000 × 3
        addonRevenue: 4500, // $1,500 × 3
        newAccounts: 3, // 1 new a month × 3
        designedEffort: 6, // 2 h × 3
        costToServe: 480, // $160 × 3
        hoursPerAccount: 6, // Check: 2 h × 1 × 3
        capacityHours: 360, // 120 h × 3
        assignedHours: 72, // 24 h × 3
        revenue: 34500, // $11,500 × 3
        teamCost: 28800, // $9,600 × 3
        crc: 2880, // $960 × 3
    },
    year: {
        hoursPerFte: 1920, // 160 h × 12
        overheadPerFte: 480, // 40 h × 12
        effectivePerFte: 1440, // 120 h × 12
        costPerFte: 115200, // $9,600 × 12
        demandHours: 288, // 24 h × 12
        revenuePerAccount: 12000, // $1,000 × 12
        tierRevenue: 120000, // $10,000 × 12
        addonRevenue: 18000, // $1,500 × 12
        newAccounts: 12, // 1 new a month × 12
        designedEffort: 24, // 2 h × 12
        costToServe: 1920, // $160 × 12
        hoursPerAccount: 24, // Check: 2 h × 1 × 12
        capacityHours: 1440, // 120 h × 12
        assignedHours: 288, // 24 h × 12
        revenue: 138000, // $11,500 × 12
        teamCost: 115200, // $9,600 × 12
        crc: 11520, // $960 × 12
    },
};

for (const period of ['quarter', 'year'] as const) {
    describe(`§12 period ${period}: per-time figures scale, the others do not`, () => {
        const r = report(period);
        const e = scaled[period];

        it('names the period', () => {
            expect(r.model.period).toBe(period);
        });

        it('role hours, cost per FTE and demand', () => {
            expect(r.roles.CSM.hoursPerFte).toBeCloseTo(e.hoursPerFte, 9);
            expect(r.roles.CSM.overheadPerFte).toBeCloseTo(e.overheadPerFte, 9);
            expect(r.roles.CSM.effectivePerFte).toBeCloseTo(e.effectivePerFte, 9);
            expect(r.roles.CSM.costPerFte).toBeCloseTo(e.costPerFte, 9);
            expect(r.roles.CSM.demandHours).toBeCloseTo(e.demandHours, 9);
        });

        it('hourly cost is per hour, not per period', () => {
            expect(r.roles.CSM.hourlyCost).toBe(80); // $9,600 ÷ 120 h, in any period
        });

        it('tier money, accounts won, demand, designed effort and cost to serve', () => {
            expect(r.tiers.Ent.revenuePerAccount).toBeCloseTo(e.revenuePerAccount, 9);
            expect(r.tiers.Ent.revenue).toBeCloseTo(e.tierRevenue, 9);
            expect(r.tiers.Ent.addonRevenue).toBeCloseTo(e.addonRevenue, 9);
            expect(r.tiers.Ent.newAccounts).toBeCloseTo(e.newAccounts, 9);
            expect(r.tiers.Ent.demandHours.CSM).toBeCloseTo(e.demandHours, 9);
            expect(r.tiers.Ent.designedEffort.CSM).toBeCloseTo(e.designedEffort, 9);
            expect(r.tiers.Ent.costToServe).toBeCloseTo(e.costToServe, 9);
            expect(r.services.Check.hoursPerAccount).toBeCloseTo(e.hoursPerAccount, 9);
        });

        it('agent hours', () => {
            expect(r.agents.alice.capacityHours).toBeCloseTo(e.capacityHours, 9);
            expect(r.agents.alice.assignedHours).toBeCloseTo(e.assignedHours, 9);
        });

        it('totals: revenue, team cost and CRC', () => {
            expect(r.totals.revenue).toBeCloseTo(e.revenue, 9);
            expect(r.totals.teamCost).toBeCloseTo(e.teamCost, 9);
            expect(r.totals.crc).toBeCloseTo(e.crc, 9);
        });

        it('FTE, utilization, load and capacity in accounts do not change', () => {
            expect(r.roles.CSM.requiredFte).toBeCloseTo(0.2, 12); // 24 h ÷ 120 h
            expect(r.roles.CSM.staffedFte).toBe(1);
            expect(r.roles.CSM.utilization).toBeCloseTo(0.2, 12); // 24 h ÷ (1 × 120 h)
            expect(r.roles.CSM.gapFte).toBeCloseTo(-0.8, 12); // 0.2 − 1
            expect(r.roles.CSM.hires).toBe(0);
            expect(r.tiers.Ent.requiredFte.CSM).toBeCloseTo(0.2, 12);
            expect(r.tiers.Ent.accountsPerFte.CSM).toBe(60); // 120 h ÷ 2 h
            expect(r.agents.alice.load).toBeCloseTo(0.2, 12); // 24 h ÷ 120 h
            expect(r.agents.alice.fte).toBe(1);
            expect(r.agents.alice.rampFactor).toBe(1);
            expect(r.totals.requiredFte).toBeCloseTo(0.2, 12);
            expect(r.totals.staffedFte).toBe(1);
            expect(r.totals.accounts).toBe(10); // a stock, not a flow
            expect(r.tiers.Ent.accounts).toBe(10);
            expect(r.tiers.Ent.margin).toBe(1);
        });

        it('CLV, net CLV, lifetime and cost to revenue do not change', () => {
            expect(r.tiers.Ent.lifetimeMonths).toBeCloseTo(15.625, 9); // 1 ÷ 0.064
            expect(r.tiers.Ent.clv).toBeCloseTo(15625, 6); // $1,000 × 100% × 15.625
            expect(r.tiers.Ent.clvNet).toBeCloseTo(13125, 6); // $15,625 − $160 × 15.625
            expect(r.totals.costToRevenue).toBeCloseTo(0.834782608696, 12); // $9,600 ÷ $11,500 (both sides scale alike)
        });

        it('undefined churn stays null', () => {
            expect(r.tiers.Free.churn).toBeNull();
        });
    });
}

describe('§12 churn compounds over the period: 1 − (1 − cm)^len(period)', () => {
    it('quarter: 6.4% monthly', () => {
        expect(report('quarter').tiers.Ent.churn).toBeCloseTo(0.179974144, 12); // 1 − 0.936³ = 1 − 0.820025856 = 0.179974144
    });

    it('year: 6.4% monthly', () => {
        expect(report('year').tiers.Ent.churn).toBeCloseTo(0.547821212619, 12); // 1 − 0.936¹² = 0.5478212126188
    });

    it('quarter: the monthly churn of an explicit 24-month lifetime', () => {
        expect(report('quarter').tiers.Life.churn).toBeCloseTo(0.11986400463, 12); // 1 − (1 − 1/24)³ = 1 − (23/24)³ = 0.1198640046
    });

    it('quarter: simple multiplication would be wrong', () => {
        expect(report('quarter').tiers.Ent.churn).not.toBeCloseTo(0.192, 6); // 3 × 6.4% overstates churn
    });
});

describe('§12 the results themselves stay monthly', () => {
    it('evaluate() does not scale; only the report does', () => {
        const m = model({ period: 'year', roles: [role('CSM', { hoursPerMonth: 160 })] });
        expect(evaluate(m).roles.CSM.hoursPerFte).toBe(160); // per month, whatever the period
        expect((toReport(evaluate(m)) as Json).roles.CSM.hoursPerFte).toBe(1920); // 160 h × 12
    });
});
