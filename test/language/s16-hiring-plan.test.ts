import { describe, expect, it } from 'vitest';
import { build, diagnostics, errors, withCode } from '../helpers.js';

/**
 * Spec section 16 through real `.cap` text: `attrition` and `hiring` on roles, `expansion` and the
 * dated intake `new { MONTH COUNT … }` on tiers, read into the engine's model, checked where they
 * are written, and overridden by scenarios. The figures themselves are worked in test/engine/s16-*.
 */

const ERROR = 1;
const WARNING = 2;

/**
 * CSM: E = 160 − 40 = 120 h, $9,000 a month, ramp 1 month, 10% a month attrition, 2 months to fill.
 * SMB: 1,200 accounts, Care 1 h a month → required 10 FTE; team of 10 → staffed 10 · 0.9^m:
 * 10, 9, 8.1 → gap 0, 1, 1.9 → whole hires 0, 1, 2.
 * hire 1 needed from 2027-02, starts by 2027-01, opens by 2026-11 (late);
 * hire 2 needed from 2027-03, starts by 2027-02, opens by 2026-12 (late).
 */
const plan = `model Plan { start 2027-01 horizon 3 months }
role CSM { hours 160h / month overhead 40h / month cost $9,000 / month ramp 1 month
  attrition 10% / month hiring 2 months }
service Care { role CSM effort 1h every month }
tier SMB { accounts 1,200 mrr $400 churn 0% / month services Care }
agent team { role CSM count 10 }
`;

describe('§16 properties read from the text', () => {
    it('attrition and hiring on a role, expansion and a dated intake on a tier', async () => {
        const m = await build(`model P { start 2027-01 horizon 6 months }
role CSM { hours 160h / month cost $1 / month attrition 15% / year hiring 6 weeks }
service Care { role CSM effort 1h every month }
tier SMB { accounts 10 mrr $400 expansion 12% / year new { 2027-02 120  2027-05 500 } services Care }
agent a { role CSM }
`);
        expect(errors(m)).toEqual([]);
        const [csm] = m.evaluation.model.roles;
        expect(csm.attrition).toEqual({ rate: 0.15, months: 12 });
        expect(csm.hiringMonths).toBeCloseTo((6 * 12) / 52, 12); // 6 weeks = 1.3846 months
        const [smb] = m.evaluation.model.tiers;
        expect(smb.expansion).toEqual({ rate: 0.12, months: 12 });
        expect(smb.newPerMonth).toBe(0);
        expect(smb.intake).toEqual([
            { month: 2027 * 12 + 1, count: 120 },
            { month: 2027 * 12 + 4, count: 500 },
        ]);
        // N: 10, 10, 130, 130, 130, 630 (2027-02's 120 from 2027-03, 2027-05's 500 from 2027-06)
        expect(m.evaluation.forecast!.accounts).toEqual([10, 10, 130, 130, 130, 630]);
    });

    it('a model without them reads no attrition, no time to fill, no expansion, no intake', async () => {
        const m = await build(plan.replace(' attrition 10% / month hiring 2 months', ''));
        const [csm] = m.evaluation.model.roles;
        expect([csm.attrition, csm.hiringMonths]).toEqual([null, 0]);
        expect([m.evaluation.model.tiers[0].expansion, m.evaluation.model.tiers[0].intake]).toEqual([null, null]);
    });

    it('the forecast shows the leavers, the backfills and their requisition months', async () => {
        const m = await build(plan);
        const r = m.evaluation.forecast!.roles.CSM;
        expect(r.leaversFte.map(x => +x.toFixed(9))).toEqual([0, 1, 1.9]); // 10 × (1 − 0.9^m)
        expect(r.hiringPlan).toEqual([
            { neededFrom: '2027-02', startBy: '2027-01', openBy: '2026-11' },
            { neededFrom: '2027-03', startBy: '2027-02', openBy: '2026-12' },
        ]);
        expect(r.openBy).toBe('2026-11');
    });
});

