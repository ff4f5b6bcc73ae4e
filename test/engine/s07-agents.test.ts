/**
 * Spec section 7: agents. Ramp factor min(1, (k+1)/R) in the agent's k-th month (1 when R = 0);
 * the snapshot is the model's start month; agents starting after it have not started and
 * contribute nothing; without a model start every agent is started and fully ramped.
 * Assignment: agents listing the tier, else agents with no tiers, else unserved (a warning);
 * split by fte · count · ramp; load = assigned / (fte · count · ramp · E), over 100% warns.
 */
import { describe, expect, it } from 'vitest';
import type { AgentSpec } from '@cap/engine';
import { evaluate, rampFactor } from '@cap/engine';
import { agent, findings, model, monthly, role, service, tier, ym } from './build.js';

describe('§7 ramp factor min(1, (k+1)/R)', () => {
    it('ramps over R months from the start month (k = 0)', () => {
        expect(rampFactor(0, 3)).toBeCloseTo(0.333333333333, 12); // min(1, (0+1)/3) = 1/3
        expect(rampFactor(1, 3)).toBeCloseTo(0.666666666667, 12); // min(1, (1+1)/3) = 2/3
        expect(rampFactor(2, 3)).toBe(1); // min(1, 3/3) = 1
        expect(rampFactor(5, 3)).toBe(1); // min(1, 6/3) = 1
        expect(rampFactor(0, 4)).toBe(0.25); // min(1, 1/4)
    });

    it('is 1 when the role has no ramp', () => {
        expect(rampFactor(0, 0)).toBe(1); // R = 0
    });
});

describe('§7 snapshot at the model start', () => {
    // CSM: E = 100 h, ramp 3 months, $9,000 a month. Snapshot: 2027-04.
    const r = evaluate(
        model({
            start: ym(2027, 4),
            roles: [role('CSM', { hoursPerMonth: 100, rampMonths: 3, costPerMonth: 9000 })],
            agents: [
                agent('veteran', 'CSM'), // no start: always fully ramped
                agent('early', 'CSM', { start: ym(2027, 1) }), // k = 3
                agent('twoIn', 'CSM', { start: ym(2027, 2) }), // k = 2
                agent('oneIn', 'CSM', { start: ym(2027, 3) }), // k = 1
                agent('onStart', 'CSM', { start: ym(2027, 4) }), // k = 0: starts on the snapshot
                agent('later', 'CSM', { start: ym(2027, 6) }), // after the snapshot: not started
            ],
        }),
    );
    const a = r.agents;

    it('an agent with no start is started and fully ramped', () => {
        expect(a.veteran.started).toBe(true);
        expect(a.veteran.rampFactor).toBe(1);
        expect(a.veteran.monthsIn).toBeNull(); // no dated start, no k
    });

    it('k = model start − agent start', () => {
        expect(a.early.monthsIn).toBe(3); // 2027-04 − 2027-01
        expect(a.oneIn.monthsIn).toBe(1); // 2027-04 − 2027-03
        expect(a.onStart.monthsIn).toBe(0); // same month
    });

    it('agents started on or before the snapshot ramp by min(1, (k+1)/R)', () => {
        expect(a.early.rampFactor).toBe(1); // min(1, (3+1)/3) = 1
        expect(a.twoIn.rampFactor).toBe(1); // min(1, (2+1)/3) = 1
        expect(a.oneIn.rampFactor).toBeCloseTo(0.666666666667, 12); // (1+1)/3
        expect(a.onStart.rampFactor).toBeCloseTo(0.333333333333, 12); // (0+1)/3
        expect(a.onStart.started).toBe(true); // a start on the snapshot month counts as started
    });

    it('an agent starting after the snapshot has not started and contributes 0', () => {
        expect(a.later.started).toBe(false);
        expect(a.later.rampFactor).toBe(0);
        expect(a.later.capacityHours).toBe(0); // 1 × 1 × 0 × 100 h
    });

    it('capacity hours are fte · count · ramp · E', () => {
        expect(a.veteran.capacityHours).toBe(100); // 1 × 1 × 1 × 100 h
        expect(a.oneIn.capacityHours).toBeCloseTo(66.666666667, 9); // 1 × 1 × 2/3 × 100 h
        expect(a.onStart.capacityHours).toBeCloseTo(33.333333333, 9); // 1 × 1 × 1/3 × 100 h
    });

    it('staffed FTE adds fte · count · ramp over started agents', () => {
        expect(r.roles.CSM.staffedFte).toBeCloseTo(4, 9); // 1 + 1 + 1 + 2/3 + 1/3 + 0 (later) = 4
    });

    it('team cost counts every started agent at full fte · count · cost, whatever its ramp', () => {
        expect(r.totals.teamCost).toBe(45000); // 5 started agents × 1 × 1 × $9,000 (later is not paid yet)
    });

    it('the ramp crosses a year boundary', () => {
        const y = evaluate(
            model({
                start: ym(2027, 1),
                roles: [role('CSM', { rampMonths: 3 })],
                agents: [agent('dec', 'CSM', { start: ym(2026, 12) })],
            }),
        );
        expect(y.agents.dec.monthsIn).toBe(1); // 2027-01 − 2026-12 = 1 month
        expect(y.agents.dec.rampFactor).toBeCloseTo(0.666666666667, 12); // (1+1)/3
    });

    it('a role with no ramp is fully productive in the start month', () => {
        const y = evaluate(
            model({
                start: ym(2027, 4),
                roles: [role('CSM', { rampMonths: 0 })],
                agents: [agent('new', 'CSM', { start: ym(2027, 4) })],
            }),
        );
        expect(y.agents.new.rampFactor).toBe(1); // R = 0
    });
});

