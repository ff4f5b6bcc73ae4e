import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capInProcess, scratchDir, writeIn } from './cli-helpers.js';

/** `cap forecast`, `cap build --scenario` and assertions, run in process. */

let dir: string;
beforeAll(() => {
    dir = scratchDir('cap-plan-');
});

const write = (name: string, text: string) => writeIn(dir, name, text);

const GROWTH = 'examples/growth-500/growth.cap';
const SCENARIOS = 'examples/scenarios/plan.cap';

/** A small model whose utilization (100%) breaks a guardrail of 85%. */
const guarded = (assertions: string) => `model G { start 2027-01 horizon 2 months }
role CSM { hours 160h / month overhead 40h / month cost $9,000 / month }
service Care { role CSM effort 2h every month }
tier SMB { accounts 120 arr $12k lifetime 24 months services Care }
agent team { role CSM count 2 }
scenario Growth { tier SMB { accounts 180 } }
${assertions}
`;

describe('cap forecast', () => {
    it('prints the month-by-month table and the hiring plan', async () => {
        const r = await capInProcess(['forecast', GROWTH]);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('forecast 2027-01 to 2027-06, 6 months (USD, money per month)');
        // N(3) = 1,620.49 accounts at $800 × 1.12^(3/12); team 196,000 × 0.85^(3/12) + 60,000; 4 hires paid.
        expect(r.stdout).toMatch(/2027-04\s*│\s*1,620\s*│\s*\$1,333,647\s*│\s*\$248,196\s*│\s*\$32,000/);
        expect(r.stdout).toContain('Revenue per account grows with expansion, compounded: Customers 12% a year');
        // CSM: required, staffed after attrition, leavers, gap, hires
        expect(r.stdout).toContain('CSM: ramp 2 months · 2 months to fill · attrition 15% a year (1.3% a month)');
        expect(r.stdout).toMatch(/2027-06\s*│\s*25\.94\s*│\s*22\.9\s*│\s*1\.6\s*│\s*3\.04\s*│\s*4/);
        expect(r.stdout).toContain('1.6 FTE expected to have left by 2027-06; the hiring plan backfills them.');
        // Hire: open req by, start by, needed from; requisitions before the forecast's first month are late.
        expect(r.stdout).toMatch(/CSM\s*│\s*1\s*│\s*2026-11 \(late\)\s*│\s*2027-01\s*│\s*2027-03\s*│\s*\$8,000/);
        expect(r.stdout).toMatch(/CSM\s*│\s*4\s*│\s*2026-12 \(late\)\s*│\s*2027-02\s*│\s*2027-04\s*│\s*\$8,000/);
        expect(r.stdout).toContain('Budget increase: $32,000/mo by 2027-06 · $168,000 over the 6-month horizon');
    });

    it('lists the accounts of each tier month by month, and the accounts it wins', async () => {
        const r = await capInProcess(['forecast', GROWTH]);
        // One tier, Customers: N(1) = 1,200 · (1 − 2%) + 150 = 1,326; 200 won in 2027-03, none after.
        expect(r.stdout).toMatch(/Accounts by tier[^│]*│\s*Month\s*│\s*Customers\s*│\s*Customers won\s*│\s*Total/);
        expect(r.stdout).toMatch(/2027-02\s*│\s*1,326\s*│\s*150\s*│\s*1,326\s*│/);
        expect(r.stdout).toMatch(/2027-03\s*│\s*1,449\s*│\s*200\s*│\s*1,449\s*│/);
    });

    it("--json prints the report's forecast section", async () => {
        const r = await capInProcess(['forecast', GROWTH, '--json']);
        expect(r.code).toBe(0);
        const forecast = JSON.parse(r.stdout);
        const report = JSON.parse((await capInProcess(['build', GROWTH, '--json'])).stdout);
        expect(forecast).toEqual(report.forecast);
        expect(forecast.roles.CSM.firstGapMonth).toBe('2027-03');
        expect(forecast.roles.CSM.hireBy).toBe('2027-01');
        expect(forecast.roles.CSM.openBy).toBe('2026-11');
        expect(forecast.budgetIncreaseTotal).toBe(168_000);
    });

    it('marks a hire that should already have started as late', async () => {
        const model = write(
            'late.cap',
            guarded('').replace('count 2', 'count 1').replace('$9,000 / month }', '$9,000 / month ramp 2 months }'),
        );
        const r = await capInProcess(['forecast', model]);
        expect(r.code).toBe(0); // utilization 200% is a warning, not an error
        // Gap 1 FTE from the first month: the hire should have started 2 months before it.
        // Without a time to fill its requisition opens that month too: open req by, start by, needed from.
        expect(r.stdout).toMatch(/CSM\s*│\s*1\s*│\s*2026-11 \(late\)\s*│\s*2026-11 \(late\)\s*│\s*2027-01\s*│/);
    });

    it('--scenario forecasts a scenario', async () => {
        const model = write('scen.cap', guarded(''));
        const r = await capInProcess(['forecast', model, '--scenario', 'Growth', '--json']);
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout).accounts[0]).toBe(180);
        expect((await capInProcess(['forecast', model, '--scenario', 'Growth'])).stdout).toContain('scenario Growth');
    });

    it('a model without a horizon: one line, exit 1', async () => {
        const r = await capInProcess(['forecast', 'examples/seed/seed.cap']);
        expect(r.code).toBe(1);
        expect(r.stderr.trim()).toBe(
            'cap: examples/seed/seed.cap has no forecast: give its model block a `start` and a `horizon`, e.g. `start 2027-01  horizon 12 months`',
        );
        expect(r.stdout).toBe('');
    });

    it('a model with errors: diagnostics, no forecast, exit 1', async () => {
        const model = write('broken.cap', 'model M { start 2027-01 horizon 3 months }\nrole CSM { hours 160 }');
        const r = await capInProcess(['forecast', model]);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('error CAP020');
        expect(r.stderr).toContain('no forecast');
        expect(r.stdout).toBe('');
    });
});

