import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capInProcess, scratchDir, writeIn } from './cli-helpers.js';

/** `cap build` and `cap check`, run in process (binary.test.ts runs the bundle itself). */

let dir: string;
beforeAll(() => {
    dir = scratchDir('cap-cli-');
});

const write = (name: string, text: string) => writeIn(dir, name, text);

describe('cap build', () => {
    it('reproduces every seed check of the spec exactly', async () => {
        const out = join(dir, 'seed-checks.json');
        const r = await capInProcess(['build', 'test/fixtures/seed-checks.cap', '-o', out]);
        expect(r.code).toBe(0);
        const report = JSON.parse(readFileSync(out, 'utf-8'));
        expect(report.schema).toBe('cap-report/1');
        expect(report.roles.CSM.hoursPerFte).toBe(160);
        expect(report.roles.CSM.overheadPerFte).toBe(40);
        expect(report.roles.CSM.effectivePerFte).toBe(120); // 160 − 40
        expect(report.tiers.Churning.designedEffort.CSM).toBe(5);
        expect(report.tiers.Churning.accountsPerFte.CSM).toBe(24); // 120 ÷ 5
        expect(report.tiers.Churning.churn).toBe(0.064); // 64 / 1,000
        expect(report.tiers.Churning.lifetimeMonths).toBe(15.625); // 1 / 0.064
        expect(report.tiers.Shoppers.revenuePerAccount).toBe(150);
        expect(report.tiers.Shoppers.clv).toBe(3600); // 150 × 100% × 24
        // (1,000 + 24) accounts × 5 h = 5,120 h; ÷ 120 h = 42.67 FTE; 43 staffed → 99.22%
        expect(report.roles.CSM.requiredFte).toBeCloseTo(5120 / 120, 12);
        expect(report.roles.CSM.utilization).toBeCloseTo(5120 / (43 * 120), 12);
        expect(report.diagnostics).toEqual([]);
    });

    it('prints JSON on a pipe and a readable summary with --summary', async () => {
        const json = await capInProcess(['build', 'examples/seed/seed.cap']);
        expect(json.code).toBe(0);
        expect(JSON.parse(json.stdout).model.name).toBe('SeedCS');
        const summary = await capInProcess(['build', 'examples/seed/seed.cap', '--summary']);
        expect(summary.code).toBe(0);
        expect(summary.stdout).toMatch(
            /Role.*Effective h\/mo.*Demand h\/mo.*Required FTE.*Staffed FTE.*Utilization.*Hires/,
        );
        expect(summary.stdout).toMatch(/CSM\s*│\s*120 h\s*│\s*2,400 h\s*│\s*20\s*│\s*25\s*│\s*80%\s*│\s*0/);
        expect(summary.stdout).toMatch(/Customers\s*│\s*480\s*│\s*CSM 5 h\s*│\s*CSM 24\s*│\s*\$300\s*│\s*\$3,600/);
        expect(summary.stdout).toContain('team cost $180,000/mo · CRC $375/mo');
    });

    it('on a terminal: the summary instead of JSON; `cap diff` in colour unless NO_COLOR is set', async () => {
        const build = await capInProcess(['build', 'examples/seed/seed.cap'], undefined, { tty: true });
        expect(build.code).toBe(0);
        expect(build.stdout).toMatch(/Role.*Effective h\/mo/);
        expect(build.stdout).not.toContain('"schema"');
        const models = ['examples/seed/seed.cap', 'examples/three-tier/three-tier.cap'];
        const ESC = '\u001b[';
        expect((await capInProcess(['diff', ...models], undefined, { tty: true })).stdout).toContain(ESC);
        const noColour = await capInProcess(['diff', ...models], undefined, { tty: true, env: { NO_COLOR: '1' } });
        expect(noColour.stdout).not.toContain(ESC);
        expect(noColour.stdout).toBe((await capInProcess(['diff', ...models])).stdout);
    });

    it('refuses a model with errors: exit 1, diagnostics on stderr, no file written, an old report kept', async () => {
        const model = write('broken.cap', 'role CSM { hours 160 cost $1 / month }\n');
        const out = write('kept.json', 'OLD REPORT');
        const r = await capInProcess(['build', model, '-o', out]);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/broken\.cap:1:18 - error CAP020: `hours` needs a unit/);
        expect(r.stderr).toContain('no report written');
        expect(readFileSync(out, 'utf-8')).toBe('OLD REPORT');
        expect(readdirSync(dir).filter(f => f.includes('.tmp'))).toEqual([]);
    });

    it('replaces a report atomically and leaves no temporary file', async () => {
        const out = write('report.json', 'OLD');
        expect((await capInProcess(['build', 'examples/seed/seed.cap', '-o', out])).code).toBe(0);
        expect(JSON.parse(readFileSync(out, 'utf-8')).schema).toBe('cap-report/1');
        expect(readdirSync(dir).filter(f => f.endsWith('.tmp'))).toEqual([]);
    });

    it('an output folder that does not exist: one line, exit 2', async () => {
        const r = await capInProcess(['build', 'examples/seed/seed.cap', '-o', join(dir, 'no/such/dir/r.json')]);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        // The folder it names, not the temporary file's ENOENT.
        expect(r.stderr).toBe(
            `cap: cannot write ${join(dir, 'no/such/dir/r.json')}: no folder ${join(dir, 'no/such/dir')}\n`,
        );
    });
});