describe('§7 no model start', () => {
    const r = evaluate(
        model({
            start: null,
            roles: [role('CSM', { hoursPerMonth: 100, rampMonths: 3, costPerMonth: 9000 })],
            agents: [agent('dana', 'CSM', { start: ym(2027, 6), fte: 0.5 }), agent('eve', 'CSM')],
        }),
    );

    it('every agent counts as started and fully ramped, even with a dated start', () => {
        expect(r.agents.dana.started).toBe(true);
        expect(r.agents.dana.rampFactor).toBe(1);
        expect(r.agents.dana.capacityHours).toBe(50); // 0.5 × 1 × 1 × 100 h
        expect(r.roles.CSM.staffedFte).toBe(1.5); // 0.5 + 1
        expect(r.totals.teamCost).toBe(13500); // (0.5 + 1) × $9,000
    });
});

describe('§7 assignment', () => {
    /** CSM with E = 100 h; `Care` is 1 h a month per account, so a tier demand equals its accounts. */
    const run = (
        agents: AgentSpec[],
        tiers = [
            ['Ent', 50],
            ['SMB', 90],
            ['Mid', 30],
        ] as [string, number][],
        extra = {},
    ) =>
        evaluate(
            model({
                roles: [role('CSM', { hoursPerMonth: 100 })],
                services: [service('Care', 'CSM', { effortHours: 1, frequency: monthly })],
                tiers: tiers.map(([name, accounts]) => tier(name, { accounts, services: ['Care'] })),
                agents,
                ...extra,
            }),
        );

    it('agents listing a tier serve it; the others serve the tiers nobody lists, split by fte', () => {
        const r = run([
            agent('alice', 'CSM', { tiers: ['Ent'] }),
            agent('bob', 'CSM'),
            agent('carol', 'CSM', { fte: 0.5 }),
        ]);
        expect(r.agents.alice.assignedHours).toBe(50); // all of Ent: 50 h
        // SMB 90 h and Mid 30 h go to bob and carol by weight 1 : 0.5.
        expect(r.agents.bob.assignedHours).toBeCloseTo(80, 9); // 90 × 1/1.5 + 30 × 1/1.5 = 60 + 20 = 80 h
        expect(r.agents.carol.assignedHours).toBeCloseTo(40, 9); // 90 × 0.5/1.5 + 30 × 0.5/1.5 = 30 + 10 = 40 h
        expect(r.agents.alice.load).toBe(0.5); // 50 h ÷ (1 × 1 × 1 × 100 h)
        expect(r.agents.bob.load).toBeCloseTo(0.8, 9); // 80 h ÷ 100 h
        expect(r.agents.carol.load).toBeCloseTo(0.8, 9); // 40 h ÷ (0.5 × 100 h)
        expect(findings(r, 'unserved-demand')).toHaveLength(0);
    });

    it('several agents listing a tier share it by fte · count, and the untiered agents get none of it', () => {
        const r = run(
            [
                agent('alice', 'CSM', { tiers: ['Ent'] }),
                agent('team', 'CSM', { tiers: ['Ent'], fte: 0.5, count: 2 }),
                agent('bob', 'CSM'),
            ],
            [['Ent', 60]],
        );
        expect(r.agents.alice.assignedHours).toBeCloseTo(30, 9); // 60 h × 1 / (1 + 0.5 × 2) = 30 h
        expect(r.agents.team.assignedHours).toBeCloseTo(30, 9); // 60 h × 1 / 2 = 30 h
        expect(r.agents.team.load).toBeCloseTo(0.3, 9); // 30 h ÷ (0.5 × 2 × 1 × 100 h)
        expect(r.agents.bob.assignedHours).toBe(0); // Ent is listed by others
        expect(r.agents.bob.load).toBe(0); // 0 h ÷ 100 h
    });

    it('the split follows the ramp factor too', () => {
        const r = run(
            [
                agent('vet', 'CSM'),
                agent('newbie', 'CSM', { start: ym(2027, 4) }), // k = 0, ramp 1/3
            ],
            [['SMB', 80]],
            { start: ym(2027, 4), roles: [role('CSM', { hoursPerMonth: 100, rampMonths: 3 })] },
        );
        expect(r.agents.vet.assignedHours).toBeCloseTo(60, 9); // 80 h × 1 / (1 + 1/3) = 60 h
        expect(r.agents.newbie.assignedHours).toBeCloseTo(20, 9); // 80 h × (1/3) / (4/3) = 20 h
        expect(r.agents.newbie.load).toBeCloseTo(0.6, 9); // 20 h ÷ (1/3 × 100 h)
    });

    it('an agent that has not started is assigned nothing', () => {
        const r = run([agent('bob', 'CSM'), agent('later', 'CSM', { start: ym(2027, 9) })], [['SMB', 80]], {
            start: ym(2027, 4),
        });
        expect(r.agents.later.assignedHours).toBe(0);
        expect(r.agents.later.load).toBeNull(); // 0 h ÷ 0 h of capacity is undefined
        expect(r.agents.bob.assignedHours).toBe(80); // all of it
    });

    it('assignment is per role: a tier listed by a CSM still goes to an untiered Onboarding agent', () => {
        const r = evaluate(
            model({
                roles: [role('CSM', { hoursPerMonth: 100 }), role('Onb', { hoursPerMonth: 100 })],
                services: [
                    service('Care', 'CSM', { effortHours: 1 }),
                    service('Kick', 'Onb', { effortHours: 4, frequency: { kind: 'once' } }),
                ],
                tiers: [tier('Ent', { accounts: 20, newPerMonth: 5, services: ['Care', 'Kick'] })],
                agents: [agent('alice', 'CSM', { tiers: ['Ent'] }), agent('olga', 'Onb')],
            }),
        );
        expect(r.agents.alice.assignedHours).toBe(20); // 20 × 1 h
        expect(r.agents.olga.assignedHours).toBe(20); // 5 new × 4 h
        expect(findings(r, 'unserved-demand')).toHaveLength(0);
    });

    it('demand nobody serves is unserved: a warning on the tier, assigned to no one', () => {
        const r = run(
            [agent('alice', 'CSM', { tiers: ['Ent'] })],
            [
                ['Ent', 50],
                ['SMB', 90],
            ],
        );
        expect(r.agents.alice.assignedHours).toBe(50); // only Ent; SMB's 90 h are not hers
        const unserved = findings(r, 'unserved-demand');
        expect(unserved).toHaveLength(1);
        expect(unserved[0].subject).toEqual({ kind: 'tier', name: 'SMB' });
        expect(unserved[0].severity).toBe('warning');
    });

    it('demand of a role with no agents is unserved when other roles have agents', () => {
        const r = evaluate(
            model({
                roles: [role('CSM'), role('Onb')],
                services: [
                    service('Care', 'CSM'),
                    service('Kick', 'Onb', { effortHours: 4, frequency: { kind: 'once' } }),
                ],
                tiers: [tier('Ent', { accounts: 20, newPerMonth: 5, services: ['Care', 'Kick'] })],
                agents: [agent('alice', 'CSM')],
            }),
        );
        const unserved = findings(r, 'unserved-demand');
        expect(unserved).toHaveLength(1); // Onb's 20 h in Ent
        expect(unserved[0].subject).toEqual({ kind: 'tier', name: 'Ent' });
    });

    it('spec: with no agents at all, demand is still unserved (a warning)', () => {
        // Spec §7: "if there are none, the demand is unserved (a warning)". The spec makes no
        // exception for a model without agents (§8 only changes how team cost is computed then).
        const r = run([], [['SMB', 90]]);
        expect(findings(r, 'unserved-demand')).toHaveLength(1);
    });

    it('load over 100% warns on that agent; exactly 100% does not', () => {
        const r = run(
            [agent('half', 'CSM', { tiers: ['Ent'], fte: 0.5 }), agent('full', 'CSM', { tiers: ['SMB'] })],
            [
                ['Ent', 60],
                ['SMB', 100],
            ],
        );
        expect(r.agents.half.load).toBeCloseTo(1.2, 9); // 60 h ÷ (0.5 × 100 h)
        expect(r.agents.full.load).toBe(1); // 100 h ÷ 100 h
        const over = findings(r, 'agent-overloaded');
        expect(over).toHaveLength(1);
        expect(over[0].subject).toEqual({ kind: 'agent', name: 'half' });
        expect(over[0].severity).toBe('warning');
    });
});

