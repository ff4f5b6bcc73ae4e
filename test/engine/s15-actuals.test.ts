/**
 * Spec section 15: the engine's side of an actuals block. The language sums a time log's rows
 * (ActualsSpec: hours in the window per service, per (service, tier), per role and per agent);
 * the engine divides by M, compares with §6's demand and occurrences, and warns on drift. Every
 * figure below is worked by hand from the numbers in the model.
 */
import { describe, expect, it } from 'vitest';
import type { ActualsSpec } from '@cap/engine';
import { evaluate, evaluatePlan, toReport } from '@cap/engine';
import { agent, model, once, perMonth, role, service, tier, ym } from './build.js';

function log(over: Partial<ActualsSpec> = {}): ActualsSpec {
    return {
        name: 'q1',
        file: 'data/time.csv',
        sha256: 'cd'.repeat(32),
        tolerance: 0.2,
        window: { from: ym(2027, 1), to: ym(2027, 3) },
        entries: 0,
        services: {},
        roles: {},
        agents: {},
        unmatched: { agent: {}, account: 0, tier: null },
        ...over,
    };
}

// CSM: E = 100 h. Onboard: once, 6 h, seats 4: SMB wins 10 a month → ceil(10 / 4) = 3 sessions,
// 18 h a month. Review: 2 h every quarter, uptake 50%, 30 accounts → 30 · 0.5 · 1/3 = 5 occurrences, 10 h.
const plan = (actuals: ActualsSpec[]) =>
    model({
        period: 'quarter',
        roles: [role('CSM', { hoursPerMonth: 100 })],
        services: [
            service('Onboard', 'CSM', { effortHours: 6, frequency: once, seats: 4 }),
            service('Review', 'CSM', { effortHours: 2, frequency: perMonth(1 / 3), uptake: 0.5 }),
        ],
        tiers: [tier('SMB', { accounts: 30, newPerMonth: 10, services: ['Onboard', 'Review'] })],
        agents: [agent('ana', 'CSM', { fte: 0.5, count: 2, start: ym(2027, 6) })],
        start: ym(2027, 1),
        actuals,
    });

