/**
 * Spec section 6: demand, capacity and headcount. Demand hours per month for tier t and service s:
 *   recurring, no seats  N·u·X·φ          recurring, seats S  ceil(N·u/S)·X·φ
 *   once, no seats       a·u·X            once, seats S       ceil(a·u/S)·X
 * Designed effort D = recurring demand / N; capacity E / D; required FTE Σ demand / E;
 * staffed FTE Σ fte·count·ramp; utilization Σ demand / (staffed · E); gap and hires.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceSpec, TierSpec } from '@cap/engine';
import { evaluate } from '@cap/engine';
import { agent, findings, hoursItem, model, monthly, once, perMonth, role, service, tier } from './build.js';

/** Demand of one service in one tier, for a role with 160 h and no overhead. */
function demandOf(s: Partial<ServiceSpec>, t: Partial<TierSpec>): number {
    const r = evaluate(
        model({
            roles: [role('CSM')],
            services: [service('S', 'CSM', s)],
            tiers: [tier('T', { ...t, services: ['S'] })],
        }),
    );
    return r.tiers.T.demandHours.CSM;
}

/** The seed's CSM: 160 h less 40 h of overhead, so E = 120 h. */
const seedCsm = (over = {}) => role('CSM', { hoursPerMonth: 160, overhead: [hoursItem('meetings', 40)], ...over });

describe('§6 demand: recurring, no seats (N·u·X·φ)', () => {
    it('4 h every quarter for 40 accounts', () => {
        // New accounts do not matter for a recurring service.
        expect(demandOf({ effortHours: 4, frequency: perMonth(1 / 3) }, { accounts: 40, newPerMonth: 5 })).toBeCloseTo(
            53.333333333,
            9,
        ); // 40 × 100% × 4 h × 1/3 = 53.333… h
    });

    it('uptake takes a share of the accounts', () => {
        expect(demandOf({ effortHours: 8, frequency: perMonth(1 / 12), uptake: 0.25 }, { accounts: 40 })).toBeCloseTo(
            6.666666667,
            9,
        ); // 40 × 25% × 8 h × 1/12 = 80/12 = 6.666… h
    });
});

describe('§6 demand: recurring, seats (ceil(N·u/S)·X·φ)', () => {
    it('a part-filled session still takes the full effort', () => {
        expect(demandOf({ effortHours: 3, frequency: monthly, seats: 200 }, { accounts: 450 })).toBe(9); // ceil(450 / 200) = ceil(2.25) = 3 sessions × 3 h × 1 = 9 h
    });

    it('an exact multiple of the seats needs no extra session', () => {
        expect(demandOf({ effortHours: 3, frequency: monthly, seats: 200 }, { accounts: 400 })).toBe(6); // ceil(400 / 200) = 2 sessions × 3 h = 6 h
    });

    it('uptake applies before rounding up to sessions', () => {
        expect(
            demandOf({ effortHours: 3, frequency: perMonth(1 / 3), seats: 200, uptake: 0.3 }, { accounts: 1000 }),
        ).toBeCloseTo(2, 9); // ceil(1000 × 30% / 200) = ceil(1.5) = 2 sessions × 3 h × 1/3 = 2 h
    });

    it('tolerant ceiling: 7% of 100 accounts with 7 seats is 1 session, not 2', () => {
        // 100 × 0.07 is 7.000000000000001 in binary floating point; a reader expects ceil(7 / 7) = 1.
        expect(demandOf({ effortHours: 1, frequency: monthly, seats: 7, uptake: 0.07 }, { accounts: 100 })).toBe(1); // ceil(100 × 7% / 7) = ceil(1) = 1 session × 1 h × 1 = 1 h
    });

    it('no accounts, no sessions', () => {
        expect(demandOf({ effortHours: 3, frequency: monthly, seats: 200 }, { accounts: 0 })).toBe(0); // ceil(0 / 200) = 0
    });
});