describe('an agent name given twice (a model built by hand; the language reports it as an error)', () => {
    // CSM: E = 160 h, $8,000 a month. T: 10 accounts × 1 h a month = 10 h of CSM demand.
    // Ana is declared at 1 FTE, then again at 0.5 FTE; Bo at 1 FTE. Every declaration of Ana
    // counts with her last one: weights 0.5, 0.5 and 1, so staffed = 2 FTE.
    const m = model({
        roles: [role('CSM', { costPerMonth: 8000 })],
        services: [service('check', 'CSM')],
        tiers: [tier('T', { accounts: 10, services: ['check'] })],
        agents: [agent('Ana', 'CSM'), agent('Bo', 'CSM'), agent('Ana', 'CSM', { fte: 0.5 })],
    });
    const r = evaluate(m);

    it('counts every declaration with the last one and reports the name once, in its first position', () => {
        expect(Object.keys(r.agents)).toEqual(['Ana', 'Bo']);
        expect(r.roles.CSM.staffedFte).toBe(2); // 0.5 + 1 + 0.5
        // 10 h split by weight over 2 FTE: each Ana declaration 10 · 0.5 / 2 = 2.5 h, Bo 10 · 1 / 2 = 5 h.
        expect(r.agents.Ana).toMatchObject({ fte: 0.5, assignedHours: 5, capacityHours: 80, load: 0.0625 }); // 5 / (0.5 · 160)
        expect(r.agents.Bo).toMatchObject({ fte: 1, assignedHours: 5, capacityHours: 160, load: 0.03125 });
        expect(r.totals.teamCost).toBe(12000); // Ana 0.5 · 8,000 + Bo 1 · 8,000: reported once, paid once
    });
});

