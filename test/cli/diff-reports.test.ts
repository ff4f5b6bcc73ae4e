import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratch } from './diff-helpers.js';
import { capInProcess } from './cli-helpers.js';

/**
 * `cap diff OLD.json NEW.json`: the figures half of the diff, over two `cap-report/1` documents.
 * The reports are made by hand, with the forecast, scenarios and assertions sections of the
 * specification (section 13) filled in, so that the diff is pinned before the engine computes them.
 */

type Json = Record<string, unknown>;

function report(parts: {
    totals: Json;
    roles: Json;
    tiers: Json;
    forecast: Json | null;
    scenarios: Json;
    assertions: Json[];
    period?: string;
}): Json {
    return {
        schema: 'cap-report/1',
        model: {
            name: 'Nordlys',
            title: null,
            currency: 'EUR',
            period: parts.period ?? 'month',
            start: '2027-01',
            horizonMonths: 3,
        },
        roles: parts.roles,
        services: {},
        tiers: parts.tiers,
        agents: {},
        totals: parts.totals,
        forecast: parts.forecast,
        scenarios: parts.scenarios,
        assertions: parts.assertions,
        diagnostics: [],
    };
}

const role = (requiredFte: number, staffedFte: number, utilization: number | null, gapFte: number, hires: number) => ({
    hoursPerFte: 160,
    overheadPerFte: 40,
    effectivePerFte: 120,
    costPerFte: 7500,
    hourlyCost: 62.5,
    rampMonths: 1,
    demandHours: requiredFte * 120,
    requiredFte,
    staffedFte,
    utilization,
    gapFte,
    hires,
});
const tier = (clv: number) => ({
    touch: 'low',
    accounts: 200,
    newAccounts: 10,
    revenuePerAccount: 1500,
    revenue: 300000,
    churn: 0.02,
    lifetimeMonths: 50,
    margin: 1,
    expansion: null,
    clv,
    clvNet: clv - 7500,
    costToServe: 150,
    addonRevenue: 0,
    designedEffort: { CSM: 1.2 },
    accountsPerFte: { CSM: 100 },
    demandHours: { CSM: 240 },
    requiredFte: { CSM: 2 },
});
const totals = (accounts: number, revenue: number, teamCost: number, requiredFte: number, staffedFte: number) => ({
    accounts,
    revenue,
    teamCost,
    crc: teamCost / accounts,
    costToRevenue: teamCost / revenue,
    requiredFte,
    staffedFte,
});

// Before: 200 accounts, €300,000 revenue, €45,000 team cost (CRC €225, cost to revenue 15%).
const OLD = report({
    totals: totals(200, 300000, 45000, 2, 2),
    roles: { CSM: role(2, 2, 0.8, 0, 0) },
    tiers: { SMB: tier(5000) },
    forecast: {
        months: ['2027-01', '2027-02', '2027-03'],
        accounts: [200, 210, 220],
        teamCost: [45000, 45000, 45000],
        revenue: [300000, 315000, 330000],
        roles: {
            CSM: {
                requiredFte: [2, 2.1, 2.2],
                staffedFte: [2, 2, 2],
                gapFte: [0, 0.1, 0.2],
                firstGapMonth: '2027-02',
                hireBy: '2027-01',
            },
        },
    },
    scenarios: { Growth: { totals: totals(300, 450000, 60000, 3, 3), delta: {} } },
    assertions: [
        { text: 'CSM.utilization <= 85%', ok: true, actual: 0.8, expected: 0.85 },
        { text: 'totals.crc < €200', ok: false, actual: 225, expected: 200 },
        { text: 'SMB.clv >= €4,000', ok: true, actual: 5000, expected: 4000 },
    ],
});

