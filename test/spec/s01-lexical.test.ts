import { describe, expect, it } from 'vitest';
import { build, errors } from '../helpers.js';

/** Spec section 1: numbers, quantities, rates, frequencies and dates as written in a model. */

const role = (body: string) =>
    `role CSM { ${body} }\nservice S { role CSM effort 1h every month }\ntier T { accounts 1 services S }`;

describe('numbers and quantities', () => {
    it('reads comma groups, decimals and k / M multipliers on money', async () => {
        // cost $1.2M / year = 1,200,000 / 12 = 100,000 a month; hours 1,200h / year = 100 h a month.
        const m = await build(role('hours 1,200h / year cost $1.2M / year'));
        expect(errors(m)).toEqual([]);
        expect(m.evaluation.results.roles.CSM.hoursPerFte).toBe(100);
        expect(m.evaluation.results.roles.CSM.costPerFte).toBe(100_000);
    });

    it('reads $120k as 120,000 and 9500 USD as 9,500', async () => {
        // arr $120k = 120,000 a year = 10,000 a month; mrr 9500 USD = 9,500 a month.
        const m = await build(`tier A { accounts 1 arr $120k }\ntier B { accounts 1 mrr 9500 USD }`);
        expect(m.evaluation.results.tiers.A.revenuePerAccount).toBe(10_000);
        expect(m.evaluation.results.tiers.B.revenuePerAccount).toBe(9_500);
    });

    it('reads minutes as fractions of an hour, with or without a space before the unit', async () => {
        // 30min every month = 0.5 h a month per account; 4 h written "4 h" every month = 4 h.
        const m = await build(`role CSM { hours 160h / month cost $1 / month }
service A { role CSM effort 30min every month }
service B { role CSM effort 4 h every month }
tier T { accounts 2 services A, B }`);
        expect(errors(m)).toEqual([]);
        // 2 accounts × (0.5 + 4) h = 9 h a month
        expect(m.evaluation.results.roles.CSM.demandHours).toBeCloseTo(9, 12);
    });

    it('converts rates per week, month, quarter and year to months (week = 12/52 month)', async () => {
        // 40h / week = 40 / (12/52) = 40 × 52 / 12 = 173.333… h a month
        const m = await build(role('hours 40h / week cost $96k / year'));
        expect(m.evaluation.results.roles.CSM.hoursPerFte).toBeCloseTo(2080 / 12, 10);
        // $96k / year = 96,000 / 12 = 8,000 a month
        expect(m.evaluation.results.roles.CSM.costPerFte).toBe(8000);
    });

    it('reads frequencies: every N units, N times per unit, and once', async () => {
        const m = await build(`role CSM { hours 160h / month cost $0 / month }
service Q { role CSM effort 3h every quarter }
service F { role CSM effort 1h every 2 weeks }
service Y { role CSM effort 2h 4 times per year }
service K { role CSM effort 12h once }
tier T { accounts 1 new 3 / month services Q, F, Y, K }`);
        expect(errors(m)).toEqual([]);
        const s = m.evaluation.results.services;
        expect(s.Q.occurrencesPerMonth).toBeCloseTo(1 / 3, 12); // every quarter: 1 / (1 × 3)
        expect(s.F.occurrencesPerMonth).toBeCloseTo(52 / 24, 12); // every 2 weeks: 1 / (2 × 12/52) = 52/24
        expect(s.Y.occurrencesPerMonth).toBeCloseTo(4 / 12, 12); // 4 times per year: 4 / 12
        expect(s.K.kind).toBe('once');
        // demand: 3×(1/3) + 1×52/24 + 2×(4/12) + once 3 new × 12 h = 1 + 2.1667 + 0.6667 + 36
        expect(m.evaluation.results.roles.CSM.demandHours).toBeCloseTo(1 + 52 / 24 + 8 / 12 + 36, 10);
    });

    it('reads percentages as fractions and dates as calendar months', async () => {
        const m = await build(`model M { start 2027-03 }
role CSM { hours 100h / month overhead 12.5% cost $0 / month ramp 3 months }
agent a { role CSM start 2027-02 }`);
        expect(errors(m)).toEqual([]);
        // 12.5% of 100 h = 12.5 h overhead, 87.5 h effective
        expect(m.evaluation.results.roles.CSM.effectivePerFte).toBe(87.5);
        // started 2027-02, snapshot 2027-03: k = 1, ramp 3 → (1+1)/3
        expect(m.evaluation.results.agents.a.rampFactor).toBeCloseTo(2 / 3, 12);
        expect(m.evaluation.results.model.start).toBe('2027-03');
    });

    it('keeps comments and display titles out of the figures', async () => {
        const m = await build(`// a line comment
/* a block
   comment */ role CSM "Customer Success Manager" { hours 160h / month /* inline */ cost $0 / month }`);
        expect(errors(m)).toEqual([]);
        expect(m.evaluation.model.roles[0].title).toBe('Customer Success Manager');
    });
});

describe('lexical errors', () => {
    it('rejects a comma group that is not three digits', async () => {
        const m = await build('tier T { accounts 1,20 }');
        expect(errors(m).map(e => e.code)).toContain('CAP002');
    });

    it('reports an unexpected character with its position', async () => {
        const m = await build('tier T { accounts 5 }\n#');
        const e = errors(m).find(d => d.code === 'CAP001');
        expect(e).toMatchObject({ line: 2, column: 1, text: '#' });
    });
});

describe('rates without a figure of their own', () => {
    it('reports expansion per period (12% / year is 1.12^(1/12) − 1 a month) and churn 0 as 0 with CLV undefined', async () => {
        const m = await build('tier T { accounts 10 mrr $100 churn 0% / year expansion 12% / year }');
        const t = m.evaluation.results.tiers.T;
        expect(t.expansion).toBeCloseTo(0.009488792934583, 12); // compounded (§16), not 0.12 ÷ 12
        expect(t.churn).toBe(0);
        expect(t.lifetimeMonths).toBeNull();
        expect(t.clv).toBeNull();
        expect(m.diagnostics.map(d => d.diagnostic.code)).toContain('CAP054');
    });
});