describe('§16 checks', () => {
    const found = async (text: string, code: string) =>
        withCode(await build(text), code).map(d => ({
            severity: d.severity,
            text: d.text,
            line: d.line,
            message: d.message,
        }));

    it('attrition is a percentage per time unit from 0% to 100%; hiring a duration', async () => {
        const m = await build(`role CSM { hours 160h / month cost $1 / month attrition 120% / year hiring 2 }
role Ops { hours 160h / month cost $1 / month attrition 15% hiring 2h }
tier T { accounts 1 attrition 5% / year }`);
        expect(
            diagnostics(m)
                .filter(d => d.severity === ERROR)
                .map(d => [d.code, d.text, d.message]),
        ).toEqual([
            ['CAP023', '120', '`attrition` must be between 0% and 100%, not 120%'],
            ['CAP020', '2', '`hiring` needs a unit: write `hiring 2 months`'],
            ['CAP021', '15%', '`attrition` is a rate: add its time unit, e.g. `attrition 15% / year`'],
            ['CAP020', '2h', '`hiring` takes a duration such as `2 months`, not hours'],
            [
                'CAP013',
                'attrition',
                '`attrition` is not a property of a tier; a tier takes touch, accounts, arr, mrr, ' +
                    'revenue, churn, lifetime, margin, expansion, new, services',
            ],
        ]);
    });

    it('CAP120: a dated intake needs a model start', async () => {
        expect(await found('tier T { accounts 1 new { 2027-02 120 } }', 'CAP120')).toEqual([
            {
                severity: ERROR,
                text: 'new',
                line: 1,
                message:
                    'A dated intake needs a model `start` to read its months from, ' +
                    'e.g. `model Plan { start 2027-02 }`; or give a rate, `new 40 / quarter`',
            },
        ]);
    });

    it('CAP121: a month given twice, at its second mention', async () => {
        const text = 'model P { start 2027-01 }\ntier T { accounts 1 new { 2027-01 120  2027-01 30 } }';
        expect(await found(text, 'CAP121')).toEqual([
            {
                severity: ERROR,
                text: '2027-01',
                line: 2,
                message: '2027-01 is given twice in this intake: give each month once, with its total',
            },
        ]);
        const m = await build(text);
        expect(m.evaluation.model.tiers[0].intake).toEqual([{ month: 2027 * 12, count: 120 }]); // the first counts
    });

    it('CAP122: a negative or fractional count', async () => {
        const wonIn = (month: string) => `The accounts won in ${month} must be a whole number of at least 0,`;
        const text =
            'model P { start 2027-01 horizon 3 months }\n' +
            'tier T { accounts 1 new { 2027-01 -5  2027-02 12.5  2027-03 1,200 } }';
        expect(await found(text, 'CAP122')).toEqual([
            { severity: ERROR, text: '-5', line: 2, message: `${wonIn('2027-01')} not -5` },
            { severity: ERROR, text: '12.5', line: 2, message: `${wonIn('2027-02')} not 12.5` },
        ]);
    });

    it('CAP123: a month outside the forecast, a warning on the month', async () => {
        const outside = 'is outside the forecast (2027-01 to 2027-03):';
        const text =
            'model P { start 2027-01 horizon 3 months }\n' +
            'tier T { accounts 1 new { 2026-12 7  2027-03 5  2027-04 9 } }';
        expect(await found(text, 'CAP123')).toEqual([
            { severity: WARNING, text: '2026-12', line: 2, message: `2026-12 ${outside} its 7 accounts count nowhere` },
            { severity: WARNING, text: '2027-04', line: 2, message: `2027-04 ${outside} its 9 accounts count nowhere` },
        ]);
    });

    it('CAP123 without a horizon: only the snapshot month counts', async () => {
        const text = 'model P { start 2027-01 }\ntier T { accounts 1 new { 2027-01 4  2027-02 5 } }';
        expect(await found(text, 'CAP123')).toEqual([
            {
                severity: WARNING,
                text: '2027-02',
                line: 2,
                message:
                    '2027-02 is not the snapshot month 2027-01, and the model has no `horizon`: ' +
                    'its 5 accounts count nowhere',
            },
        ]);
        expect((await build(text)).evaluation.results.tiers.T.newAccounts).toBe(4);
    });

    it('CAP027 for a month that does not exist; CAP012 for a rate and an intake together', async () => {
        const month = await build('model P { start 2027-01 }\ntier T { accounts 1 new { 2027-13 4 } }');
        expect(errors(month).map(d => [d.code, d.text])).toEqual([['CAP027', '2027-13']]);
        const both = await build('model P { start 2027-01 }\ntier T { accounts 1 new 3 / month new { 2027-01 4 } }');
        expect(errors(both).map(d => [d.code, d.text, d.column])).toEqual([['CAP012', 'new', 35]]);
    });

    it('an intake entry that is not a month and a number is a syntax error', async () => {
        const m = await build('model P { start 2027-01 }\ntier T { accounts 1 new { 2027-01 } }');
        expect(errors(m).map(d => d.code)).toContain('CAP002');
    });
});