describe('§15 figures from the aggregates', () => {
    // Logged in Q1 (M = 3): Onboard 63 h, Review 27 h (SMB 24 h), unplanned 9 h; ana all of it: 99 h.
    const spec = log({
        entries: 40,
        services: {
            Onboard: { hours: 63, entries: 12, tiers: { SMB: 63 } },
            Review: { hours: 27, entries: 20, tiers: { SMB: 24 } },
        },
        roles: { CSM: { hours: 99, unplannedHours: 9 } },
        agents: { ana: { hours: 99, entries: 40 } },
    });
    const r = evaluate(plan([spec]));
    const a = r.actuals.q1;

    it('once with seats: ceil(a·u/S) occurrences, ceil(a·u/S)·X designed', () => {
        expect(a.services.Onboard.occurrences).toBe(3); // ceil(10 / 4)
        expect(a.services.Onboard.designedHours).toBe(18); // 3 × 6 h
        expect(a.services.Onboard.actualHours).toBe(21); // 63 h ÷ 3
        expect(a.services.Onboard.variance).toBeCloseTo(21 / 18 - 1, 12);
        expect(a.services.Onboard.actualEffort).toBe(7); // 21 ÷ 3
        expect(a.services.Onboard.tiers).toEqual({}); // seated: a session serves several tiers
    });

    it('recurring with uptake: N·u·φ occurrences; per tier from the rows whose tier is known', () => {
        expect(a.services.Review.occurrences).toBeCloseTo(5, 12); // 30 × 0.5 × 1/3
        expect(a.services.Review.designedHours).toBeCloseTo(10, 12); // 5 × 2 h
        expect(a.services.Review.actualHours).toBe(9); // 27 ÷ 3
        expect(a.services.Review.actualEffort).toBeCloseTo(1.8, 12); // 9 ÷ 5
        expect(a.services.Review.tiers.SMB.actualHours).toBe(8); // 24 ÷ 3
        expect(a.services.Review.tiers.SMB.variance).toBeCloseTo(-0.2, 12); // 8 / 10 − 1
    });

    it('a role and an agent: hours ÷ M; actual load without ramp factor, even before its start', () => {
        expect(a.roles.CSM.designedHours).toBeCloseTo(28, 12); // 18 + 10
        expect(a.roles.CSM.actualHours).toBe(33); // 99 ÷ 3
        expect(a.roles.CSM.unplannedHours).toBe(3);
        expect(a.roles.CSM.variance).toBeCloseTo(33 / 28 - 1, 12);
        expect(a.agents.ana.actualLoad).toBeCloseTo(33 / 100, 12); // 33 / (0.5 · 2 · 100)
    });

    it('drift: |variance| > tolerance, on the effort; Review (−10%) and Onboard (+16.7%) stay quiet', () => {
        expect(r.findings.filter(f => f.code === 'actuals-drift')).toEqual([]);
        const tight = evaluate(plan([{ ...spec, tolerance: 0.1 }]));
        expect(tight.findings.filter(f => f.code === 'actuals-drift')).toEqual([
            {
                code: 'actuals-drift',
                severity: 'warning',
                subject: { kind: 'service', name: 'Onboard' },
                property: 'effort',
                message:
                    'Onboard: designed 18 h a month, logged 21 h (+16.7%) in 2027-01..2027-03 from 12 entries: ' +
                    '7 h per occurrence, not 6 h',
            },
        ]);
    });

    it('the report per quarter: hours and occurrences × 3; effort, variance and load as they are', () => {
        const q = toReport(evaluatePlan(plan([spec]))).actuals.q1;
        expect(q.services.Onboard.actualHours).toBe(63);
        expect(q.services.Onboard.occurrences).toBe(9);
        expect(q.services.Onboard.actualEffort).toBe(7);
        expect(q.roles.CSM.unplannedHours).toBe(9);
        expect(q.agents.ana.actualLoad).toBeCloseTo(0.33, 12);
        expect(q.window).toEqual({ from: '2027-01', to: '2027-03', months: 3 });
    });

    it('assertions name ACTUALS.SERVICE.metric, ACTUALS.ROLE.metric and ACTUALS.AGENT.metric', () => {
        const checks = evaluatePlan(
            plan([spec]),
            [],
            [
                {
                    text: 'q1.Onboard.variance <= 10%',
                    path: ['q1', 'Onboard', 'variance'],
                    op: '<=',
                    value: { dimension: 'percent', value: 0.1 },
                },
                {
                    text: 'q1.CSM.unplannedHours < 10h',
                    path: ['q1', 'CSM', 'unplannedHours'],
                    op: '<',
                    value: { dimension: 'hours', value: 10 },
                },
                {
                    text: 'q1.ana.actualLoad <= 50%',
                    path: ['q1', 'ana', 'actualLoad'],
                    op: '<=',
                    value: { dimension: 'percent', value: 0.5 },
                },
                {
                    text: 'q1.Onboard.variancee <= 10%',
                    path: ['q1', 'Onboard', 'variancee'],
                    op: '<=',
                    value: { dimension: 'percent', value: 0.1 },
                },
            ],
        ).assertions;
        expect(checks.map(c => [c.ok, c.message])).toEqual([
            [false, 'q1.Onboard.variance is 16.7%, must be <= 10%'],
            [true, 'q1.CSM.unplannedHours is 9 h a quarter, as required (< 10 h a quarter)'],
            [true, 'q1.ana.actualLoad is 33%, as required (<= 50%)'],
            [false, '`variancee` is not a figure of `q1.Onboard`; did you mean `variance`?'],
        ]);
    });
});

describe('§15 undefined figures are null', () => {
    it('no window and no kept row: M = 0, every actual figure null, designed figures as §6', () => {
        const a = evaluate(plan([log({ window: null })])).actuals.q1;
        expect(a.window).toEqual({ from: null, to: null, months: 0 });
        expect(a.services.Review.actualHours).toBeNull();
        expect(a.services.Review.variance).toBeNull();
        expect(a.services.Review.designedHours).toBeCloseTo(10, 12);
        expect(a.roles.CSM.actualHours).toBeNull();
    });

    it('no designed hours: variance null; logged hours on it warn', () => {
        const m = plan([log({ services: { Review: { hours: 3, entries: 1, tiers: {} } } })]);
        m.tiers[0].services = ['Onboard'];
        const r = evaluate(m);
        expect(r.actuals.q1.services.Review.variance).toBeNull();
        expect(r.actuals.q1.services.Review.actualEffort).toBeNull(); // no occurrences
        expect(r.findings.find(f => f.subject.name === 'Review')?.message).toBe(
            'Review: logged 1 h a month on a service no tier receives (q1, in 2027-01..2027-03 from 1 entry)',
        );
    });

    it('a model without actuals reports `actuals: {}`', () => {
        expect(toReport(evaluatePlan(plan([]))).actuals).toEqual({});
    });
});
