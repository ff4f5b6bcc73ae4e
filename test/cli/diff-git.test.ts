import { describe, expect, it } from 'vitest';
import { realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo, scratch } from './diff-helpers.js';
import { capInProcess } from './cli-helpers.js';

/**
 * `cap diff --git REF [FILE]` in a scratch repository: the model committed on `main`, changed in
 * the working tree (one change in an imported file), compared without checking anything out.
 */

const ROLES = `// The roles, imported by plan.cap.
role CSM "Customer Success Manager" {
  hours 160h / month
  overhead 40h / month          // 120 effective hours
  cost $9,000 / month           // $75 an effective hour
}
`;

const PLAN = `import "./team/roles.cap"

model Acme "Acme CS plan" { currency USD  period month }

service QBR { role CSM  effort 6h every quarter }     // 2 h a month per account
service CheckIn { role CSM  effort 3h every month }   // 3 h a month per account

tier Enterprise {
  touch high  accounts 48  arr $120,000  churn 8% / year  margin 80%
  services QBR, CheckIn
}

agent alice { role CSM }
agent bob { role CSM }
`;

/*
 * Before: D = 2 + 3 = 5 h per account; demand 48 × 5 = 240 h; E = 160 − 40 = 120 h.
 *   required 240 ÷ 120 = 2 FTE, staffed 2, utilization 100%, accounts per FTE 120 ÷ 5 = 24,
 *   hourly cost 9,000 ÷ 120 = $75, cost to serve 5 × 75 = $375, team cost 2 × 9,000 = $18,000,
 *   revenue 48 × 10,000 = $480,000, CRC 18,000 ÷ 48 = $375, cost to revenue 3.75%.
 * After (overhead 60 h in team/roles.cap, QBR 3 h a quarter, 75 accounts, dana hired):
 *   E = 100 h; D = 1 + 3 = 4 h; demand 75 × 4 = 300 h; required 3 FTE (+1, +50%); staffed 3;
 *   utilization 300 ÷ 300 = 100% (unchanged); accounts per FTE 100 ÷ 4 = 25 (+1, +4.2%);
 *   hourly cost $90, cost to serve 4 × 90 = $360 (−$15, −4%); team cost 3 × 9,000 = $27,000
 *   (+$9,000, +50%); revenue 75 × 10,000 = $750,000 (+$270,000, +56.25%); CRC 27,000 ÷ 75 =
 *   $360 (−$15, −4%); cost to revenue 3.6% (−0.15 pp, shown 3.8% → 3.6%, −0.2 pp, −4%).
 * Money under 100 is shown with cents (format.ts), so a change of $15 reads -$15.00.
 */
let changedRepo: { dir: string } | undefined;
/** The repository with that change, made once: the tests given it only read it. */
function changed(): { dir: string } {
    if (changedRepo) return changedRepo;
    const r = repo({ 'team/roles.cap': ROLES, 'plan.cap': PLAN });
    r.commit('plan FY27');
    r.write({
        'team/roles.cap': ROLES.replace('overhead 40h / month          // 120 effective hours', 'overhead 60h / month'),
        'plan.cap': `${PLAN.replace('effort 6h every quarter', 'effort 3h every quarter').replace('accounts 48', 'accounts 75')}agent dana { role CSM }\n`,
    });
    changedRepo = r;
    return r;
}