describe('§16 in scenarios', () => {
    it("a what-if on attrition overrides the role's rate and keeps the rest", async () => {
        const m = await build(`${plan}scenario Churny { role CSM { attrition 25% / month } }`);
        expect(errors(m)).toEqual([]);
        const s = m.evaluation.scenarios.get('Churny')!;
        expect(s.model.roles[0]).toMatchObject({
            attrition: { rate: 0.25, months: 1 },
            hiringMonths: 2,
            costPerMonth: 9000,
        });
        // staffed 10 · 0.75^m: 10, 7.5, 5.625 → gap 0, 2.5, 4.375 → hires 0, 3, 5
        expect(s.forecast!.roles.CSM.hiresNeeded).toEqual([0, 3, 5]);
        expect(m.evaluation.forecast!.roles.CSM.hiresNeeded).toEqual([0, 1, 2]); // the base is as it was
    });

    it('a dated intake replaces a rate, and a rate replaces a dated intake', async () => {
        const m = await build(`${plan.replace('churn 0% / month', 'churn 0% / month new 30 / month')}
scenario Deal { tier SMB { new { 2027-02 240 } } }
`);
        expect(errors(m)).toEqual([]);
        expect(m.evaluation.forecast!.accounts).toEqual([1200, 1230, 1260]);
        expect(m.evaluation.scenarios.get('Deal')!.forecast!.accounts).toEqual([1200, 1200, 1440]);
        const back = await build(`${plan.replace('churn 0% / month', 'churn 0% / month new { 2027-02 240 }')}
scenario Steady { tier SMB { new 80 / month } }
`);
        expect(errors(back)).toEqual([]);
        expect(back.evaluation.scenarios.get('Steady')!.forecast!.accounts).toEqual([1200, 1280, 1360]);
    });
});

describe('§16 words are keywords only where the grammar expects them', () => {
    it('a v1 model naming an overhead item `hiring` and an agent `attrition` stays valid', async () => {
        const m =
            await build(`role CSM { hours 160h / month overhead { hiring 10h / month attrition 6h / month } cost $1 / month }
service Care { role CSM effort 1h every month }
tier SMB { accounts 100 lifetime 24 months services Care }
agent attrition { role CSM }
`);
        expect(diagnostics(m)).toEqual([]);
        expect(m.evaluation.model.roles[0].overhead.map(o => o.name)).toEqual(['hiring', 'attrition']);
        expect(m.evaluation.results.roles.CSM.effectivePerFte).toBe(144); // 160 − 10 − 6
        expect(m.evaluation.results.agents.attrition.assignedHours).toBe(100); // 100 accounts × 1 h
    });

    it('every kind of declaration may be called so, and be named where a name is expected', async () => {
        const m = await build(`model hiring { start 2027-01 horizon 2 months }
role hiring { hours 160h / month cost $1 / month attrition 10% / month hiring 1 month }
service attrition { role hiring effort 1h every month }
tier hiring { accounts 160 lifetime 24 months services attrition }
agent attrition { role hiring tiers hiring }
scenario Double { agent attrition { count 2 } }
assert attrition.load <= 100%
assert Double.attrition.load <= 50%
`);
        expect(diagnostics(m)).toEqual([]);
        expect(m.evaluation.results.model.name).toBe('hiring');
        expect(m.evaluation.results.roles.hiring.demandHours).toBe(160); // 160 accounts × 1 h of `attrition`
        expect(m.evaluation.model.roles[0]).toMatchObject({ attrition: { rate: 0.1, months: 1 }, hiringMonths: 1 });
        expect(m.evaluation.scenarios.get('Double')!.results.agents.attrition.load).toBe(0.5); // 160 h of 2 × 160 h
        expect(m.evaluation.assertions.map(a => a.ok)).toEqual([true, true]);
    });
});