// After: 240 accounts (+20%), revenue +20%, the same team: CRC 45,000 ÷ 240 = €187.50, cost to
// revenue 45,000 ÷ 360,000 = 12.5%; CSM needs 2.4 FTE, 0.96 utilization, 1 hire; SMB CLV +10%.
const NEW = report({
    totals: totals(240, 360000, 45000, 2.4, 2),
    roles: { CSM: role(2.4, 2, 0.96, 0.4, 1) },
    tiers: { SMB: tier(5500) },
    forecast: {
        months: ['2027-01', '2027-02', '2027-03'],
        accounts: [240, 252, 264],
        teamCost: [45000, 45000, 54000],
        revenue: [360000, 378000, 396000],
        roles: {
            CSM: {
                requiredFte: [2.4, 2.52, 2.64],
                staffedFte: [2, 2, 2.5],
                gapFte: [0.4, 0.52, 0.64],
                firstGapMonth: '2027-01',
                hireBy: '2026-12',
            },
        },
    },
    scenarios: {
        Growth: { totals: totals(360, 540000, 66000, 3.6, 3), delta: {} },
        Hiring: { totals: totals(240, 360000, 52500, 2.4, 3), delta: {} },
    },
    assertions: [
        { text: 'CSM.utilization <= 85%', ok: false, actual: 0.96, expected: 0.85 },
        { text: 'totals.crc < €200', ok: true, actual: 187.5, expected: 200 },
        { text: 'SMB.clv >= €4,000', ok: true, actual: 5500, expected: 4000 },
        { text: 'Growth.totals.crc < €190', ok: true, actual: 183.33, expected: 190 },
    ],
});

let dir: string;
let oldPath: string;
let newPath: string;
beforeAll(() => {
    dir = scratch();
    oldPath = join(dir, 'old.json');
    newPath = join(dir, 'new.json');
    writeFileSync(oldPath, JSON.stringify(OLD, null, 2));
    writeFileSync(newPath, JSON.stringify(NEW, null, 2));
});