describe('cap diff --git: a change in the entry file and in an imported file', () => {
    it('text: the headline, the plan changes as sentences, the changed figures', async () => {
        const { dir } = changed();
        const r = await capInProcess(['diff', '--git', 'main', 'plan.cap'], dir);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const lines = r.stdout.split('\n');
        expect(lines[0]).toBe('Cap diff: main:plan.cap → plan.cap');
        expect(lines[2]).toBe('+1 CSM FTE, +$9,000/mo team cost, CRC $375 → $360');
        expect(r.stdout).toContain(
            [
                'Plan changes',
                '  role CSM: overhead 40h / month → 60h / month', // the change in team/roles.cap
                '  service QBR: effort 6h → 3h every quarter',
                '  tier Enterprise: accounts 48 → 75',
                '  agent dana added',
                '',
            ].join('\n'),
        );
        const row = (label: string) =>
            lines
                .find(l => l.startsWith(`│   ${label} `))
                ?.split('│')
                .slice(1, -1)
                .map(c => c.trim());
        expect(row('Accounts')).toEqual(['Accounts', '48', '75', '▲ +27', '+56.3%']);
        expect(row('Revenue /mo')).toEqual(['Revenue /mo', '$480,000', '$750,000', '▲ +$270,000', '+56.3%']);
        expect(row('Team cost /mo')).toEqual(['Team cost /mo', '$18,000', '$27,000', '▲ +$9,000', '+50%']);
        expect(row('CRC /mo')).toEqual(['CRC /mo', '$375', '$360', '▼ -$15.00', '-4%']);
        expect(row('Cost to revenue')).toEqual(['Cost to revenue', '3.8%', '3.6%', '▼ -0.2 pp', '-4%']);
        expect(row('CSM required FTE')).toEqual(['CSM required FTE', '2', '3', '▲ +1', '+50%']);
        expect(row('CSM staffed FTE')).toEqual(['CSM staffed FTE', '2', '3', '▲ +1', '+50%']);
        expect(row('Enterprise accounts per CSM FTE')).toEqual([
            'Enterprise accounts per CSM FTE',
            '24',
            '25',
            '▲ +1',
            '+4.2%',
        ]);
        expect(row('Enterprise cost to serve /mo')).toEqual([
            'Enterprise cost to serve /mo',
            '$375',
            '$360',
            '▼ -$15.00',
            '-4%',
        ]);
        // Unchanged figures are left out: utilization stays 100%, CLV, gap and hires do not move.
        expect(r.stdout).not.toMatch(/utilization|CLV|gap FTE|hires/);
        expect(r.stdout).not.toMatch(/\x1b\[/); // no colour on a pipe
    });

    it('markdown: a PR comment with a bold headline, code spans and right-aligned tables', async () => {
        const { dir } = changed();
        const r = await capInProcess(['diff', '--git', 'main', 'plan.cap', '--format', 'markdown'], dir);
        expect(r.code).toBe(0);
        expect(r.stdout).toBe(
            [
                '### Cap: `main:plan.cap` → `plan.cap`',
                '',
                '**+1 CSM FTE, +\\$9,000/mo team cost, CRC \\$375 → \\$360**',
                '',
                '#### Plan changes',
                '',
                '- role CSM: overhead `40h / month` → `60h / month`',
                '- service QBR: effort `6h` → `3h` every quarter',
                '- tier Enterprise: accounts `48` → `75`',
                '- agent dana added',
                '',
                '#### Figures (USD, per month)',
                '',
                '| Totals | Before | After | Change | % |',
                '| :--- | ---: | ---: | ---: | ---: |',
                '| Accounts | 48 | 75 | ▲ +27 | +56.3% |',
                '| Revenue /mo | \\$480,000 | \\$750,000 | ▲ +\\$270,000 | +56.3% |',
                '| Team cost /mo | \\$18,000 | \\$27,000 | ▲ +\\$9,000 | +50% |',
                '| CRC /mo | \\$375 | \\$360 | ▼ -\\$15.00 | -4% |',
                '| Cost to revenue | 3.8% | 3.6% | ▼ -0.2 pp | -4% |',
                '| Required FTE | 2 | 3 | ▲ +1 | +50% |',
                '| Staffed FTE | 2 | 3 | ▲ +1 | +50% |',
                '',
                '| Roles | Before | After | Change | % |',
                '| :--- | ---: | ---: | ---: | ---: |',
                '| CSM required FTE | 2 | 3 | ▲ +1 | +50% |',
                '| CSM staffed FTE | 2 | 3 | ▲ +1 | +50% |',
                '',
                '| Tiers | Before | After | Change | % |',
                '| :--- | ---: | ---: | ---: | ---: |',
                '| Enterprise accounts per CSM FTE | 24 | 25 | ▲ +1 | +4.2% |',
                '| Enterprise cost to serve /mo | \\$375 | \\$360 | ▼ -\\$15.00 | -4% |',
                '',
                '<sub>Unchanged figures are left out; `cap diff --all` shows them.</sub>',
                '',
            ].join('\n'),
        );
    });

    it('json: cap-diff/1 with inputs and outputs as {path, old, new, delta, ratio}', async () => {
        const { dir } = changed();
        const r = await capInProcess(['diff', '--git', 'main', 'plan.cap', '--format', 'json'], dir);
        expect(r.code).toBe(0);
        const doc = JSON.parse(r.stdout);
        expect(Object.keys(doc)).toEqual([
            'schema',
            'old',
            'new',
            'currency',
            'period',
            'headline',
            'notes',
            'inputs',
            'outputs',
            'assertions',
            'data',
            'failOn',
        ]);
        expect(doc.schema).toBe('cap-diff/1');
        expect(doc.old).toEqual({ source: 'main:plan.cap', kind: 'model' });
        expect(doc.new).toEqual({ source: 'plan.cap', kind: 'model' });
        expect(doc.headline).toBe('+1 CSM FTE, +$9,000/mo team cost, CRC $375 → $360');
        expect(doc.inputs).toEqual([
            {
                path: 'role.CSM.overhead',
                declaration: 'role CSM',
                property: 'overhead',
                change: 'changed',
                old: '40h / month',
                new: '60h / month',
                text: 'role CSM: overhead 40h / month → 60h / month',
            },
            {
                path: 'service.QBR.effort',
                declaration: 'service QBR',
                property: 'effort',
                change: 'changed',
                old: '6h every quarter',
                new: '3h every quarter',
                text: 'service QBR: effort 6h → 3h every quarter',
            },
            {
                path: 'tier.Enterprise.accounts',
                declaration: 'tier Enterprise',
                property: 'accounts',
                change: 'changed',
                old: '48',
                new: '75',
                text: 'tier Enterprise: accounts 48 → 75',
            },
            {
                path: 'agent.dana',
                declaration: 'agent dana',
                property: null,
                change: 'added',
                old: null,
                new: 'agent dana { role CSM }',
                text: 'agent dana added',
            },
        ]);
        const byPath = Object.fromEntries(doc.outputs.map((o: { path: string }) => [o.path, o]));
        expect(byPath['totals.teamCost']).toEqual({
            path: 'totals.teamCost',
            label: 'Team cost /mo',
            unit: 'moneyPerPeriod',
            status: 'changed',
            old: 18000,
            new: 27000,
            delta: 9000,
            ratio: 0.5,
        });
        expect(byPath['roles.CSM.requiredFte']).toMatchObject({ old: 2, new: 3, delta: 1, ratio: 0.5 });
        expect(byPath['tiers.Enterprise.costToServe']).toMatchObject({ old: 375, new: 360, delta: -15, ratio: -0.04 });
        expect(byPath['totals.crc'].ratio).toBeCloseTo(-0.04, 12);
        expect(doc.outputs.map((o: { path: string }) => o.path)).toEqual([
            'totals.accounts',
            'totals.revenue',
            'totals.teamCost',
            'totals.crc',
            'totals.costToRevenue',
            'totals.requiredFte',
            'totals.staffedFte',
            'roles.CSM.requiredFte',
            'roles.CSM.staffedFte',
            'tiers.Enterprise.accountsPerFte.CSM',
            'tiers.Enterprise.costToServe',
        ]);
        expect(doc.assertions).toEqual([]);
        expect(doc.failOn).toEqual([]);
    });

    it('--all lists the unchanged figures too, marked ±0', async () => {
        const { dir } = changed();
        const r = await capInProcess(['diff', '--git', 'main', 'plan.cap', '--all', '--format', 'markdown'], dir);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('| CSM utilization | 100% | 100% | ±0 |  |');
        expect(r.stdout).toContain('| CSM hires | 0 | 0 | ±0 |  |');
        // CLV = $10,000 × 80% × L, L = 1 ÷ (1 − 0.92^(1/12)) = 144.4 months: $1,155,338, unchanged.
        expect(r.stdout).toContain('| Enterprise CLV | \\$1,155,338 | \\$1,155,338 | ±0 |  |');
        expect(r.stdout).toContain('Every figure shown (`--all`).');
        const json = JSON.parse(
            (await capInProcess(['diff', '--git', 'main', 'plan.cap', '--all', '--format', 'json'], dir)).stdout,
        );
        expect(json.outputs).toHaveLength(7 + 5 + 3); // every total, every CSM figure, the tier's three
        expect(json.outputs.find((o: { path: string }) => o.path === 'roles.CSM.utilization')).toMatchObject({
            status: 'unchanged',
            old: 1,
            new: 1,
            delta: 0,
            ratio: 0,
        });
    });

    it('FILE may be left out when the repository holds one model', async () => {
        const { dir } = changed();
        const r = await capInProcess(['diff', '--git', 'main'], dir);
        expect(r.code).toBe(0);
        expect(r.stdout.split('\n')[0]).toBe('Cap diff: main:plan.cap → plan.cap');
    });

    it('runs from a subfolder, with paths relative to it', async () => {
        const { dir } = changed();
        const r = await capInProcess(['diff', '--git', 'main', '../plan.cap'], `${dir}/team`);
        expect(r.code).toBe(0);
        expect(r.stdout.split('\n')[0]).toBe('Cap diff: main:plan.cap → ../plan.cap');
        expect(r.stdout).toContain('role CSM: overhead 40h / month → 60h / month');
    });
});

describe('cap diff --git: what is and is not a change', () => {
    it('layout, comments, number spelling and list order are no change', async () => {
        const r = repo({ 'team/roles.cap': ROLES, 'plan.cap': PLAN });
        r.commit('plan');
        r.write({
            'team/roles.cap':
                'role CSM "Customer Success Manager" { hours 160h/month overhead 40h/month cost $9k / month }\n',
            'plan.cap': PLAN.replace('services QBR, CheckIn', 'services CheckIn,QBR')
                .replace('accounts 48', 'accounts   48 /* today */')
                .replace('$120,000', '$120k'),
        });
        const out = await capInProcess(['diff', '--git', 'main', 'plan.cap'], r.dir);
        expect(out.code).toBe(0);
        expect(out.stdout).toBe(
            [
                'Cap diff: main:plan.cap → plan.cap',
                '',
                'No changes to the numbers.',
                '',
                'Plan changes',
                '  No declaration changed (layout and comments are not compared).',
                '',
            ].join('\n'),
        );
    });

    it('`40h / month` and `40h per month` are written differently: shown as a change, numbers unchanged', async () => {
        // `per` and `/` are different words in the source; the sentence shows both sides as written.
        const r = repo({ 'team/roles.cap': ROLES, 'plan.cap': PLAN });
        r.commit('plan');
        r.write({ 'team/roles.cap': ROLES.replace('hours 160h / month', 'hours 160h per month') });
        const out = await capInProcess(['diff', '--git', 'main'], r.dir);
        expect(out.stdout).toContain('No changes to the numbers.');
        expect(out.stdout).toContain('  role CSM: hours 160h / month → 160h per month');
    });

    it('a renamed declaration with the same body reads as a rename, and its figures line up', async () => {
        const r = repo({ 'team/roles.cap': ROLES, 'plan.cap': PLAN });
        r.commit('plan');
        // Enterprise → Strategic (same body); bob → robert (same body as before, and alice's body
        // is on both sides, so the pairing bob → robert is the only one).
        r.write({ 'plan.cap': PLAN.replace('tier Enterprise', 'tier Strategic').replace('agent bob', 'agent robert') });
        const out = await capInProcess(['diff', '--git', 'main', 'plan.cap'], r.dir);
        expect(out.code).toBe(0);
        expect(out.stdout).toBe(
            [
                'Cap diff: main:plan.cap → plan.cap',
                '',
                'No changes to the numbers.',
                '',
                'Plan changes',
                '  tier Enterprise renamed to Strategic',
                '  agent bob renamed to robert',
                '',
            ].join('\n'),
        );
        const json = JSON.parse(
            (await capInProcess(['diff', '--git', 'main', 'plan.cap', '--format', 'json'], r.dir)).stdout,
        );
        expect(json.inputs[0]).toMatchObject({
            path: 'tier.Strategic',
            change: 'renamed',
            old: 'Enterprise',
            new: 'Strategic',
        });
    });

    it('a renamed role: references to it change, its figures keep their history', async () => {
        const r = repo({ 'team/roles.cap': ROLES, 'plan.cap': PLAN });
        r.commit('plan');
        r.write({
            'team/roles.cap': ROLES.replace('role CSM', 'role AM'),
            'plan.cap': PLAN.replace(/role CSM/g, 'role AM'),
        });
        const out = await capInProcess(['diff', '--git', 'main', 'plan.cap'], r.dir);
        expect(out.stdout).toContain(
            [
                'No changes to the numbers.',
                '',
                'Plan changes',
                '  role CSM renamed to AM',
                '  service CheckIn: role CSM → AM',
                '  service QBR: role CSM → AM',
                '  agent alice: role CSM → AM',
                '  agent bob: role CSM → AM',
            ].join('\n'),
        );
    });

    it('a changed body and a new name are removed + added', async () => {
        const r = repo({ 'team/roles.cap': ROLES, 'plan.cap': PLAN });
        r.commit('plan');
        r.write({
            'plan.cap': PLAN.replace(
                'service CheckIn { role CSM  effort 3h every month }',
                'service Pulse { role CSM  effort 3h / month }',
            ).replace('QBR, CheckIn', 'QBR, Pulse'),
        });
        const out = await capInProcess(['diff', '--git', 'main', 'plan.cap'], r.dir);
        expect(out.stdout).toContain(
            '  service CheckIn removed\n  service Pulse added\n  tier Enterprise: services QBR, CheckIn → QBR, Pulse\n',
        );
        expect(out.stdout).toContain('No changes to the numbers.'); // `3h / month` is `3h every month`
    });

    it('titles, overhead items, scenarios and assertions', async () => {
        const base = `role CSM "CSM" { hours 160h / month  overhead { meetings 24h / month  admin 16h / month }  cost $9,000 / month }
service S { role CSM  effort 5h every month }
tier T { accounts 24  arr $12k  churn 10% / year  services S }
agent a { role CSM }
scenario Growth { tier T { accounts 30 } }
assert CSM.utilization <= 85%
`;
        const r = repo({ 'm.cap': base });
        r.commit('base');
        r.write({
            'm.cap': base
                .replace('"CSM"', '"Customer Success Manager"')
                .replace('meetings 24h / month  admin 16h / month', 'meetings 30h / month  travel 2h / month')
                .replace('tier T { accounts 30 }', 'tier T { accounts 36 }  agent hire { role CSM }')
                .replace('<= 85%', '<= 90%'),
        });
        const out = await capInProcess(['diff', '--git', 'main', 'm.cap'], r.dir);
        expect(out.code).toBe(0);
        expect(out.stdout).toContain(
            [
                'Plan changes',
                '  role CSM: title "CSM" → "Customer Success Manager"',
                '  role CSM: overhead meetings 24h / month → 30h / month',
                '  role CSM: overhead travel 2h / month added',
                '  role CSM: overhead admin 16h / month removed',
                '  scenario Growth, tier T: accounts 30 → 36',
                '  scenario Growth, agent hire added',
                '  assert CSM.utilization: <= 85% → <= 90%',
                '',
            ].join('\n'),
        );
        // E = 160 − 40 = 120 h before, 160 − 32 = 128 h after; demand 24 × 5 = 120 h.
        expect(out.stdout).toMatch(/CSM utilization\s+│\s+100%\s+│\s+93\.8%\s+│\s+▼ -6\.3 pp/);
    });

    it('a model new in this branch is compared with an empty one', async () => {
        const r = repo({ 'README.md': 'plans\n' });
        r.commit('empty');
        r.write({ 'team/roles.cap': ROLES, 'plan.cap': PLAN });
        const out = await capInProcess(['diff', '--git', 'main', 'plan.cap'], r.dir);
        expect(out.code).toBe(0);
        expect(out.stdout).toContain('note: plan.cap does not exist at main: every declaration is new');
        expect(out.stdout).toContain('+2 CSM FTE, +$18,000/mo team cost');
        expect(out.stdout).toContain(
            '  model added\n  role CSM added\n  service CheckIn added\n  service QBR added\n  tier Enterprise added\n  agent alice added\n  agent bob added\n',
        );
    });
});

describe('cap diff --git: errors', () => {
    it('a model that does not parse at the old ref: one line naming the side, exit 1, no crash', async () => {
        const r = repo({
            'team/roles.cap': ROLES,
            'plan.cap': PLAN.replace('agent bob { role CSM }', 'agent bob { role CSM '),
        });
        r.commit('broken');
        r.write({ 'plan.cap': PLAN });
        const out = await capInProcess(['diff', '--git', 'main', 'plan.cap'], r.dir);
        expect(out.code).toBe(1);
        expect(out.stdout).toBe('');
        expect(out.stderr).toMatch(
            /^cap: model at main:plan\.cap has errors \(\d+ errors?\); fix them or compare reports\n$/,
        );
    });

    it('a model with errors in the working tree names the working-tree file', async () => {
        const r = repo({ 'team/roles.cap': ROLES, 'plan.cap': PLAN });
        r.commit('plan');
        r.write({ 'plan.cap': PLAN.replace('accounts 48', 'accounts -48') });
        const out = await capInProcess(['diff', '--git', 'main', 'plan.cap'], r.dir);
        expect(out.code).toBe(1);
        expect(out.stderr).toBe('cap: model at plan.cap has errors (1 error); fix them or compare reports\n');
    });

    it('a ref that does not exist: one line, exit 2', async () => {
        const r = repo({ 'plan.cap': PLAN, 'team/roles.cap': ROLES });
        r.commit('plan');
        const out = await capInProcess(['diff', '--git', 'origin/main', 'plan.cap'], r.dir);
        expect(out.code).toBe(2);
        expect(out.stderr).toBe(
            "cap: unknown git ref 'origin/main': no branch, tag or commit of that name (for a pull request's base, fetch it first: git fetch origin main)\n",
        );
        expect((await capInProcess(['diff', '--git', '--upload-pack=x', 'plan.cap'], r.dir)).stderr).toBe(
            "cap: unknown git ref '--upload-pack=x'\n",
        );
    });

    it('outside a git repository, several models, a missing file', async () => {
        const r = repo({
            'a.cap': 'role A { hours 160h / month cost $1 / month }\n',
            'b.cap': 'role B { hours 160h / month cost $1 / month }\n',
        });
        r.commit('two');
        const two = await capInProcess(['diff', '--git', 'main'], r.dir);
        expect(two.code).toBe(2);
        expect(two.stderr).toBe('cap: --git found 2 models (a.cap, b.cap): name one (cap diff --git REF FILE)\n');
        const missing = await capInProcess(['diff', '--git', 'main', 'c.cap'], r.dir);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toBe('cap: cannot read c.cap: no such file\n');
        const plain = scratch();
        writeFileSync(join(plain, 'a.cap'), 'role A { hours 160h / month cost $1 / month }\n');
        const outside = await capInProcess(['diff', '--git', 'main', 'a.cap'], plain);
        expect(outside.code).toBe(2);
        expect(outside.stderr).toBe(`cap: --git needs a git repository, and ${realpathSync(plain)} is not in one\n`);
    });
});

describe('cap diff --fail-on', () => {
    it('passes when every threshold holds: exit 0, nothing on stderr', async () => {
        const { dir } = changed();
        // Team cost +50% is under 60%; CRC fell; 1 more CSM FTE is not more than 1.
        const r = await capInProcess(
            [
                'diff',
                '--git',
                'main',
                '--fail-on',
                'teamCost>60%',
                '--fail-on',
                'crc>+$20',
                '--fail-on',
                'CSM.requiredFte>1',
            ],
            dir,
        );
        expect(r.code).toBe(0);
        expect(r.stderr).toBe('');
    });

    it('fails with a line per crossed threshold, and still prints the diff', async () => {
        const { dir } = changed();
        const r = await capInProcess(
            [
                'diff',
                '--git',
                'main',
                '--fail-on',
                'teamCost>5%',
                '--fail-on',
                'crc<-$10',
                '--fail-on',
                'CSM.requiredFte>0.5',
                '--fail-on',
                '*.utilization>5pp',
            ],
            dir,
        );
        expect(r.code).toBe(1);
        expect(r.stderr).toBe(
            [
                'cap: --fail-on teamCost>5% crossed: Team cost /mo $18,000 → $27,000 (+$9,000, +50%)',
                'cap: --fail-on crc<-$10 crossed: CRC /mo $375 → $360 (-$15.00, -4%)',
                'cap: --fail-on CSM.requiredFte>0.5 crossed: CSM required FTE 2 → 3 (+1, +50%)',
                '',
            ].join('\n'),
        );
        expect(r.stdout).toContain(
            'Thresholds crossed\n  teamCost>5% crossed: Team cost /mo $18,000 → $27,000 (+$9,000, +50%)\n',
        );
        const md = await capInProcess(
            ['diff', '--git', 'main', '--format', 'markdown', '--fail-on', 'teamCost>5%'],
            dir,
        );
        expect(md.code).toBe(1);
        expect(md.stdout).toContain(
            '**⛔ Thresholds crossed**\n\n- `teamCost>5%` crossed: Team cost /mo \\$18,000 → \\$27,000 (+\\$9,000, +50%)\n',
        );
        const json = JSON.parse(
            (
                await capInProcess(
                    [
                        'diff',
                        '--git',
                        'main',
                        '--format',
                        'json',
                        '--fail-on',
                        'teamCost>5%',
                        '--fail-on',
                        'teamCost>60%',
                    ],
                    dir,
                )
            ).stdout,
        );
        expect(json.failOn).toEqual([
            { rule: 'teamCost>5%', crossed: true, figures: ['totals.teamCost'] },
            { rule: 'teamCost>60%', crossed: false, figures: [] },
        ]);
    });

    it.each([
        [
            'teamCost>=5%',
            "cap: --fail-on 'teamCost>=5%': write METRIC>AMOUNT or METRIC<-AMOUNT (e.g. teamCost>5%, CSM.requiredFte>1, crc>+$20, Enterprise.clv<-10%)",
        ],
        [
            'clv<10%',
            "cap: --fail-on 'clv<10%': '<' takes a fall written negative (clv<-10%); for a rise write '>' (teamCost>5%)",
        ],
        [
            'teamCst>5%',
            "cap: --fail-on 'teamCst>5%': no figure named teamCst in either report (try totals.teamCost, ROLE.requiredFte, TIER.costToServe)",
        ],
        [
            'CSM.utilization>0.05',
            "cap: --fail-on 'CSM.utilization>0.05': roles.CSM.utilization is a ratio: write pp for percentage points (5pp) or % for a relative change (5%)",
        ],
        ['CSM.requiredFte>$5', "cap: --fail-on 'CSM.requiredFte>$5': roles.CSM.requiredFte is not a money figure"],
    ])('a rule %s that is wrong is a usage error (exit 2)', async (rule, message) => {
        const { dir } = changed();
        const r = await capInProcess(['diff', '--git', 'main', '--fail-on', rule], dir);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(`${message}\n`);
    });
});
