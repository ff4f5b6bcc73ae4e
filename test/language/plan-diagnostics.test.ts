import { describe, expect, it } from 'vitest';
import { toReport } from '@cap/engine';
import { build, diagnostics, errors, withCode } from '../helpers.js';

/**
 * The diagnostics of forecasts (spec section 9) and assertions (section 11): stable code,
 * severity, exact message and the source text the range covers.
 */

const ERROR = 1,
    WARNING = 2;

/**
 * Per month: CSM E = 160 − 40 = 120 h, $9,000. SMB: 120 accounts × 2 h = 240 h → required 2;
 * team 2 → utilization 100%; team cost $18,000; CRC $150. Growth: 300 accounts → 250%.
 */
const base = `model Plan { start 2027-01 horizon 12 months }
role CSM { hours 160h / month overhead 40h / month cost $9,000 / month ramp 3 months }
role Idle { hours 160h / month cost $5,000 / month }
service Care { role CSM effort 2h every month }
tier SMB { accounts 120 arr $12k lifetime 24 months services Care }
agent team { role CSM count 2 }
agent spare { role Idle start 2027-06 }
scenario Growth { tier SMB { accounts 300 } }
`;
const line = base.split('\n').length; // the first line after the base

describe('forecast: start dates and ramps (CAP036, CAP037, CAP026)', () => {
    it('an agent start before 2000 is a warning on the date', async () => {
        expect(withCode(await build(`${base}agent old { role CSM start 1999-12 }`), 'CAP036')).toMatchObject([
            {
                severity: WARNING,
                line,
                text: '1999-12',
                message: 'Start month `1999-12` is before 2000: check the year',
            },
        ]);
    });

    it('the model start before 2000 too', async () => {
        expect(withCode(await build('model M { start 0207-01 }'), 'CAP036')).toMatchObject([
            { severity: WARNING, text: '0207-01' },
        ]);
    });

    it("an agent start more than a year after the forecast's last month (2027-12) is a warning", async () => {
        const m = await build(`${base}agent ok { role CSM start 2028-12 }\nagent late { role CSM start 2029-01 }`);
        // 2028-12 is 12 months after 2027-12: a plausible early hire for next year's plan.
        expect(withCode(m, 'CAP036')).toMatchObject([
            {
                severity: WARNING,
                line: line + 1,
                text: '2029-01',
                message:
                    "Start month `2029-01` is more than a year after the forecast's last month (2027-12): late never works in this plan; check the year",
            },
        ]);
    });

    it('without a horizon, a late start is not flagged (no forecast to fall outside of)', async () => {
        expect(
            withCode(
                await build(
                    'model M { start 2027-01 }\nrole CSM { hours 160h / month cost $1 / month }\nagent a { role CSM start 2040-01 }',
                ),
                'CAP036',
            ),
        ).toEqual([]);
    });

    it('a ramp longer than the horizon is a warning on the ramp', async () => {
        const m = await build(
            'model M { start 2027-01 horizon 6 months }\nrole CSM { hours 160h / month cost $1 / month ramp 9 months }\nrole Ok { hours 160h / month cost $1 / month ramp 6 months }',
        );
        expect(withCode(m, 'CAP037')).toMatchObject([
            {
                severity: WARNING,
                line: 2,
                text: '9 months',
                message:
                    '`ramp` of 9 months is longer than the 6-month forecast: a CSM hire never reaches full productivity inside it',
            },
        ]);
    });

    it("also for a scenario's role override; never without a horizon", async () => {
        expect(withCode(await build(`${base}scenario Slow { role CSM { ramp 2 years } }`), 'CAP037')).toMatchObject([
            {
                text: '2 years',
                message: expect.stringContaining('`ramp` of 24 months is longer than the 12-month forecast'),
            },
        ]);
        expect(withCode(await build('role CSM { hours 160h / month cost $1 / month ramp 2 years }'), 'CAP037')).toEqual(
            [],
        );
    });

    it('a horizon over 600 months (50 years) is out of range', async () => {
        expect(withCode(await build('model M { start 2027-01 horizon 60 years }'), 'CAP026')).toMatchObject([
            { severity: ERROR, text: '60', message: '`horizon` must be at most 600 months (50 years), not 720 months' },
        ]);
        expect(withCode(await build('model M { start 2027-01 horizon 50 years }'), 'CAP026')).toEqual([]);
    });
});