describe('cap diff OLD.json NEW.json', () => {
    it('text: headline with assertions, no plan section, every section of figures', async () => {
        const r = await capInProcess(['diff', 'old.json', 'new.json'], dir);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const lines = r.stdout.split('\n');
        expect(lines[0]).toBe('Cap diff: old.json → new.json');
        // Team cost did not change, so the headline does not mention it.
        expect(lines[2]).toBe('+0.4 CSM FTE, CRC €225 → €188, 1 assertion now failing, 1 assertion now passing');
        expect(r.stdout).not.toContain('Plan changes'); // reports carry no plan text
        expect(r.stdout).toContain('Figures (EUR, per month)');
        expect(r.stdout).toContain(
            'Assertions\n  now failing: CSM.utilization <= 85%\n  now passing: totals.crc < €200\n  new, passing: Growth.totals.crc < €190\n',
        );
        expect(r.stdout).not.toContain('SMB.clv >= €4,000'); // still passing: not a change
    });

    it('markdown: the scenarios and forecast tables, and the assertions', async () => {
        const r = await capInProcess(['diff', 'old.json', 'new.json', '--format', 'markdown'], dir);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain(
            [
                '| Totals | Before | After | Change | % |',
                '| :--- | ---: | ---: | ---: | ---: |',
                '| Accounts | 200 | 240 | ▲ +40 | +20% |',
                '| Revenue /mo | €300,000 | €360,000 | ▲ +€60,000 | +20% |',
                '| CRC /mo | €225 | €188 | ▼ -€37.50 | -16.7% |', // 225 → 187.5: −37.5, −16.7%
                '| Cost to revenue | 15% | 12.5% | ▼ -2.5 pp | -16.7% |',
                '| Required FTE | 2 | 2.4 | ▲ +0.4 | +20% |',
                '',
                '| Roles | Before | After | Change | % |',
                '| :--- | ---: | ---: | ---: | ---: |',
                '| CSM required FTE | 2 | 2.4 | ▲ +0.4 | +20% |',
                '| CSM utilization | 80% | 96% | ▲ +16 pp | +20% |',
                '| CSM gap FTE | 0 | 0.4 | ▲ +0.4 | — |', // from 0: no percentage
                '| CSM hires | 0 | 1 | ▲ +1 | — |',
                '',
                '| Tiers | Before | After | Change | % |',
                '| :--- | ---: | ---: | ---: | ---: |',
                '| SMB CLV | €5,000 | €5,500 | ▲ +€500 | +10% |',
                '',
            ].join('\n'),
        );
        // Growth: 300 → 360 accounts, team cost 60,000 → 66,000 (+10%), CRC 200 → 183.33 (−8.3%),
        // revenue 450,000 → 540,000, cost to revenue 13.33% → 12.22% (−1.1 pp, −8.3%), FTE 3 → 3.6.
        // Hiring exists only in the new report.
        expect(r.stdout).toContain(
            [
                '| Scenarios | Before | After | Change | % |',
                '| :--- | ---: | ---: | ---: | ---: |',
                '| Growth: accounts | 300 | 360 | ▲ +60 | +20% |',
                '| Growth: revenue /mo | €450,000 | €540,000 | ▲ +€90,000 | +20% |',
                '| Growth: team cost /mo | €60,000 | €66,000 | ▲ +€6,000 | +10% |',
                '| Growth: CRC /mo | €200 | €183 | ▼ -€16.67 | -8.3% |',
                '| Growth: cost to revenue | 13.3% | 12.2% | ▼ -1.1 pp | -8.3% |',
                '| Growth: required FTE | 3 | 3.6 | ▲ +0.6 | +20% |',
                '| Hiring: accounts | — | 240 | new | — |',
            ].join('\n'),
        );
        // Forecast: team cost 135,000 → 144,000 over the three months (+9,000, +6.7%); revenue
        // 945,000 → 1,134,000 (+20%); accounts in March 220 → 264; CSM in March 2.2 → 2.64 FTE;
        // peak gap 0.2 → 0.64 (+0.44, +220%); short from February → January; hire by Jan → Dec.
        expect(r.stdout).toContain(
            [
                '| Forecast | Before | After | Change | % |',
                '| :--- | ---: | ---: | ---: | ---: |',
                '| Team cost, 2027-01 – 2027-03 | €135,000 | €144,000 | ▲ +€9,000 | +6.7% |',
                '| Revenue, 2027-01 – 2027-03 | €945,000 | €1,134,000 | ▲ +€189,000 | +20% |',
                '| Accounts in 2027-03 | 220 | 264 | ▲ +44 | +20% |',
                '| CSM required FTE in 2027-03 | 2.2 | 2.64 | ▲ +0.44 | +20% |',
                '| CSM peak gap FTE | 0.2 | 0.64 | ▲ +0.44 | +220% |',
                '| CSM first month short | 2027-02 | 2027-01 | changed | — |',
                '| CSM hire by | 2027-01 | 2026-12 | changed | — |',
                '',
            ].join('\n'),
        );
        expect(r.stdout).toContain(
            [
                '#### Assertions',
                '',
                '- ❌ now failing: `CSM.utilization <= 85%`',
                '- ✅ now passing: `totals.crc < €200`',
                '- new, passing: `Growth.totals.crc < €190`',
                '',
            ].join('\n'),
        );
    });

    it('json: forecast, scenario and assertion entries', async () => {
        const doc = JSON.parse((await capInProcess(['diff', 'old.json', 'new.json', '--format', 'json'], dir)).stdout);
        expect(doc.old).toEqual({ source: 'old.json', kind: 'report' });
        expect(doc.inputs).toBeNull();
        expect(doc.currency).toBe('EUR');
        const byPath = Object.fromEntries(doc.outputs.map((o: { path: string }) => [o.path, o]));
        expect(byPath['forecast.teamCost.sum']).toEqual({
            path: 'forecast.teamCost.sum',
            label: 'Team cost, 2027-01 – 2027-03',
            unit: 'moneyPerPeriod',
            status: 'changed',
            old: 135000,
            new: 144000,
            delta: 9000,
            ratio: 9000 / 135000,
        });
        expect(byPath['forecast.roles.CSM.hireBy']).toEqual({
            path: 'forecast.roles.CSM.hireBy',
            label: 'CSM hire by',
            unit: 'month',
            status: 'changed',
            old: '2027-01',
            new: '2026-12',
            delta: null,
            ratio: null,
        });
        expect(byPath['scenarios.Hiring.totals.teamCost']).toMatchObject({
            status: 'added',
            old: null,
            new: 52500,
            delta: null,
        });
        expect(byPath['scenarios.Growth.totals.teamCost']).toMatchObject({
            status: 'changed',
            old: 60000,
            new: 66000,
            delta: 6000,
            ratio: 0.1,
        });
        expect(byPath['totals.teamCost']).toBeUndefined(); // unchanged
        expect(doc.assertions).toEqual([
            {
                text: 'CSM.utilization <= 85%',
                change: 'newly failing',
                old: true,
                new: false,
                actual: { old: 0.8, new: 0.96 },
                expected: 0.85,
            },
            {
                text: 'totals.crc < €200',
                change: 'newly passing',
                old: false,
                new: true,
                actual: { old: 225, new: 187.5 },
                expected: 200,
            },
            {
                text: 'Growth.totals.crc < €190',
                change: 'added',
                old: null,
                new: true,
                actual: { old: null, new: 183.33 },
                expected: 190,
            },
        ]);
    });

    it('--fail-on reaches scenario and forecast figures', async () => {
        const r = await capInProcess(
            [
                'diff',
                'old.json',
                'new.json',
                '--fail-on',
                'Growth.totals.teamCost>5%', // +10%: crossed
                '--fail-on',
                'forecast.teamCost.sum>€10,000', // +€9,000: holds
                '--fail-on',
                'forecast.roles.CSM.gapFte.max>0.5', // +0.44: holds
                '--fail-on',
                'SMB.clv<-5%', // rose: holds
            ],
            dir,
        );
        expect(r.code).toBe(1);
        expect(r.stderr).toBe(
            'cap: --fail-on Growth.totals.teamCost>5% crossed: Growth: team cost /mo €60,000 → €66,000 (+€6,000, +10%)\n',
        );
    });

    it('a report from before forecasts and scenarios (null, {}, []) diffs against one with them', async () => {
        writeFileSync(
            join(dir, 'bare.json'),
            JSON.stringify({ ...OLD, forecast: null, scenarios: {}, assertions: [] }),
        );
        const doc = JSON.parse((await capInProcess(['diff', 'bare.json', 'new.json', '--format', 'json'], dir)).stdout);
        expect(doc.outputs.find((o: { path: string }) => o.path === 'forecast.teamCost.sum')).toMatchObject({
            status: 'added',
            old: null,
            new: 144000,
        });
        expect(doc.assertions.map((a: { change: string }) => a.change)).toEqual([
            'newly failing',
            'added',
            'added',
            'added',
        ]);
        const back = JSON.parse(
            (await capInProcess(['diff', 'new.json', 'bare.json', '--format', 'json'], dir)).stdout,
        );
        expect(back.outputs.find((o: { path: string }) => o.path === 'forecast.teamCost.sum')).toMatchObject({
            status: 'removed',
            old: 144000,
            new: null,
        });
        expect(back.assertions.filter((a: { change: string }) => a.change === 'removed')).toHaveLength(4);
    });

    it('a report in another period is converted before comparing, and says so', async () => {
        // The same plan reported per quarter: every per-period money figure three times larger.
        const quarterly = {
            ...OLD,
            model: { ...(OLD.model as Json), period: 'quarter' },
            totals: { ...(OLD.totals as Json), revenue: 900000, teamCost: 135000, crc: 675 },
            tiers: { SMB: { ...tier(5000), costToServe: 450 } },
            forecast: null,
            scenarios: {},
            assertions: [],
        };
        writeFileSync(join(dir, 'quarterly.json'), JSON.stringify(quarterly));
        writeFileSync(
            join(dir, 'monthly.json'),
            JSON.stringify({ ...OLD, forecast: null, scenarios: {}, assertions: [] }),
        );
        const r = await capInProcess(['diff', 'quarterly.json', 'monthly.json'], dir);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain(
            'note: the reporting period changed from quarter to month: figures before are converted to per month',
        );
        expect(r.stdout).toContain('No changes to the numbers.');
    });
});

