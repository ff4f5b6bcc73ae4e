import { describe, expect, it } from 'vitest';
import { repo } from './diff-helpers.js';
import { capInProcess } from './cli-helpers.js';

/**
 * `cap diff --git REF` when the pull request refreshes the CRM export (spec section 14): the CSV
 * is read at both versions and compared account by account (by its `key`), or row counts per
 * tier without one; the figures it moves are in the figures part as for any change.
 */

const PLAN = (key: string) => `data crm {
  file "data/accounts.csv"
  ${key}
  tier "Segment"
  revenue "ARR" per year
  owner "Owner" role CSM
}
role CSM { hours 160h / month  overhead 40h / month  cost $9,000 / month }
service Care { role CSM  effort 10h every month }
tier Enterprise { accounts from crm  revenue from crm  lifetime 36 months  services Care }
tier SMB { accounts from crm  revenue from crm  lifetime 24 months  services Care }
agent alice { role CSM }
agent bob { role CSM }
`;

const BEFORE = `ID,Segment,ARR,Owner
A1,Enterprise,120000,alice
A2,Enterprise,60000,alice
A3,SMB,12000,bob
A4,SMB,12000,bob
A5,SMB,9000,bob
`;

// A6 and A7 are new (SMB, $10,000 + $8,000); A5 is gone (−$9,000); A3 moved to Enterprise and
// its ARR went from $12,000 to $40,000 (+$28,000); A2 moved from alice to bob.
const AFTER = `ID,Segment,ARR,Owner
A1,Enterprise,120000,alice
A2,Enterprise,60000,bob
A3,Enterprise,40000,bob
A4,SMB,12000,bob
A6,SMB,10000,alice
A7,SMB,8000,bob
`;

function refreshed(key: string) {
    const r = repo({ 'plan.cap': PLAN(key), 'data/accounts.csv': BEFORE });
    r.commit('CRM export of Monday');
    r.write({ 'data/accounts.csv': AFTER });
    return r;
}

describe('cap diff --git across a refreshed CRM export', () => {
    it('with a key: accounts added, removed, moved between tiers, with a new owner; their figures', async () => {
        const r = refreshed('key "ID"');
        const out = await capInProcess(['diff', '--git', 'main', 'plan.cap', '--all'], r.dir);
        expect(out.stderr).toBe('');
        expect(out.code).toBe(0);
        const text = out.stdout;
        expect(text).toContain('Data changes');
        expect(text).toContain('  crm (data/accounts.csv): 5 → 6 rows, accounts compared by ID');
        expect(text).toContain('    2 accounts added: SMB 2 (+$18,000 ARR)');
        expect(text).toContain('    1 account removed: SMB 1 (-$9,000 ARR)');
        expect(text).toContain('    1 account moved between tiers: SMB → Enterprise 1');
        expect(text).toContain('    1 account changed owner: alice → bob 1'); // A2; A6 is new, not a change
        expect(text).toContain('    ARR changed on 1 account: +$28,000');
        // Enterprise 2 → 3 accounts; R = $180,000 ÷ 12 ÷ 2 = $7,500 → $220,000 ÷ 12 ÷ 3 = $6,111.
        // bob's book: A3, A4, A5 (3) → A2, A3, A4, A7 (4): 4 × 10 h = 40 h of 120 h = 33.3%.
        expect(text).toMatch(/Enterprise accounts\s+│\s+2\s+│\s+3\s+│\s+▲ \+1/);
        expect(text).toMatch(/Enterprise revenue per account \/mo\s+│\s+\$7,500\s+│\s+\$6,111/);
        expect(text).toMatch(/bob book\s+│\s+3\s+│\s+4/);
        expect(text).toMatch(/bob load\s+│\s+25%\s+│\s+33\.3%/);
        expect(text).toMatch(/alice book\s+│\s+2\s+│\s+2/); // --all: A1, A2 → A1, A6
    });

    it('in the pull-request comment and in JSON', async () => {
        const r = refreshed('key "ID"');
        const md = (await capInProcess(['diff', '--git', 'main', 'plan.cap', '--format', 'markdown'], r.dir)).stdout;
        expect(md).toContain('#### Data changes');
        expect(md).toContain('- `crm` (`data/accounts.csv`): 5 → 6 rows, accounts compared by ID');
        expect(md).toContain('  - 2 accounts added: SMB 2 (+\\$18,000 ARR)');
        const json = JSON.parse(
            (await capInProcess(['diff', '--git', 'main', 'plan.cap', '--format', 'json'], r.dir)).stdout,
        );
        expect(json.data).toMatchObject([
            {
                name: 'crm',
                file: 'data/accounts.csv',
                rows: [5, 6],
                key: 'ID',
                added: { count: 2, revenue: 18_000, byTier: [{ tier: 'SMB', count: 2 }] },
                removed: { count: 1, revenue: 9_000 },
                moved: { count: 1, pairs: [{ from: 'SMB', to: 'Enterprise', count: 1 }] },
                revenue: { accounts: 1, delta: 28_000 },
            },
        ]);
    });

    it('without a key: the rows of each tier', async () => {
        const r = refreshed('');
        const out = await capInProcess(['diff', '--git', 'main', 'plan.cap'], r.dir);
        expect(out.code).toBe(0);
        expect(out.stdout).toContain('  crm (data/accounts.csv): 5 → 6 rows');
        expect(out.stdout).toContain('    rows per tier: Enterprise 2 → 3');
        expect(out.stdout).not.toContain('accounts added');
    });

    it('an unchanged export shows no data change', async () => {
        const r = repo({ 'plan.cap': PLAN('key "ID"'), 'data/accounts.csv': BEFORE });
        r.commit('plan');
        r.write({ 'plan.cap': PLAN('key "ID"').replace('effort 10h', 'effort 12h') });
        const out = await capInProcess(['diff', '--git', 'main', 'plan.cap'], r.dir);
        expect(out.code).toBe(0);
        expect(out.stdout).not.toContain('Data changes');
    });
});
