/**
 * Spec section 11: assertions. `[Scenario.]NAME.metric OP quantity` over a figure of the report;
 * the right side in the figure's unit (percent for ratios, the model's currency for money, plain
 * numbers for counts and FTE), compared in report units (money and hours per reporting period).
 * A failed assertion shows both sides as a finance reader writes them; an undefined figure fails.
 * (How the written assertion becomes a spec, and its diagnostics: test/language/assertions.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { AssertionSpec, AssertionValue, CapModel, CompareOp, Period } from '@cap/engine';
import { compare, evaluatePlan } from '@cap/engine';
import { agent, hoursItem, model, monthly, role, service, tier } from './build.js';

/**
 * Monthly figures:
 *   CSM: E = 160 − 40 = 120 h, $9,000; SMB: 120 accounts × 2 h = 240 h → required 2; team 2 → 100%.
 *   team cost $18,000; revenue 120 × $100 = $12,000; CRC $150; cost to revenue 150%.
 *   Onb: nobody staffed, no work → utilization undefined.  SMB CLV $100 × 24 = $2,400.
 *   Growth: SMB 300 accounts → 600 h, required 5, utilization 600 ÷ 240 = 250%; CRC $18,000 ÷ 300 = $60.
 */
const base = (period: Period = 'month'): CapModel =>
    model({
        period,
        roles: [
            role('CSM', { hoursPerMonth: 160, overhead: [hoursItem('meetings', 40)], costPerMonth: 9000 }),
            role('Onb', { hoursPerMonth: 160, costPerMonth: 5000 }),
        ],
        services: [service('Care', 'CSM', { effortHours: 2, frequency: monthly })],
        tiers: [
            tier('SMB', {
                accounts: 120,
                revenuePerMonth: 100,
                retention: { kind: 'lifetime', months: 24 },
                services: ['Care'],
            }),
        ],
        agents: [agent('team', 'CSM', { count: 2 })],
    });

const pct = (p: number): AssertionValue => ({ dimension: 'percent', value: p / 100 });
const usd = (x: number, per?: AssertionValue['per']): AssertionValue => ({
    dimension: 'money',
    value: x,
    currency: 'USD',
    ...(per ? { per } : {}),
});
const num = (x: number): AssertionValue => ({ dimension: 'count', value: x });

/** An assertion spec from its text: `CSM.utilization`, `<=`, a value. */
const a = (path: string, op: CompareOp, value: AssertionValue | null, text = `${path} ${op} …`): AssertionSpec => ({
    text,
    path: path.split('.'),
    op,
    value,
});

function check(specs: AssertionSpec[], period: Period = 'month') {
    const m = base(period);
    const growth: CapModel = { ...m, tiers: [{ ...m.tiers[0], accounts: 300 }] };
    return evaluatePlan(m, [{ name: 'Growth', title: null, model: growth }], specs).assertions;
}

describe('§11 a failed assertion shows both sides as a finance reader writes them', () => {
    it('a ratio: CSM.utilization is 100%, must be <= 85%', () => {
        const [r] = check([a('CSM.utilization', '<=', pct(85))]);
        expect(r).toMatchObject({
            ok: false,
            actual: 1,
            expected: 0.85,
            problem: null,
            message: 'CSM.utilization is 100%, must be <= 85%',
        });
    });

    it('a scenario figure: Growth.CSM.utilization is 250%', () => {
        const [r] = check([a('Growth.CSM.utilization', '<=', pct(85))]);
        expect(r.figure).toMatchObject({ scenario: 'Growth', section: 'roles', name: 'CSM', metric: 'utilization' });
        expect(r.message).toBe('Growth.CSM.utilization is 250%, must be <= 85%');
    });

    it('money per reporting period says so on both sides', () => {
        const [r] = check([a('totals.teamCost', '<', usd(15_000))]);
        expect(r.message).toBe('totals.teamCost is $18,000 a month, must be < $15,000 a month');
    });

    it('rounding never prints a failing comparison as two equal numbers', () => {
        // CRC $150 against >= $150.01: $150 and $150 at whole dollars, so cents are shown.
        const [r] = check([a('totals.crc', '>=', usd(150.01))]);
        expect(r.message).toBe('totals.crc is $150.00 a month, must be >= $150.01 a month');
    });

    it('a passing assertion says so', () => {
        const [r] = check([a('Growth.totals.crc', '<', usd(400))]);
        expect(r).toMatchObject({
            ok: true,
            actual: 60,
            expected: 400,
            message: 'Growth.totals.crc is $60.00 a month, as required (< $400 a month)',
        });
    });
});