describe('§6 demand: once, no seats (a·u·X)', () => {
    it('12 h per new account, 2 new accounts a quarter', () => {
        // Existing accounts do not matter for a once service.
        expect(demandOf({ effortHours: 12, frequency: once }, { accounts: 40, newPerMonth: 2 / 3 })).toBeCloseTo(8, 9); // 2/3 new a month × 100% × 12 h = 8 h
    });

    it('uptake applies to new accounts', () => {
        expect(demandOf({ effortHours: 3, frequency: once, uptake: 0.5 }, { accounts: 40, newPerMonth: 4 })).toBe(6); // 4 × 50% × 3 h = 6 h
    });

    it('no new accounts, no once demand', () => {
        expect(demandOf({ effortHours: 12, frequency: once }, { accounts: 40, newPerMonth: 0 })).toBe(0); // 0 × 12 h
    });
});

describe('§6 demand: once, seats (ceil(a·u/S)·X)', () => {
    it('new receiving accounts are grouped into sessions', () => {
        expect(
            demandOf({ effortHours: 2, frequency: once, seats: 4, uptake: 0.5 }, { accounts: 40, newPerMonth: 10 }),
        ).toBe(4); // ceil(10 × 50% / 4) = ceil(1.25) = 2 sessions × 2 h = 4 h
    });

    it('a fraction of a new account a month still needs one session', () => {
        expect(demandOf({ effortHours: 5, frequency: once, seats: 10 }, { newPerMonth: 2 / 3 })).toBe(5); // ceil((2/3) × 100% / 10) = ceil(0.0667) = 1 session × 5 h = 5 h
    });
});

describe('§6 demand per tier and role', () => {
    const r = evaluate(
        model({
            roles: [role('CSM'), role('Onboarding')],
            services: [
                service('QBR', 'CSM', { effortHours: 4, frequency: perMonth(1 / 3) }),
                service('Workshop', 'CSM', { effortHours: 8, frequency: perMonth(1 / 12), uptake: 0.25 }),
                service('Check', 'CSM', { effortHours: 1, frequency: perMonth(1 / 3) }),
                service('Kickoff', 'Onboarding', { effortHours: 12, frequency: once }),
            ],
            tiers: [
                tier('Ent', { accounts: 40, newPerMonth: 2 / 3, services: ['QBR', 'Workshop', 'Kickoff'] }),
                tier('SMB', { accounts: 300, newPerMonth: 3, services: ['Check', 'Kickoff'] }),
            ],
        }),
    );

    it('sums the tier services delivered by each role, role by role', () => {
        expect(r.tiers.Ent.demandHours.CSM).toBeCloseTo(60, 9); // QBR 40 × 4 h / 3 = 53.333 h + Workshop 40 × 25% × 8 h / 12 = 6.667 h = 60 h
        expect(r.tiers.Ent.demandHours.Onboarding).toBeCloseTo(8, 9); // Kickoff 2/3 × 12 h = 8 h
        expect(r.tiers.SMB.demandHours.CSM).toBeCloseTo(100, 9); // Check 300 × 1 h / 3 = 100 h
        expect(r.tiers.SMB.demandHours.Onboarding).toBe(36); // Kickoff 3 × 12 h = 36 h
    });

    it('a role demand is the sum over tiers', () => {
        expect(r.roles.CSM.demandHours).toBeCloseTo(160, 9); // 60 h + 100 h
        expect(r.roles.Onboarding.demandHours).toBeCloseTo(44, 9); // 8 h + 36 h
    });
});

describe('§6 designed effort: recurring demand / N', () => {
    it('leaves out the once part', () => {
        const r = evaluate(
            model({
                roles: [role('CSM')],
                services: [
                    service('QBR', 'CSM', { effortHours: 4, frequency: perMonth(1 / 3) }),
                    service('Handover', 'CSM', { effortHours: 10, frequency: once }),
                ],
                tiers: [tier('Ent', { accounts: 40, newPerMonth: 1, services: ['QBR', 'Handover'] })],
            }),
        );
        expect(r.tiers.Ent.demandHours.CSM).toBeCloseTo(63.333333333, 9); // 40 × 4 h / 3 + 1 × 10 h = 53.333 h + 10 h
        expect(r.tiers.Ent.designedEffort.CSM).toBeCloseTo(1.333333333, 9); // 53.333 h ÷ 40 accounts (the 10 h once are not in D)
    });

    it('counts sessions of one-to-many services per account', () => {
        const r = evaluate(
            model({
                roles: [role('Scale')],
                services: [service('Webinar', 'Scale', { effortHours: 3, frequency: monthly, seats: 200 })],
                tiers: [tier('SMB', { accounts: 450, services: ['Webinar'] })],
            }),
        );
        expect(r.tiers.SMB.designedEffort.Scale).toBeCloseTo(0.02, 12); // 3 sessions × 3 h = 9 h ÷ 450 accounts = 0.02 h
    });

    it('is 0 for a role that only does once services in the tier', () => {
        const r = evaluate(
            model({
                roles: [role('Onboarding')],
                services: [service('Kickoff', 'Onboarding', { effortHours: 12, frequency: once })],
                tiers: [tier('Ent', { accounts: 40, newPerMonth: 1, services: ['Kickoff'] })],
            }),
        );
        expect(r.tiers.Ent.designedEffort.Onboarding).toBe(0); // no recurring part: 0 h ÷ 40 accounts
    });
});