describe('assertions that hold, and that fail (CAP072)', () => {
    it('a passing assertion has no diagnostic', async () => {
        const m = await build(
            `${base}assert CSM.utilization <= 100%\nassert totals.revenue >= $120k\nassert SMB.accounts == 120`,
        );
        expect(diagnostics(m).filter(d => (d.severity ?? 1) <= WARNING)).toEqual([]);
        expect(m.evaluation.assertions.map(a => a.ok)).toEqual([true, true, true]); // keywords work as path segments
    });

    it('a failed assertion is an error on the whole assertion, with both sides', async () => {
        const m = await build(`${base}assert CSM.utilization <= 85%\nassert Growth.totals.crc < $50`);
        expect(withCode(m, 'CAP072')).toEqual([
            expect.objectContaining({
                severity: ERROR,
                line,
                column: 1,
                text: 'assert CSM.utilization <= 85%',
                message: 'CSM.utilization is 100%, must be <= 85%',
            }),
            // Growth: 2 × $9,000 ÷ 300 accounts = $60
            expect.objectContaining({
                severity: ERROR,
                line: line + 1,
                text: 'assert Growth.totals.crc < $50',
                message: 'Growth.totals.crc is $60.00 a month, must be < $50.00 a month',
            }),
        ]);
    });

    it('an assertion on an undefined figure fails', async () => {
        const m = await build(`${base}assert Idle.utilization < 90%`);
        expect(withCode(m, 'CAP072')).toMatchObject([
            { message: 'Idle.utilization is undefined (nobody of the role is staffed), must be < 90%' },
        ]);
    });

    it('per quarter, money compares per quarter', async () => {
        const m = await build(
            `${base.replace('start 2027-01', 'period quarter start 2027-01')}assert totals.teamCost <= $50k\nassert totals.teamCost <= $18k / month`,
        );
        expect(withCode(m, 'CAP072')).toMatchObject([
            { line, message: 'totals.teamCost is $54,000 a quarter, must be <= $50,000 a quarter' },
        ]);
    });

    it('is reported in the file that writes it', async () => {
        const m = await build({
            '/m/guards.cap': 'assert CSM.utilization <= 85%',
            '/m/main.cap': `import "./guards.cap"\n${base}`,
        });
        expect(withCode(m, 'CAP072')).toMatchObject([
            { file: '/m/guards.cap', line: 1, text: 'assert CSM.utilization <= 85%' },
        ]);
    });

    it('the report lists every assertion in the order written, in report units', async () => {
        const m = await build(
            `${base}assert CSM.utilization <= 85%\nassert   totals.crc<$200\nassert Idle.utilization < 90%`,
        );
        const rep = toReport(m.evaluation) as { assertions: unknown[] };
        expect(rep.assertions).toEqual([
            {
                text: 'CSM.utilization <= 85%',
                ok: false,
                actual: 1,
                expected: 0.85,
                message: 'CSM.utilization is 100%, must be <= 85%',
            },
            {
                text: 'totals.crc < $200',
                ok: true,
                actual: 150,
                expected: 200,
                message: 'totals.crc is $150 a month, as required (< $200 a month)',
            },
            {
                text: 'Idle.utilization < 90%',
                ok: false,
                actual: null,
                expected: 0.9,
                message: expect.stringContaining('is undefined'),
            },
        ]);
    });
});

describe('assertions that name no figure (CAP070)', () => {
    it.each([
        [
            'CMS.utilization <= 85%',
            'CMS',
            'Unknown name `CMS`: no scenario, role, tier or agent has that name, and it is not `totals`; did you mean `CSM`?',
        ],
        [
            'CSM.utilisation <= 85%',
            'utilisation',
            '`utilisation` is not a figure of role `CSM`; did you mean `utilization`?',
        ],
        [
            'Growht.totals.crc < $400',
            'Growht',
            'Unknown name `Growht`: no scenario, role, tier or agent has that name, and it is not `totals`; did you mean `Growth`?',
        ],
        [
            'Growth.SMB.requiredFte <= 3',
            'requiredFte',
            '`Growth.SMB.requiredFte` is a figure per role: name the role, e.g. `Growth.SMB.requiredFte.CSM`',
        ],
        [
            'Care.uptake <= 50%',
            'Care',
            '`Care` is a service: assertions check the figures of roles, tiers, agents and `totals`',
        ],
    ])('assert %s', async (assertion, text, message) => {
        expect(withCode(await build(`${base}assert ${assertion}`), 'CAP070')).toMatchObject([
            { severity: ERROR, line, text, message },
        ]);
    });

    it("a tier's role-keyed maps are figures: SMB.requiredFte.CSM", async () => {
        const m = await build(`${base}assert SMB.requiredFte.CSM <= 2\nassert Growth.SMB.requiredFte.CSM <= 5`);
        expect(errors(m)).toEqual([]);
    });
});

describe('assertion values in the wrong unit (CAP071, CAP032, CAP022, CAP026)', () => {
    it.each([
        ['CSM.utilization <= 0.85', '0.85', '`utilization` is a percentage: write e.g. `85%` (85% is 0.85)'],
        ['totals.crc < 400', '400', '`crc` is money: write e.g. `$400`'],
        ['CSM.hires <= 2h', '2h', '`hires` is a plain number: write e.g. `3`'],
        ['SMB.clv >= $1k / year', '$1k / year', '`clv` is not per unit of time: remove `/ year`'],
    ])('assert %s', async (assertion, text, message) => {
        expect(withCode(await build(`${base}assert ${assertion}`), 'CAP071')).toMatchObject([
            { severity: ERROR, line, text, message },
        ]);
    });

    it('money in another currency is CAP032, as anywhere in a model', async () => {
        expect(withCode(await build(`${base}assert totals.crc < €400`), 'CAP032')).toMatchObject([
            { text: '€400', message: "Amount in EUR, but the model's currency is USD: every amount must be in USD" },
        ]);
    });

    it('an unknown unit word is CAP022, and only that', async () => {
        const m = await build(`${base}assert totals.crc < 400 dollars`);
        expect(withCode(m, 'CAP022')).toMatchObject([{ text: 'dollars' }]);
        expect(errors(m).map(d => d.code)).toEqual(['CAP022']);
    });

    it('a value too large for a plan is CAP026', async () => {
        expect(withCode(await build(`${base}assert totals.accounts < 2000000000000000`), 'CAP026')).toMatchObject([
            { text: '2000000000000000' },
        ]);
    });
});