describe('cap check', () => {
    it('passes the examples: exit 0 and a summary line', async () => {
        const r = await capInProcess([
            'check',
            'examples/seed/seed.cap',
            'examples/three-tier/three-tier.cap',
            'examples/multi-file/plan.cap',
        ]);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('examples/seed/seed.cap: 0 errors, 0 warnings in 1 file');
        expect(r.stdout).toContain('examples/multi-file/plan.cap: 0 errors, 0 warnings in 3 files');
    });

    it('lists diagnostics as path:line:col - severity CODE: message and exits 1 on errors', async () => {
        const model = write('bad.cap', 'tier T { accounts -1 churn 5h }\n');
        const r = await capInProcess(['check', model], dir);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain(
            'bad.cap:1:19 - error CAP025: `accounts` must be a whole number of at least 0, not -1',
        );
        expect(r.stdout).toContain('bad.cap:1:28 - error CAP020: `churn` takes a percentage');
        expect(r.stdout).toContain('bad.cap: 2 errors, 1 warning in 1 file');
    });

    it('a NUL byte in an otherwise valid model: the character at its line and column, exit 1', async () => {
        const text = 'role CSM { hours 160h / month  cost $1 / month }\n// a pasted \u0000 in a comment\n';
        const model = write('nul.cap', text);
        const r = await capInProcess(['check', model], dir);
        expect(r.code).toBe(1);
        expect(r.stdout.trim().split('\n')).toEqual([
            'nul.cap:2:13 - error CAP001: Unexpected character U+0000 (a NUL byte)',
            `${model}: 1 error, 0 warnings in 1 file`,
        ]);
    });

    it('checks every model in a folder, fragments through the model that imports them; drift warnings', async () => {
        const r = await capInProcess(['check', 'examples']);
        expect(r.code).toBe(0);
        // examples/multi-file/team/roles.cap and menu/services.cap are read as part of plan.cap.
        expect(r.stdout.trim().split('\n')).toEqual([
            'examples/crm-book/plan.cap:42:9 - warning CAP092: "Chris Doyle" names no agent: its 50 rows are left out (someone who left, or an agent to declare)',
            'examples/crm-book/plan.cap:42:9 - warning CAP092: "Alex Contractor" names no agent: its 6 rows are left out (someone who left, or an agent to declare)',
            'examples/crm-book/plan.cap:83:60 - warning CAP091: QBR: designed 96 h a month, logged 125.2 h (+30.4%) in 2027-01..2027-03 from 108 entries: 10.4 h per occurrence, not 8 h',
            'examples/crm-book/plan.cap:88:60 - warning CAP091: Touchpoint: designed 186 h a month, logged 139.2 h (-25.1%) in 2027-01..2027-03 from 358 entries: 1.1 h per occurrence, not 1.5 h',
            'examples/crm-book/plan.cap: 0 errors, 4 warnings in 1 file',
            'examples/growth-500/growth.cap: 0 errors, 0 warnings in 1 file',
            'examples/multi-file/plan.cap: 0 errors, 0 warnings in 3 files',
            'examples/scenarios/plan.cap: 0 errors, 0 warnings in 1 file',
            'examples/seed/seed.cap: 0 errors, 0 warnings in 1 file',
            'examples/three-tier/three-tier.cap: 0 errors, 0 warnings in 1 file',
        ]);
    });

    it('exits 1 on warnings only with --strict', async () => {
        const model = write('warn.cap', 'role CSM { hours 160h / month }\n');
        expect((await capInProcess(['check', model])).code).toBe(0);
        const strict = await capInProcess(['check', '--strict', model]);
        expect(strict.code).toBe(1);
        expect(strict.stdout).toMatch(/warning CAP035/);
    });
});