describe('§6 production capacity: E / D', () => {
    it('seed check: 120 h ÷ 5 h per account = 24 accounts', () => {
        const r = evaluate(
            model({
                roles: [seedCsm()],
                services: [service('Care', 'CSM', { effortHours: 5, frequency: monthly })],
                tiers: [tier('SMB', { accounts: 10, services: ['Care'] })],
            }),
        );
        expect(r.tiers.SMB.designedEffort.CSM).toBe(5); // 10 × 5 h ÷ 10 accounts = 5 h
        expect(r.tiers.SMB.accountsPerFte.CSM).toBe(24); // 120 h ÷ 5 h = 24 accounts
    });

    it('does not depend on the number of accounts', () => {
        const r = evaluate(
            model({
                roles: [seedCsm()],
                services: [service('QBR', 'CSM', { effortHours: 4, frequency: perMonth(1 / 3) })],
                tiers: [tier('Ent', { accounts: 7, services: ['QBR'] })],
            }),
        );
        expect(r.tiers.Ent.accountsPerFte.CSM).toBeCloseTo(90, 9); // D = 4 h / 3 = 1.333 h; 120 h ÷ 1.333 h = 90 accounts
    });

    it('is undefined (null, not Infinity) when the designed effort is 0', () => {
        const r = evaluate(
            model({
                roles: [seedCsm()],
                services: [service('Kickoff', 'CSM', { effortHours: 12, frequency: once })],
                tiers: [tier('Ent', { accounts: 40, newPerMonth: 1, services: ['Kickoff'] })],
            }),
        );
        expect(r.tiers.Ent.accountsPerFte.CSM).toBeNull(); // 120 h ÷ 0 h
    });
});