describe('§11 each operator (CRC is exactly $150)', () => {
    it.each([
        ['<', 150, false],
        ['<', 150.5, true],
        ['<=', 150, true],
        ['<=', 149.5, false],
        ['>', 150, false],
        ['>', 149.5, true],
        ['>=', 150, true],
        ['>=', 150.5, false],
        ['==', 150, true],
        ['==', 151, false],
    ] as [CompareOp, number, boolean][])('totals.crc %s $%d is %s', (op, value, ok) => {
        const [r] = check([a('totals.crc', op, usd(value))]);
        expect(r.ok).toBe(ok);
        expect(r.actual).toBe(150);
        expect(r.expected).toBe(value);
    });

    it('forgives floating-point noise at the boundary, as the tolerant ceiling does', () => {
        expect(compare(0.8500000000000001, '<=', 0.85)).toBe(true);
        expect(compare(0.8500000000000001, '<', 0.85)).toBe(false);
        expect(compare(0.8500000000000001, '==', 0.85)).toBe(true);
        expect(compare(0.851, '<=', 0.85)).toBe(false);
    });
});

describe('§11 an undefined figure fails', () => {
    it.each(['<', '<=', '>', '>=', '=='] as CompareOp[])('Onb.utilization %s 85%% fails with a clear message', op => {
        const [r] = check([a('Onb.utilization', op, pct(85))]);
        expect(r).toMatchObject({ ok: false, actual: null, expected: 0.85, problem: null });
        expect(r.message).toBe(`Onb.utilization is undefined (nobody of the role is staffed), must be ${op} 85%`);
    });
});

describe("§11 the right side is in the figure's unit, compared in report units", () => {
    it('per quarter, money compares per quarter: team cost $54,000 a quarter', () => {
        const [perPeriod, perMonth, perYear] = check(
            [
                a('totals.teamCost', '<=', usd(54_000)), // 18,000 × 3
                a('totals.teamCost', '<=', usd(18_000, 'month')), // $18,000 / month → $54,000 a quarter
                a('totals.teamCost', '<=', usd(200_000, 'year')), // $200k / year → $50,000 a quarter
            ],
            'quarter',
        );
        expect(perPeriod).toMatchObject({ ok: true, actual: 54_000, expected: 54_000 });
        expect(perMonth).toMatchObject({ ok: true, expected: 54_000 });
        expect(perYear).toMatchObject({
            ok: false,
            expected: 50_000,
            message: 'totals.teamCost is $54,000 a quarter, must be <= $50,000 a quarter',
        });
    });

    it('counts and FTE are plain numbers; hours take h; months take a duration or a number', () => {
        const results = check([
            a('totals.accounts', '==', num(120)),
            a('CSM.requiredFte', '<=', num(2)),
            a('CSM.demandHours', '==', { dimension: 'hours', value: 240 }),
            a('SMB.lifetimeMonths', '>=', { dimension: 'duration', value: 24 }),
            a('SMB.lifetimeMonths', '>=', num(24)),
            a('SMB.requiredFte.CSM', '==', num(2)),
        ]);
        expect(results.map(r => r.ok)).toEqual([true, true, true, true, true, true]);
    });

    it.each([
        ['CSM.utilization', num(0.85), '`utilization` is a percentage: write e.g. `85%` (85% is 0.85)'],
        ['totals.crc', num(400), '`crc` is money: write e.g. `$400`'],
        ['CSM.hires', { dimension: 'hours', value: 2 } as AssertionValue, '`hires` is a plain number: write e.g. `3`'],
        ['CSM.requiredFte', pct(50), '`requiredFte` is a number of FTE: write e.g. `12`'],
        ['CSM.demandHours', num(240), '`demandHours` is in hours: write e.g. `800h`'],
        ['SMB.clv', usd(1, 'month'), '`clv` is not per unit of time: remove `/ month`'],
    ])('%s with the wrong unit', (path, value, message) => {
        const [r] = check([a(path, '<=', value)]);
        expect(r).toMatchObject({
            ok: false,
            actual: null,
            expected: null,
            problem: { on: 'value', kind: 'unit', message },
        });
    });

    it('money in another currency', () => {
        const [r] = check([a('totals.crc', '<=', { dimension: 'money', value: 400, currency: 'EUR' })]);
        expect(r.problem).toEqual({
            on: 'value',
            kind: 'currency',
            message: "Amount in EUR, but the model's currency is USD: every amount must be in USD",
        });
    });
});

