/**
 * Spec section 10: a scenario is the base model with its overrides applied, computed in full, and
 * reported with its difference from the base: every numeric figure of roles, tiers and totals as
 * scenario minus base, null when either side is null. (Applying the overrides to the written
 * model is the language's job: test/language/scenarios.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { CapModel } from '@cap/engine';
import { evaluatePlan, toReport } from '@cap/engine';
import { agent, hoursItem, model, monthly, role, service, tier } from './build.js';

type Json = any;

/**
 * Base, per month:
 *   CSM: 160 h − 40 h = E 120 h, $9,000 → hourly $75.   Onb: 160 h, $5,000, no agents, no work.
 *   SMB: 120 accounts, $100 a month each, lifetime 24; Care 2 h a month each.
 *   demand 240 h; required 240 ÷ 120 = 2; team count 2 → staffed 2, utilization 240 ÷ 240 = 100%.
 *   team cost 2 × 9,000 = 18,000; revenue 12,000; CRC 18,000 ÷ 120 = 150; cost to revenue 1.5.
 *   CLV 100 × 24 = 2,400; cost to serve 2 h × $75 = 150; net CLV 2,400 − 150 × 24 = −1,200.
 *   Onb utilization: nobody staffed → undefined.
 * Growth: SMB 180 accounts; CSM costs $12,000 (hourly $100); a third CSM; an Onb agent; a new tier.
 *   demand 360 h; required 3; staffed 3; utilization 100%; team cost 3 × 12,000 + 5,000 = 41,000;
 *   revenue 18,000 + 0; CRC 41,000 ÷ 190 accounts; cost to serve 2 × 100 = 200;
 *   net CLV 2,400 − 200 × 24 = −2,400. Onb utilization 0 h ÷ 160 h = 0.
 */
const base = (): CapModel =>
    model({
        roles: [
            role('CSM', { hoursPerMonth: 160, overhead: [hoursItem('meetings', 40)], costPerMonth: 9000 }),
            role('Onb', { hoursPerMonth: 160, costPerMonth: 5000 }),
        ],
        services: [service('Care', 'CSM', { effortHours: 2, frequency: monthly })],
        tiers: [
            tier('SMB', {
                touch: 'low',
                accounts: 120,
                revenuePerMonth: 100,
                retention: { kind: 'lifetime', months: 24 },
                services: ['Care'],
            }),
        ],
        agents: [agent('team', 'CSM', { count: 2 })],
    });

const growth = (): CapModel => {
    const m = base();
    return {
        ...m,
        roles: [{ ...m.roles[0], costPerMonth: 12000 }, m.roles[1]],
        tiers: [
            { ...m.tiers[0], accounts: 180 },
            tier('Trial', { accounts: 10, retention: { kind: 'lifetime', months: 6 } }),
        ],
        agents: [...m.agents, agent('hire', 'CSM'), agent('onb', 'Onb')],
    };
};

const plan = () => evaluatePlan(base(), [{ name: 'Growth', title: 'Close 60 more SMB accounts', model: growth() }]);

describe('§10 every scenario is computed in full', () => {
    const s = plan().scenarios.get('Growth')!;

    it('with the same formulas as the base', () => {
        expect(s.results.roles.CSM.requiredFte).toBe(3); // 180 × 2 h ÷ 120 h
        expect(s.results.roles.CSM.staffedFte).toBe(3);
        expect(s.results.roles.CSM.hourlyCost).toBe(100); // 12,000 ÷ 120
        expect(s.results.totals.teamCost).toBe(41_000); // 3 × 12,000 + 5,000
        expect(s.results.tiers.SMB.clvNet).toBe(-2400); // 2,400 − 200 × 24
        expect(s.title).toBe('Close 60 more SMB accounts');
    });

    it('leaves the base untouched', () => {
        const p = plan();
        expect(p.results.totals.teamCost).toBe(18_000);
        expect(p.results.roles.CSM.requiredFte).toBe(2);
    });
});