describe('usage errors: one line, exit 2, never a stack trace', () => {
    it.each([
        [['build', 'no-such-file.cap'], /^cap: cannot read no-such-file\.cap: no such file$/],
        [['build', 'examples'], /^cap: cannot read examples: not a file$/],
        [
            ['check', 'examples/ci/cap-review.yml'],
            /^cap: cannot read examples\/ci\/cap-review\.yml: not a Cap model \(\.cap\)$/,
        ],
        [['check', 'examples/ci'], /^cap: no Cap models \(\.cap files\) in examples\/ci$/],
        [['check', '--frobnicate', 'x.cap'], /^error: unknown option '--frobnicate'$/],
        [['frobnicate'], /^error: unknown command 'frobnicate'$/],
    ])('cap %j', async (args, message) => {
        const r = await capInProcess(args as string[]);
        expect(r.code).toBe(2);
        expect(r.stderr.trim()).toMatch(message);
        expect(r.stderr).not.toMatch(/\n\s+at /);
    });

    it('--help for every command', async () => {
        expect((await capInProcess(['--help'])).stdout).toMatch(/check.*\n.*build/s);
        expect((await capInProcess(['build', '--help'])).stdout).toContain('-o, --output <report.json>');
        expect((await capInProcess(['check', '--help'])).stdout).toContain('--strict');
    });

    it('reads imports relative to the importing file, whatever the working folder', async () => {
        mkdirSync(join(dir, 'team'), { recursive: true });
        write('team/roles.cap', 'role CSM { hours 160h / month overhead 40h / month cost $1 / month }');
        const plan = write(
            'plan.cap',
            'import "./team/roles.cap"\nservice S { role CSM effort 1h every month }\ntier T { accounts 120 lifetime 12 months services S }',
        );
        const r = await capInProcess(['build', plan, '--json'], tmpdir());
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout).roles.CSM.requiredFte).toBe(1); // 120 × 1 h ÷ 120 h
    });
});

describe('cap build --summary of a plan that reads a time log (spec section 15)', () => {
    it('prints designed against logged hours per service and role, and who was left out', async () => {
        const r = await capInProcess(['build', 'examples/crm-book/plan.cap', '--summary']);
        expect(r.code).toBe(0);
        const lines = r.stdout.split('\n').map(l => l.replace(/[│]/g, ' ').replace(/\s+/g, ' ').trim());
        expect(lines).toContain(
            'Designed vs actual: q1 (data/time-2027q1.csv, 2027-01..2027-03, 2,523 entries), hours/mo',
        );
        // 36 × 8 h ÷ 3 = 96 h designed; 22,535 min ÷ 60 ÷ 3 = 125.19 h logged: +30.4%, 10.4 h a review.
        expect(lines).toContain('QBR 96 h 125.19 h +30.4% 8 h → 10.4 h');
        expect(lines).toContain('CSM 621.33 h 775.19 h 208.72 h (26.9%) +24.8%');
        expect(lines).toContain('Left out: "Chris Doyle" 50, "Alex Contractor" 6');
    });
});