describe('the results are plain records', () => {
    const r = evaluate(
        model({
            roles: [role('CSM', { hoursPerMonth: 100 })],
            services: [service('check', 'CSM', { effortHours: 2 })],
            tiers: [tier('T', { accounts: 25, services: ['check'] })],
            agents: [agent('Ana', 'CSM')],
        }),
    );

    it('a tier lists its figures by role last', () => {
        expect(r.agents.Ana.assignedHours).toBe(50); // 25 accounts · 2 h
        expect(Object.keys(r.tiers.T).slice(-4)).toEqual([
            'designedEffort',
            'accountsPerFte',
            'demandHours',
            'requiredFte',
        ]);
        expect(r.tiers.T.designedEffort).toEqual({ CSM: 2 }); // 50 h / 25 accounts
        expect(r.tiers.T.accountsPerFte).toEqual({ CSM: 50 }); // 100 h / 2 h
        expect(r.tiers.T.requiredFte).toEqual({ CSM: 0.5 }); // 50 h / 100 h
    });

    it('a spread or a JSON copy keeps every record', () => {
        const copy = { ...r };
        expect(copy.agents).toBe(r.agents);
        const json = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
        expect(Object.keys(json)).toEqual([
            'model',
            'roles',
            'services',
            'tiers',
            'agents',
            'totals',
            'data',
            'actuals',
            'findings',
        ]);
        expect(json.agents).toEqual({ Ana: r.agents.Ana });
    });
});