describe('cap build --summary', () => {
    it('lists the agents by role: capacity, assigned hours and load', async () => {
        const r = await capInProcess(['build', 'examples/three-tier/three-tier.cap', '--summary']);
        expect(r.code).toBe(0);
        // Enterprise: 54 accounts × 6 h = 324 h over alice, ben and carmen, 108 h each of 120 h.
        expect(r.stdout).toMatch(/alice\s*│\s*CSM\s*│\s*1\s*│\s*120 h\s*│\s*108 h\s*│\s*90%/);
        expect(r.stdout).toMatch(/midmarket_pod\s*│\s*CSM\s*│\s*1 × 4\s*│\s*480 h\s*│\s*432 h\s*│\s*90%/);
        // Starts in 2027-04, after the January snapshot.
        expect(r.stdout).toMatch(/dmitri\s*│\s*CSM\s*│\s*1\s*│\s*0 h\s*│\s*0 h\s*│\s*not started/);
    });
});

describe('cap build --scenario', () => {
    it("prints that scenario's report: its sections and its difference from the base", async () => {
        const r = await capInProcess(['build', SCENARIOS, '--scenario', 'Growth']);
        expect(r.code).toBe(0);
        const s = JSON.parse(r.stdout);
        expect(s.title).toBe('Win 30 more Enterprise accounts, hire one CSM');
        expect(s.totals.teamCost).toBe(207_000); // (7 × 9,000 + 6,000) × 3 per quarter
        expect(s.delta.totals.teamCost).toBe(27_000); // one CSM: 9,000 × 3
        expect(s.delta.tiers.Enterprise.accounts).toBe(30);
    });

    it("with --summary, the scenario's tables and its comparison with the base", async () => {
        const r = await capInProcess(['build', SCENARIOS, '--scenario', 'Lean', '--summary']);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('Scenario Lean: Lighter check-ins, a smaller CSM team');
        expect(r.stdout).toMatch(/CSM\s*│\s*360 h\s*│\s*1,350 h\s*│\s*3\.75\s*│\s*5\s*│\s*75%/); // 150 × 3 h × 3 months
        expect(r.stdout).toMatch(/Team cost\/qtr\s*│\s*\$180,000\s*│\s*\$153,000 \(-\$27,000\)/);
    });

    it('an unknown scenario is a usage error naming the scenarios', async () => {
        const r = await capInProcess(['build', SCENARIOS, '--scenario', 'Growht']);
        expect(r.code).toBe(2);
        expect(r.stderr.trim()).toBe(
            'cap: unknown scenario `Growht`: examples/scenarios/plan.cap has scenarios Growth, Lean',
        );
        expect(r.stdout).toBe('');
    });

    it('a model without scenarios says so', async () => {
        const r = await capInProcess(['build', 'examples/seed/seed.cap', '--scenario', 'Growth']);
        expect(r.code).toBe(2);
        expect(r.stderr.trim()).toBe('cap: unknown scenario `Growth`: examples/seed/seed.cap has no scenarios');
    });
});