describe('cap diff with models and reports mixed', () => {
    it('a model against its own report: no change', async () => {
        const out = join(dir, 'three-tier.json');
        const root = join(__dirname, '../..');
        expect((await capInProcess(['build', 'examples/three-tier/three-tier.cap', '-o', out], root)).code).toBe(0);
        const r = await capInProcess(['diff', 'examples/three-tier/three-tier.cap', out], root);
        expect(r.code).toBe(0);
        expect(r.stdout.split('\n')[2]).toBe('No changes to the numbers.');
        expect(r.stdout).not.toContain('Plan changes');
    });

    it('two model files: plan changes and figures', async () => {
        writeFileSync(
            join(dir, 'a.cap'),
            'role CSM { hours 160h / month  overhead 40h / month  cost $6,000 / month }\nservice S { role CSM  effort 2h every month }\ntier T { accounts 60  mrr $500  lifetime 24 months  services S }\n',
        );
        writeFileSync(
            join(dir, 'b.cap'),
            readFileSync(join(dir, 'a.cap'), 'utf-8').replace('accounts 60', 'accounts 90'),
        );
        // No agents: team cost = required FTE × cost. 60 × 2 h ÷ 120 h = 1 FTE, $6,000; 90 accounts: 1.5 FTE, $9,000.
        const r = await capInProcess(['diff', 'a.cap', 'b.cap'], dir);
        expect(r.code).toBe(0);
        expect(r.stdout.split('\n')[2]).toBe('+0.5 CSM FTE, +$3,000/mo team cost');
        expect(r.stdout).toContain('Plan changes\n  tier T: accounts 60 → 90\n');
    });

    it("another currency: money shown in each side's own, not compared, and said", async () => {
        const root = join(__dirname, '../..');
        // Nordlys reports in euros per quarter; Nimbus in dollars per month.
        const r = await capInProcess(
            ['diff', 'examples/multi-file/plan.cap', 'examples/three-tier/three-tier.cap', '--format', 'json', '--all'],
            root,
        );
        expect(r.code).toBe(0);
        const doc = JSON.parse(r.stdout);
        expect(doc.notes).toEqual([
            'the reporting period changed from quarter to month: figures before are converted to per month',
            'the currency changed from EUR to USD: money figures are shown but not compared',
        ]);
        const teamCost = doc.outputs.find((o: { path: string }) => o.path === 'totals.teamCost');
        expect(teamCost).toMatchObject({ status: 'changed', delta: null, ratio: null });
        expect(doc.outputs.find((o: { path: string }) => o.path === 'totals.accounts').delta).not.toBeNull(); // not money: compared
        expect(
            (await capInProcess(['diff', 'examples/multi-file/plan.cap', 'examples/three-tier/three-tier.cap'], root))
                .stdout,
        ).toMatch(/CRC €\d+ → \$/);
    });

    it('not a report, not JSON, not there, not two files: one line, exit 2', async () => {
        writeFileSync(join(dir, 'other.json'), '{"schema":"something/2"}');
        writeFileSync(join(dir, 'broken.json'), '{"schema":');
        const cases: [string[], string][] = [
            [
                ['diff', 'other.json', 'new.json'],
                'cap: other.json is not a cap-report/1 report (its "schema" is not "cap-report/1")\n',
            ],
            [
                ['diff', 'broken.json', 'new.json'],
                'cap: broken.json is not JSON: give a cap-report/1 report (cap build -o report.json) or a .cap model\n',
            ],
            [['diff', 'nothing.json', 'new.json'], 'cap: cannot read nothing.json: no such file\n'],
            [
                ['diff', 'new.json'],
                'cap: cap diff takes two files, OLD and NEW (.cap models or .json reports), or --git REF [FILE]\n',
            ],
        ];
        for (const [args, message] of cases) {
            const r = await capInProcess(args, dir);
            expect(r.code).toBe(2);
            expect(r.stderr).toBe(message);
        }
    });
});