describe('§6 required FTE, staffed FTE, utilization, gap and hires', () => {
    // CSM: E = 120 h. Ent: 10 accounts × 5 h = 50 h; SMB: 100 accounts × 1 h = 100 h; total 150 h.
    const base = (agents = [agent('a', 'CSM')]) =>
        evaluate(
            model({
                roles: [seedCsm(), role('Other')],
                services: [
                    service('Care', 'CSM', { effortHours: 5, frequency: monthly }),
                    service('Touch', 'CSM', { effortHours: 1, frequency: monthly }),
                ],
                tiers: [
                    tier('Ent', { accounts: 10, services: ['Care'] }),
                    tier('SMB', { accounts: 100, services: ['Touch'] }),
                ],
                agents,
            }),
        );

    it('required FTE per tier is that tier demand / E', () => {
        const r = base();
        expect(r.tiers.Ent.requiredFte.CSM).toBeCloseTo(0.416666667, 9); // 50 h ÷ 120 h
        expect(r.tiers.SMB.requiredFte.CSM).toBeCloseTo(0.833333333, 9); // 100 h ÷ 120 h
    });

    it('required FTE of a role is Σ demand / E, and totals add the roles', () => {
        const r = base();
        expect(r.roles.CSM.requiredFte).toBeCloseTo(1.25, 9); // (50 + 100) h ÷ 120 h
        expect(r.roles.Other.requiredFte).toBe(0); // no demand: 0 h ÷ 160 h
        expect(r.totals.requiredFte).toBeCloseTo(1.25, 9); // 1.25 + 0
    });

    it('staffed FTE is Σ fte · count over the role agents (fully ramped here)', () => {
        const r = base([
            agent('alice', 'CSM'),
            agent('bob', 'CSM', { fte: 0.5 }),
            agent('team', 'CSM', { count: 3 }),
            agent('pair', 'CSM', { fte: 0.5, count: 2 }),
            agent('olga', 'Other', { count: 2 }),
        ]);
        expect(r.roles.CSM.staffedFte).toBe(5.5); // 1 + 0.5 + 1 × 3 + 0.5 × 2 = 5.5
        expect(r.roles.Other.staffedFte).toBe(2); // another role's agents do not count for CSM
        expect(r.totals.staffedFte).toBe(7.5); // 5.5 + 2
    });

    it('utilization is demand / (staffed FTE · E), and over 100% warns on the role', () => {
        const r = base([agent('a', 'CSM')]);
        expect(r.roles.CSM.utilization).toBeCloseTo(1.25, 9); // 150 h ÷ (1 × 120 h)
        const over = findings(r, 'role-over-capacity');
        expect(over).toHaveLength(1);
        expect(over[0].subject).toEqual({ kind: 'role', name: 'CSM' });
        expect(over[0].severity).toBe('warning');
    });

    it('utilization under 100% raises no warning', () => {
        const r = base([agent('a', 'CSM'), agent('b', 'CSM')]);
        expect(r.roles.CSM.utilization).toBeCloseTo(0.625, 9); // 150 h ÷ (2 × 120 h)
        expect(findings(r, 'role-over-capacity')).toHaveLength(0);
    });

    it('utilization of exactly 100% raises no warning', () => {
        const r = evaluate(
            model({
                roles: [seedCsm()],
                services: [service('Care', 'CSM', { effortHours: 12, frequency: monthly })],
                tiers: [tier('T', { accounts: 10, services: ['Care'] })],
                agents: [agent('a', 'CSM')],
            }),
        );
        expect(r.roles.CSM.utilization).toBe(1); // 10 × 12 h = 120 h ÷ (1 × 120 h)
        expect(findings(r, 'role-over-capacity')).toHaveLength(0);
    });

    it('utilization is undefined (null) when nobody is staffed', () => {
        const r = base([agent('olga', 'Other')]);
        expect(r.roles.CSM.staffedFte).toBe(0);
        expect(r.roles.CSM.utilization).toBeNull(); // 150 h ÷ (0 × 120 h)
    });

    it('a staffed role without demand is 0% utilized', () => {
        const r = base([agent('olga', 'Other')]);
        expect(r.roles.Other.utilization).toBe(0); // 0 h ÷ (1 × 160 h)
    });

    it('gap = required − staffed; hires round the gap up', () => {
        const none = base([]);
        expect(none.roles.CSM.gapFte).toBeCloseTo(1.25, 9); // 1.25 − 0
        expect(none.roles.CSM.hires).toBe(2); // ceil(1.25) = 2
        const one = base([agent('a', 'CSM')]);
        expect(one.roles.CSM.gapFte).toBeCloseTo(0.25, 9); // 1.25 − 1
        expect(one.roles.CSM.hires).toBe(1); // ceil(0.25) = 1
    });

    it('no hires when the gap is negative or zero', () => {
        const two = base([agent('a', 'CSM'), agent('b', 'CSM')]);
        expect(two.roles.CSM.gapFte).toBeCloseTo(-0.75, 9); // 1.25 − 2
        expect(two.roles.CSM.hires).toBe(0); // gap ≤ 0
        const exact = evaluate(
            model({
                roles: [seedCsm()],
                services: [service('Care', 'CSM', { effortHours: 24, frequency: monthly })],
                tiers: [tier('T', { accounts: 10, services: ['Care'] })],
                agents: [agent('a', 'CSM', { count: 2 })],
            }),
        );
        expect(exact.roles.CSM.gapFte).toBe(0); // 240 h ÷ 120 h = 2 required − 2 staffed
        expect(exact.roles.CSM.hires).toBe(0); // gap ≤ 0
    });

    it('a whole-number gap needs exactly that many hires', () => {
        const r = evaluate(
            model({
                roles: [seedCsm()],
                services: [service('Care', 'CSM', { effortHours: 36, frequency: monthly })],
                tiers: [tier('T', { accounts: 10, services: ['Care'] })],
                agents: [agent('a', 'CSM')],
            }),
        );
        expect(r.roles.CSM.gapFte).toBe(2); // 360 h ÷ 120 h = 3 required − 1 staffed
        expect(r.roles.CSM.hires).toBe(2); // ceil(2) = 2
    });
});