describe('cap build --summary with scenarios and assertions', () => {
    it('shows the base and every scenario side by side, and every assertion', async () => {
        const r = await capInProcess(['build', SCENARIOS, '--summary']);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/│\s*│\s*Base\s*│\s*Growth\s*│\s*Lean\s*│/);
        expect(r.stdout).toMatch(
            /Team cost\/qtr\s*│\s*\$180,000\s*│\s*\$207,000 \(\+\$27,000\)\s*│\s*\$153,000 \(-\$27,000\)/,
        );
        expect(r.stdout).toMatch(/CSM utilization\s*│\s*83\.3%\s*│\s*85\.7% \(\+2\.4 pts\)\s*│\s*75% \(-8\.3 pts\)/);
        expect(r.stdout).toContain('Assertions: 8 of 8 hold');
        expect(r.stdout).toContain('✓ Growth.totals.crc < $100 ($94.95 a quarter)');
    });
});

describe('failed assertions', () => {
    it('cap check: an error on the assertion, exit 1', async () => {
        const model = write('guard.cap', guarded('assert CSM.utilization <= 85%\nassert Growth.totals.crc < $200'));
        const r = await capInProcess(['check', model], dir);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('guard.cap:7:1 - error CAP072: CSM.utilization is 100%, must be <= 85%');
        expect(r.stdout).toContain('guard.cap: 1 error, 0 warnings in 1 file');
    });

    it('cap build: the report is still written, with ok: false, and the command exits 1', async () => {
        const model = write('guard2.cap', guarded('assert CSM.utilization <= 85%\nassert Growth.totals.crc < $200'));
        const out = join(dir, 'guard2.json');
        const r = await capInProcess(['build', model, '-o', out], dir);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('error CAP072: CSM.utilization is 100%, must be <= 85%');
        expect(r.stderr).toContain('guard2.cap: 1 assertion failed; the report lists them with `ok: false`');
        const report = JSON.parse(readFileSync(out, 'utf-8'));
        expect(report.assertions).toEqual([
            {
                text: 'CSM.utilization <= 85%',
                ok: false,
                actual: 1,
                expected: 0.85,
                message: 'CSM.utilization is 100%, must be <= 85%',
            },
            // Growth: 3 CSMs' worth of work for 2 … team cost 2 × 9,000 = 18,000 over 180 accounts = $100.
            {
                text: 'Growth.totals.crc < $200',
                ok: true,
                actual: 100,
                expected: 200,
                message: 'Growth.totals.crc is $100 a month, as required (< $200 a month)',
            },
        ]);
        expect(report.diagnostics).toContainEqual(
            expect.objectContaining({ severity: 'error', code: 'CAP072', line: 7, column: 1 }),
        );
    });

    it('an assertion that names no figure is a model error: no report', async () => {
        const model = write('guard3.cap', guarded('assert CSM.utilisation <= 85%'));
        const out = write('guard3.json', 'OLD');
        const r = await capInProcess(['build', model, '-o', out], dir);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(
            'guard3.cap:7:12 - error CAP070: `utilisation` is not a figure of role `CSM`; did you mean `utilization`?',
        );
        expect(r.stderr).toContain('no report written');
        expect(readFileSync(out, 'utf-8')).toBe('OLD');
    });

    it('cap forecast still prints the forecast, and exits 1', async () => {
        const model = write('guard4.cap', guarded('assert CSM.utilization <= 85%'));
        const r = await capInProcess(['forecast', model, '--json'], dir);
        expect(r.code).toBe(1);
        expect(JSON.parse(r.stdout).months).toEqual(['2027-01', '2027-02']);
        expect(r.stderr).toContain('1 assertion failed; the forecast is printed all the same');
    });
});