describe('§11 paths name a figure of the report', () => {
    const problem = (path: string) => check([a(path, '<=', num(1))])[0].problem;

    it.each([
        [
            'CMS.utilization',
            0,
            'Unknown name `CMS`: no scenario, role, tier or agent has that name, and it is not `totals`; did you mean `CSM`?',
        ],
        ['Care.uptake', 0, '`Care` is a service: assertions check the figures of roles, tiers, agents and `totals`'],
        ['CSM.utilisation', 1, '`utilisation` is not a figure of role `CSM`; did you mean `utilization`?'],
        ['SMB.requiredFte', 1, '`SMB.requiredFte` is a figure per role: name the role, e.g. `SMB.requiredFte.CSM`'],
        ['SMB.requiredFte.Onb', 2, 'Tier `SMB` has no `Onb` work: its roles are CSM'],
        ['CSM.utilization.CSM', 2, '`CSM.utilization` is a single figure: nothing follows it'],
        ['CSM', 0, '`CSM` is not a figure: add one of its figures, e.g. `CSM.utilization`'],
        ['Growth.totals', 1, '`Growth.totals` is not a figure: add one of its figures, e.g. `Growth.totals.crc`'],
        [
            'Growht.totals.crc',
            0,
            'Unknown name `Growht`: no scenario, role, tier or agent has that name, and it is not `totals`; did you mean `Growth`?',
        ],
    ])('%s: segment %d', (path, segment, message) => {
        expect(problem(path)).toEqual({ on: 'path', segment, message });
    });

    it('a metric named like a member of every object is no figure', () => {
        expect(problem('CSM.constructor')!.message).toMatch(/^`constructor` is not a figure of role `CSM`/);
        expect(problem('SMB.toString')!.message).toMatch(/^`toString` is not a figure of tier `SMB`/);
        expect(problem('totals.hasOwnProperty')!.message).toMatch(/^`hasOwnProperty` is not a figure of `totals`/);
    });

    it('a metric unknown to every kind lists what the kind has', () => {
        expect(problem('totals.zzz')!.message).toBe(
            '`zzz` is not a figure of `totals`; totals have accounts, revenue, teamCost, crc, costToRevenue, requiredFte, staffedFte',
        );
    });

    it('a name shared by a scenario and a declaration: the one reading that names a figure counts', () => {
        const m = base();
        const shared = (path: string, value: AssertionValue) =>
            evaluatePlan(m, [{ name: 'SMB', title: null, model: m }], [a(path, '<=', value)]).assertions[0];
        expect(shared('SMB.requiredFte.CSM', num(3)).figure).toMatchObject({ scenario: null, section: 'tiers' }); // tier SMB's map
        expect(shared('SMB.CSM.utilization', pct(100)).figure).toMatchObject({ scenario: 'SMB', section: 'roles' }); // scenario SMB's role
    });

    it('a path that reads two ways is an error', () => {
        const m = base();
        const [r] = evaluatePlan(
            { ...m, tiers: [...m.tiers, tier('totals', { accounts: 1 })] },
            [],
            [a('totals.accounts', '>=', num(0))],
        ).assertions;
        expect(r.problem).toEqual({
            on: 'path',
            segment: 0,
            message:
                '`totals` names both the totals and a tier, so `totals.accounts` could mean either: rename the tier',
        });
    });
});
