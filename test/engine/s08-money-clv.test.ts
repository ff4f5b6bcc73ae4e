/**
 * Spec section 8: money and customer value. Tier revenue N·R; add-on revenue N·u·price·φ
 * (recurring) or a·u·price (once); CLV = R·g·L; cost to serve Σr D[t][r]·hourlyCost[r];
 * net CLV = CLV − cost to serve · L; team cost Σ fte·count·C over started agents, or
 * Σr requiredFTE·C with no agents; CRC = team cost / accounts; cost to revenue = team cost / revenue.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '@cap/engine';
import { agent, findings, model, monthly, once, perMonth, role, service, shareItem, hoursItem, tier } from './build.js';

describe('§8 CLV = R · g · L', () => {
    it('seed check: revenue $150 a month, lifetime 24 months → $3,600', () => {
        const t = evaluate(
            model({
                tiers: [
                    tier('Shop', { accounts: 1000, revenuePerMonth: 150, retention: { kind: 'lifetime', months: 24 } }),
                ],
            }),
        ).tiers.Shop;
        expect(t.clv).toBe(3600); // $150 × 100% × 24 months = $3,600
    });

    it('margin and compounded churn: arr $120,000, 80% margin, 8% a year', () => {
        const t = evaluate(
            model({
                tiers: [
                    tier('Ent', {
                        accounts: 40,
                        revenuePerMonth: 10000,
                        margin: 0.8,
                        retention: { kind: 'churn', rate: 0.08, months: 12 },
                    }),
                ],
            }),
        ).tiers.Ent;
        // L = 1 / (1 − 0.92^(1/12)) = 144.41720708978 months; $10,000 × 0.8 × 144.41720708978 = $1,155,337.6567183
        expect(t.clv).toBeCloseTo(1155337.656718, 6);
    });

    it('expansion is reported but does not enter CLV (§16: CLV stays R · g · L)', () => {
        const t = evaluate(
            model({
                tiers: [
                    tier('Shop', {
                        revenuePerMonth: 150,
                        expansion: { rate: 0.12, months: 12 },
                        retention: { kind: 'lifetime', months: 24 },
                    }),
                ],
            }),
        ).tiers.Shop;
        expect(t.clv).toBe(3600); // still $150 × 24 months
    });

    it('no churn and no lifetime: CLV is null, with a clv-undefined warning on the tier', () => {
        const r = evaluate(model({ tiers: [tier('Free', { accounts: 10, revenuePerMonth: 50 })] }));
        expect(r.tiers.Free.clv).toBeNull();
        expect(r.tiers.Free.clvNet).toBeNull();
        const w = findings(r, 'clv-undefined');
        expect(w).toHaveLength(1);
        expect(w[0].subject).toEqual({ kind: 'tier', name: 'Free' });
        expect(w[0].severity).toBe('warning');
    });

    it('churn 0 also leaves CLV undefined, with the warning', () => {
        const r = evaluate(
            model({
                tiers: [tier('Free', { revenuePerMonth: 50, retention: { kind: 'churn', rate: 0, months: 12 } })],
            }),
        );
        expect(r.tiers.Free.clv).toBeNull(); // L = 1 / 0 is undefined
        expect(findings(r, 'clv-undefined')).toHaveLength(1);
    });

    it('a defined CLV raises no warning', () => {
        const r = evaluate(
            model({ tiers: [tier('Shop', { revenuePerMonth: 150, retention: { kind: 'lifetime', months: 24 } })] }),
        );
        expect(findings(r, 'clv-undefined')).toHaveLength(0);
    });
});

describe('§8 cost to serve and net CLV', () => {
    // CSM: E = 100 h, $8,000 → $80 / h. Scale: E = 100 h, $5,000 → $50 / h.
    // Tier T: 10 accounts, 1 new a month, R = $1,000, margin 50%, lifetime 20 months.
    const r = evaluate(
        model({
            roles: [
                role('CSM', { hoursPerMonth: 100, costPerMonth: 8000 }),
                role('Scale', { hoursPerMonth: 100, costPerMonth: 5000 }),
            ],
            services: [
                service('Care', 'CSM', { effortHours: 2, frequency: monthly }),
                service('Webinar', 'Scale', { effortHours: 1, frequency: monthly, seats: 5 }),
                service('Kickoff', 'CSM', { effortHours: 12, frequency: once }),
            ],
            tiers: [
                tier('T', {
                    accounts: 10,
                    newPerMonth: 1,
                    revenuePerMonth: 1000,
                    margin: 0.5,
                    retention: { kind: 'lifetime', months: 20 },
                    services: ['Care', 'Webinar', 'Kickoff'],
                }),
            ],
        }),
    );
    const t = r.tiers.T;

    it('hourly costs are C / E', () => {
        expect(r.roles.CSM.hourlyCost).toBe(80); // $8,000 ÷ 100 h
        expect(r.roles.Scale.hourlyCost).toBe(50); // $5,000 ÷ 100 h
    });

    it('cost to serve is Σ D · hourly cost over the recurring work', () => {
        expect(t.designedEffort.CSM).toBe(2); // 10 × 2 h ÷ 10 (Kickoff's once hours are not in D)
        expect(t.designedEffort.Scale).toBe(0.2); // ceil(10 / 5) = 2 sessions × 1 h ÷ 10 accounts
        expect(t.costToServe).toBeCloseTo(170, 9); // 2 h × $80 + 0.2 h × $50 = $160 + $10 = $170
    });

    it('net CLV = CLV − cost to serve · L', () => {
        expect(t.clv).toBe(10000); // $1,000 × 50% × 20 months
        expect(t.clvNet).toBeCloseTo(6600, 9); // $10,000 − $170 × 20 months = $10,000 − $3,400
    });

    it('a tier with no services costs nothing to serve', () => {
        const e = evaluate(
            model({
                tiers: [
                    tier('Bare', { accounts: 5, revenuePerMonth: 100, retention: { kind: 'lifetime', months: 10 } }),
                ],
            }),
        ).tiers.Bare;
        expect(e.costToServe).toBe(0);
        expect(e.clvNet).toBe(1000); // $100 × 10 months − $0
    });

    it('a tier with no accounts has an undefined cost to serve per account', () => {
        const e = evaluate(
            model({
                roles: [role('CSM', { costPerMonth: 8000 })],
                services: [service('Care', 'CSM')],
                tiers: [
                    tier('Empty', {
                        accounts: 0,
                        revenuePerMonth: 100,
                        retention: { kind: 'lifetime', months: 10 },
                        services: ['Care'],
                    }),
                ],
            }),
        ).tiers.Empty;
        expect(e.costToServe).toBeNull(); // D = 0 h ÷ 0 accounts
        expect(e.clvNet).toBeNull();
        expect(e.clv).toBe(1000); // CLV does not need accounts: $100 × 10 months
    });
});

describe('§8 add-on revenue', () => {
    it('recurring N·u·price·φ and once a·u·price', () => {
        const r = evaluate(
            model({
                roles: [role('CSM'), role('Onb')],
                services: [
                    service('Workshop', 'CSM', {
                        effortHours: 8,
                        frequency: perMonth(1 / 12),
                        uptake: 0.25,
                        price: { amount: 1500, frequency: perMonth(1 / 12) },
                    }),
                    service('Kickoff', 'Onb', {
                        effortHours: 12,
                        frequency: once,
                        price: { amount: 2500, frequency: once },
                    }),
                    service('QBR', 'CSM', { effortHours: 4, frequency: perMonth(1 / 3) }), // price included
                ],
                tiers: [tier('Ent', { accounts: 40, newPerMonth: 2 / 3, services: ['Workshop', 'Kickoff', 'QBR'] })],
            }),
        );
        // Workshop 40 × 25% × $1,500 × 1/12 = $1,250; Kickoff 2/3 × 100% × $2,500 = $1,666.667; QBR $0
        expect(r.tiers.Ent.addonRevenue).toBeCloseTo(2916.666666667, 9); // $1,250 + $1,666.667
    });

    it('the price has its own frequency, independent of the effort', () => {
        const r = evaluate(
            model({
                roles: [role('CSM')],
                services: [
                    service('Support', 'CSM', {
                        effortHours: 1,
                        frequency: monthly,
                        price: { amount: 600, frequency: perMonth(1 / 12) },
                    }),
                ],
                tiers: [tier('SMB', { accounts: 40, services: ['Support'] })],
            }),
        );
        expect(r.tiers.SMB.addonRevenue).toBe(2000); // 40 × 100% × $600 × 1/12 = $2,000 (effort is monthly, price yearly)
    });

    it('a once price with uptake is charged per new receiving account', () => {
        const r = evaluate(
            model({
                roles: [role('Onb')],
                services: [
                    service('Setup', 'Onb', { frequency: once, uptake: 0.5, price: { amount: 1000, frequency: once } }),
                ],
                tiers: [tier('SMB', { accounts: 999, newPerMonth: 4, services: ['Setup'] })],
            }),
        );
        expect(r.tiers.SMB.addonRevenue).toBe(2000); // 4 new × 50% × $1,000 (existing accounts do not pay)
    });
});

describe('§8 team cost, CRC, revenue and cost to revenue', () => {
    it('with agents: Σ fte · count · C over the agents', () => {
        const r = evaluate(
            model({
                roles: [role('CSM', { costPerMonth: 9500 }), role('Scale', { costPerMonth: 6000 })],
                agents: [
                    agent('alice', 'CSM'),
                    agent('bob', 'CSM', { fte: 0.5 }),
                    agent('scale_team', 'Scale', { count: 3 }),
                ],
            }),
        );
        // No demand at all: agents are paid anyway.
        expect(r.totals.teamCost).toBe(32250); // 1 × $9,500 + 0.5 × $9,500 + 3 × $6,000 = $9,500 + $4,750 + $18,000
    });

    describe('with no agents: Σ required FTE · C', () => {
        // CSM: 160 h − 40 h = 120 h, $9,500. Onb: 40 h/week = 2080/12 h, 25% overhead → 130 h, $8,000.
        // T: 60 accounts × 5 h = 300 h of CSM; 5 new × 13 h = 65 h of Onb. Bare: 40 accounts, no services.
        const r = evaluate(
            model({
                roles: [
                    role('CSM', { hoursPerMonth: 160, overhead: [hoursItem('meetings', 40)], costPerMonth: 9500 }),
                    role('Onb', {
                        hoursPerMonth: 2080 / 12,
                        overhead: [shareItem('overhead', 0.25)],
                        costPerMonth: 8000,
                    }),
                ],
                services: [
                    service('Care', 'CSM', { effortHours: 5, frequency: monthly }),
                    service('Kick', 'Onb', {
                        effortHours: 13,
                        frequency: once,
                        price: { amount: 200, frequency: once },
                    }),
                ],
                tiers: [
                    tier('T', { accounts: 60, newPerMonth: 5, revenuePerMonth: 500, services: ['Care', 'Kick'] }),
                    tier('Bare', { accounts: 40, revenuePerMonth: 100 }),
                ],
            }),
        );

        it('team cost', () => {
            expect(r.roles.CSM.requiredFte).toBeCloseTo(2.5, 9); // 300 h ÷ 120 h
            expect(r.roles.Onb.requiredFte).toBeCloseTo(0.5, 9); // 65 h ÷ 130 h
            expect(r.totals.teamCost).toBeCloseTo(27750, 6); // 2.5 × $9,500 + 0.5 × $8,000 = $23,750 + $4,000
        });

        it('accounts and CRC = team cost / total accounts', () => {
            expect(r.totals.accounts).toBe(100); // 60 + 40
            expect(r.totals.crc).toBeCloseTo(277.5, 9); // $27,750 ÷ 100 accounts
        });

        it('revenue = tier revenue plus add-on revenue over all tiers', () => {
            expect(r.totals.revenue).toBe(35000); // 60 × $500 + 40 × $100 + 5 × $200 = $30,000 + $4,000 + $1,000
        });

        it('cost to revenue = team cost / revenue', () => {
            expect(r.totals.costToRevenue).toBeCloseTo(0.792857142857, 9); // $27,750 ÷ $35,000
        });
    });

    it('with agents declared, a role without agents costs nothing (only agents are paid)', () => {
        const r = evaluate(
            model({
                roles: [
                    role('CSM', { hoursPerMonth: 100, costPerMonth: 9000 }),
                    role('Onb', { hoursPerMonth: 100, costPerMonth: 7000 }),
                ],
                services: [service('Care', 'CSM'), service('Kick', 'Onb', { effortHours: 10, frequency: once })],
                tiers: [tier('T', { accounts: 50, newPerMonth: 20, services: ['Care', 'Kick'] })],
                agents: [agent('alice', 'CSM')],
            }),
        );
        expect(r.roles.Onb.requiredFte).toBe(2); // 20 × 10 h ÷ 100 h
        expect(r.totals.teamCost).toBe(9000); // alice only: 1 × $9,000; Onb's 2 required FTE are not paid
    });

    it('CRC and cost to revenue are undefined (null) with no accounts or no revenue', () => {
        const r = evaluate(model({ roles: [role('CSM', { costPerMonth: 9000 })], agents: [agent('alice', 'CSM')] }));
        expect(r.totals.teamCost).toBe(9000);
        expect(r.totals.accounts).toBe(0);
        expect(r.totals.crc).toBeNull(); // $9,000 ÷ 0 accounts
        expect(r.totals.revenue).toBe(0);
        expect(r.totals.costToRevenue).toBeNull(); // $9,000 ÷ $0
    });
});
