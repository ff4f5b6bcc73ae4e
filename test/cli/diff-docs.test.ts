import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo, root } from './diff-helpers.js';
import { capInProcess } from './cli-helpers.js';

/** What the README says about `cap diff` is what `cap diff` does. */

const readme = readFileSync(join(root, 'README.md'), 'utf-8');
const section = readme.slice(readme.indexOf('## Reviewing plan changes'), readme.indexOf('## The language in brief'));

describe('README: Reviewing plan changes', () => {
    it('prints the example output for the change it describes', async () => {
        // The README's model, with 10 more hours of meetings and a third CSM.
        const model = /```cap\n([\s\S]*?)```/.exec(readme)![1];
        const r = repo({ 'plan.cap': model });
        r.commit('plan');
        r.write({
            'plan.cap': `${model.replace('meetings 24h / month', 'meetings 34h / month')}agent dana { role CSM }\n`,
        });
        const expected = /```text\n([\s\S]*?)```/.exec(section)![1];
        const out = await capInProcess(['diff', '--git', 'main', 'plan.cap'], r.dir);
        expect(out.code).toBe(0);
        expect(out.stdout).toBe(expected);
        // 240 h ÷ 110 h = 2.18 FTE; 3 × $9,500 = $28,500; $28,500 ÷ 48 = $593.75 (was $395.83).
        expect(out.stdout).toContain('+0.18 CSM FTE, +$9,500/mo team cost, CRC $396 → $594');
    });

    it('shows the example CI workflow verbatim, and the workflow runs the review action (check, fmt --check and diff)', () => {
        const workflow = readFileSync(join(root, 'examples/ci/cap-review.yml'), 'utf-8');
        expect(section).toContain(`\`\`\`yaml\n${workflow}\`\`\``);
        expect(workflow).toMatch(/pull_request:\n\s+paths: \['\*\*\/\*\.cap'\]/);
        expect(workflow).toContain('fetch-depth: 0');
        // action/review.mjs runs the three commands (test/action/review.test.ts).
        expect(workflow).toMatch(/- uses: cap-lang\/cap@v\d+\.\d+\.\d+\n\s+with:\n\s+model: plan\.cap\n/);
        // Tabs are not YAML indentation.
        expect(workflow).not.toMatch(/\t/);
    });

    it('the gates the workflow sets parse', async () => {
        const workflow = readFileSync(join(root, 'examples/ci/cap-review.yml'), 'utf-8');
        const rules = /fail-on: \|.*\n((?: {12}\S.*\n)+)/.exec(workflow)![1].trim().split(/\n\s*/);
        expect(rules.length).toBeGreaterThan(0);
        const model = /```cap\n([\s\S]*?)```/.exec(readme)![1];
        const r = repo({ 'plan.cap': model });
        r.commit('plan');
        const out = await capInProcess(
            ['diff', '--git', 'main', 'plan.cap', ...rules.flatMap(rule => ['--fail-on', rule])],
            r.dir,
        );
        expect(out.stderr).toBe('');
        expect(out.code).toBe(0);
    });
});

describe('README: From a spreadsheet export to a reviewed plan', () => {
    const tour = readme.slice(
        readme.indexOf('## From a spreadsheet export to a reviewed plan'),
        readme.indexOf('## The two commands'),
    );
    const [summary, diff] = [...tour.matchAll(/```text\n([\s\S]*?)```/g)].map(m =>
        m[1]
            .split('\n')
            .map(l => l.replace(/^ {3}/, ''))
            .filter(l => l.trim() !== ''),
    );
    const plan = readFileSync(join(root, 'examples/crm-book/plan.cap'), 'utf-8');
    const accounts = readFileSync(join(root, 'examples/crm-book/data/accounts.csv'), 'utf-8');
    const timeLog = readFileSync(join(root, 'examples/crm-book/data/time-2027q1.csv'), 'utf-8');

    it('quotes the books and the data source as `cap build --summary` prints them', async () => {
        const out = await capInProcess(['build', 'examples/crm-book/plan.cap', '--summary'], root);
        expect(out.code).toBe(0);
        for (const line of summary) expect(out.stdout).toContain(line);
    });

    it("quotes what `cap diff --git` says of Monday's refreshed export", async () => {
        const r = repo({ 'plan.cap': plan, 'data/accounts.csv': accounts, 'data/time-2027q1.csv': timeLog });
        r.commit('the export as it was');
        // Two of raj's accounts go to tom; Initech Analytics grows into an Enterprise account
        // ($16,500 → $96,000 ARR: +$79,500); three new accounts (+$180,000 + $6,000 + $4,800).
        const refreshed = accounts
            .replace(/(0014x000088,[^\r]*?),Raj Iyer,/, '$1,Tom Becker,')
            .replace(/(0014x000053,[^\r]*?),Raj Iyer,/, '$1,Tom Becker,')
            .replace(
                '0014x000092,Initech Analytics,Mid Market,"$16,500"',
                '0014x000092,Initech Analytics,Enterprise,"$96,000"',
            );
        r.write({
            'data/accounts.csv':
                `${refreshed}0014x000401,Lakeside Health,Enterprise,"$180,000",Maya Patel,NA,Healthcare,2027-12-01,80\r\n` +
                '0014x000402,Brightwater Labs,SMB,"$6,000",,EMEA,Software,2027-11-15,70\r\n' +
                '0014x000403,Copperline Retail,SMB,"$4,800",,NA,Retail,2027-10-02,66\r\n',
        });
        const out = await capInProcess(['diff', '--git', 'main', 'plan.cap'], r.dir);
        expect(out.code).toBe(0);
        const lines = out.stdout.split('\n');
        for (const line of diff) expect(lines).toContain(line);
        // ceil(242 ÷ 40) = 7 weekly office hours (was 6): 112 + 4 h × 52/12 = 129.33 h of 120 h.
        expect(out.stdout).toMatch(/Scale utilization +│ +93\.3% │ +107\.8% │/);
        expect(out.stdout).toMatch(/tom load +│ +85% │ +89\.7% │/);
    });
});