describe('§10 delta = scenario − base', () => {
    const d = plan().scenarios.get('Growth')!.delta;

    it('roles: every figure', () => {
        expect(d.roles.CSM).toEqual({
            hoursPerFte: 0,
            overheadPerFte: 0,
            effectivePerFte: 0,
            costPerFte: 3000, // 12,000 − 9,000
            hourlyCost: 25, // 100 − 75
            rampMonths: 0,
            demandHours: 120, // 360 − 240
            requiredFte: 1,
            staffedFte: 1,
            utilization: 0,
            gapFte: 0,
            hires: 0,
        });
    });

    it('tiers: figures and role-keyed maps; names and labels are not figures', () => {
        expect(d.tiers.SMB).toMatchObject({
            accounts: 60,
            revenue: 6000,
            revenuePerAccount: 0,
            clv: 0,
            clvNet: -1200, // −2,400 − (−1,200)
            costToServe: 50, // 200 − 150
            designedEffort: { CSM: 0 },
            accountsPerFte: { CSM: 0 },
            demandHours: { CSM: 120 },
            requiredFte: { CSM: 1 },
        });
        expect(d.tiers.SMB.expansion).toBeNull(); // no expansion on either side
        expect(d.tiers.SMB).not.toHaveProperty('touch');
        expect(d.tiers.SMB).not.toHaveProperty('name');
    });

    it('totals', () => {
        expect(d.totals).toEqual({
            accounts: 70, // 190 − 120 (SMB +60, Trial +10)
            revenue: 6000, // 18,000 − 12,000
            teamCost: 23_000, // 41,000 − 18,000
            crc: 41_000 / 190 - 150,
            costToRevenue: 41_000 / 18_000 - 1.5,
            requiredFte: 1, // 3 − 2 (Onb has no work: 0 on both sides)
            staffedFte: 2, // (3 + 1) − 2
        });
    });

    it('null when either side is null: Onb utilization is undefined in the base, 0 in the scenario', () => {
        expect(d.roles.Onb.utilization).toBeNull();
        expect(d.roles.Onb.staffedFte).toBe(1);
    });

    it('a declaration only the scenario has: every figure null (no base figure to differ from)', () => {
        expect(d.tiers.Trial.accounts).toBeNull();
        expect(d.tiers.Trial.clv).toBeNull();
    });
});

describe('§10 in the report', () => {
    it('each scenario carries the same sections and a delta in report units (per quarter here)', () => {
        const m = base();
        const rep: Json = toReport(
            evaluatePlan({ ...m, period: 'quarter' }, [
                { name: 'Growth', title: null, model: { ...growth(), period: 'quarter' } },
            ]),
        );
        const g = rep.scenarios.Growth;
        expect(Object.keys(g)).toEqual([
            'title',
            'model',
            'roles',
            'services',
            'tiers',
            'agents',
            'totals',
            'forecast',
            'delta',
        ]);
        expect(Object.keys(g.delta)).toEqual(['roles', 'tiers', 'totals']);
        expect(g.totals.teamCost).toBe(123_000); // 41,000 × 3
        expect(g.delta.totals.teamCost).toBe(69_000); // (41,000 − 18,000) × 3
        expect(g.delta.roles.CSM.costPerFte).toBe(9000); // 3,000 × 3
        expect(g.delta.roles.CSM.hourlyCost).toBe(25); // not per time: not scaled
        expect(g.delta.tiers.SMB.churn).toBe(0); // the same lifetime: compounded churn equal on both sides
        expect(Object.keys(g.delta.roles.CSM)).toEqual(Object.keys(rep.roles.CSM)); // the same keys
        expect(Object.keys(g.delta.tiers.SMB)).toEqual(Object.keys(rep.tiers.SMB).filter(k => k !== 'touch'));
        expect(Object.keys(rep.scenarios)).toEqual(['Growth']);
    });

    it('scenarios are sorted by name in the report', () => {
        const rep: Json = toReport(
            evaluatePlan(base(), [
                { name: 'Zeta', title: null, model: base() },
                { name: 'Alpha', title: null, model: base() },
            ]),
        );
        expect(Object.keys(rep.scenarios)).toEqual(['Alpha', 'Zeta']);
        expect(rep.scenarios.Alpha.delta.totals.teamCost).toBe(0); // identical to the base
    });
});