describe("§7 the agents' figures of one evaluation stay its own", () => {
    // Each evaluation starts from zero hours assigned and never sees another's.
    // CSM: E = 100 h; tier T: 10 accounts × 2 h = 20 h a month.
    const plan = (agents: number) =>
        model({
            roles: [role('CSM', { hoursPerMonth: 100 })],
            services: [service('call', 'CSM', { effortHours: 2 })],
            tiers: [tier('T', { accounts: 10, services: ['call'] })],
            agents: Array.from({ length: agents }, (_, i) => agent(`a${i}`, 'CSM')),
        });

    it('gives the same hours after a thousand other evaluations, and keeps the first results unchanged', () => {
        const first = evaluate(plan(2));
        expect(first.agents.a0.assignedHours).toBe(10); // 20 h split between two agents of fte 1
        for (let i = 0; i < 1000; i++) evaluate(plan(1 + (i % 7)));
        const again = evaluate(plan(2));
        expect(again.agents.a1.assignedHours).toBe(10);
        expect(again.agents.a1.load).toBe(0.1); // 10 h of 100 h
        // Read only now: the first results were not written over by the evaluations since.
        expect(first.agents.a1.assignedHours).toBe(10);
        expect(first.agents.a1.capacityHours).toBe(100);
        expect(first.agents.a1.monthsIn).toBeNull(); // no dated start
        expect(first.tiers.T.demandHours).toEqual({ CSM: 20 });
        expect(first.tiers.T.designedEffort).toEqual({ CSM: 2 });
    });

    it("keeps a tier's demand by role and an agent's months in when evaluations of other plans came between", () => {
        // Snapshot 2027-06; Ana started 2027-01: 5 months in. Tier T: 10 × 2 h of CSM; U: 4 × 3 h of Onb.
        const busy = model({
            start: 2027 * 12 + 5,
            roles: [role('CSM', { hoursPerMonth: 100 }), role('Onb', { hoursPerMonth: 50 })],
            services: [service('call', 'CSM', { effortHours: 2 }), service('setup', 'Onb', { effortHours: 3 })],
            tiers: [
                tier('T', { accounts: 10, services: ['call'] }),
                tier('U', { accounts: 4, services: ['setup', 'call'] }),
            ],
            agents: [agent('Ana', 'CSM', { start: 2027 * 12 }), agent('Bo', 'Onb')],
        });
        const kept = evaluate(busy);
        for (let i = 0; i < 1000; i++) evaluate(plan(1 + (i % 7)));
        expect(kept.tiers.T.demandHours).toEqual({ CSM: 20 });
        expect(kept.tiers.U.demandHours).toEqual({ Onb: 12, CSM: 8 }); // in the order the tier lists its services
        expect(kept.tiers.U.requiredFte).toEqual({ Onb: 0.24, CSM: 0.08 }); // 12 h / 50 h, 8 h / 100 h
        expect(kept.agents.Ana.monthsIn).toBe(5);
        expect(kept.agents.Bo.monthsIn).toBeNull();
    });
});
