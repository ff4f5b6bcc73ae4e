import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cap, repo, requireBundle, root } from './diff-helpers.js';

/** What the README says about `cap diff` is what `cap diff` does. */

beforeAll(requireBundle);

const readme = readFileSync(join(root, 'README.md'), 'utf-8');
const section = readme.slice(readme.indexOf('## Reviewing plan changes'), readme.indexOf('## The language in brief'));

describe('README: Reviewing plan changes', () => {
    it('prints the example output for the change it describes', () => {
        // The README's model, with 10 more hours of meetings and a third CSM.
        const model = /```cap\n([\s\S]*?)```/.exec(readme)![1];
        const r = repo({ 'plan.cap': model });
        r.commit('plan');
        r.write({
            'plan.cap': `${model.replace('meetings 24h / month', 'meetings 34h / month')}agent dana { role CSM }\n`,
        });
        const expected = /```text\n([\s\S]*?)```/.exec(section)![1];
        const out = cap(['diff', '--git', 'main', 'plan.cap'], r.dir);
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

    it('the gates the workflow sets parse', () => {
        const workflow = readFileSync(join(root, 'examples/ci/cap-review.yml'), 'utf-8');
        const rules = /fail-on: \|.*\n((?: {12}\S.*\n)+)/.exec(workflow)![1].trim().split(/\n\s*/);
        expect(rules.length).toBeGreaterThan(0);
        const model = /```cap\n([\s\S]*?)```/.exec(readme)![1];
        const r = repo({ 'plan.cap': model });
        r.commit('plan');
        const out = cap(['diff', '--git', 'main', 'plan.cap', ...rules.flatMap(rule => ['--fail-on', rule])], r.dir);
        expect(out.stderr).toBe('');
        expect(out.code).toBe(0);
    });
});
