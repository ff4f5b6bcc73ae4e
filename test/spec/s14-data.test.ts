/**
 * Spec section 14 through real text: a model reading a CRM export, every rule of "The file",
 * "Values", "Tiers", "Books" and "Precisely", with the figures worked by hand from the rows.
 */
import { describe, expect, it } from 'vitest';
import { reportToJson, toReport } from '@cap/engine';
import { toReportDiagnostics } from '@cap/language';
import { build, diagnostics, errors, withCode } from '../helpers.js';

/** A model of CSMs serving Enterprise and SMB from crm, plus whatever a test adds. */
const MODEL = `
data crm "CRM accounts" {
  file "data/accounts.csv"
  key "Account ID"
  tier "Segment" { "Strategic" -> Enterprise }
  revenue "ARR" per year
  owner "Account Owner" role CSM
}
role CSM { hours 160h / month  cost $9,000 / month }
service Care { role CSM  effort 1h every month }
tier Enterprise "Large accounts" { accounts from crm  revenue from crm  lifetime 36 months  services Care }
tier SMB { accounts from crm  revenue from crm  lifetime 24 months  services Care }
agent alice "Alice Chen" { role CSM }
agent bob { role CSM }
`;

// Enterprise: rows 1 (pair "Strategic", spaces and case), 2 (title "large accounts"), 3 (name):
// 3 accounts, ARR $120,000 + $60,000 + $90,000 = $270,000 → R = $270,000 / 12 / 3 = $7,500.
// SMB: rows 4 and 5: ARR 12,000 USD + 1.2k = $13,200 → R = $13,200 / 12 / 2 = $550.
const CSV = [
    'Account ID,Account Name,Segment,ARR,Account Owner',
    'A-1,Acme,  strategic ,"$120,000",alice chen',
    'A-2,Globex,Large Accounts,60000,bob',
    'A-3,Initech,Enterprise,90k,',
    'A-4,Umbrella,SMB,12000 USD,Alice Chen',
    'A-5,Hooli,smb,1.2k,Dana Whitfield',
    ',,,,',
    '  ,  , ,,',
    '',
].join('\n');

const files = (csv = CSV, model = MODEL) => ({ '/m/main.cap': model, '/m/data/accounts.csv': csv });

describe('§14 a model reading a CRM export', async () => {
    const m = await build(files());
    const r = m.evaluation.results;

    it('builds without errors', () => {
        expect(errors(m)).toEqual([]);
    });

    it('counts every non-empty row; rows whose fields are all empty or only spaces are skipped', () => {
        expect(r.data.crm.rows).toBe(5);
    });

    it("matches values without surrounding spaces and case: a pair first, then a tier's name or title", () => {
        expect(r.tiers.Enterprise.accounts).toBe(3); // "  strategic ", "Large Accounts", "Enterprise"
        expect(r.tiers.SMB.accounts).toBe(2); // "SMB", "smb"
    });

    it('R_t = Σ revenue / len(u) / N_t, reading §1 numbers with the currency or its code', () => {
        expect(r.tiers.Enterprise.revenuePerAccount).toBe(7_500); // $270,000 / 12 / 3
        expect(r.tiers.SMB.revenuePerAccount).toBe(550); // $13,200 / 12 / 2
    });

    it('an owner matches an agent of the role by name or title; an empty cell has no owner', () => {
        // Enterprise: 3 accounts × 1 h = 3 h; alice owns A-1, bob has no owner.
        // SMB: 2 h; alice owns A-4, A-5's "Dana Whitfield" is no agent.
        expect(r.agents.alice.assignedHours).toBeCloseTo(1 + 1, 12); // 3 h × 1/3 + 2 h × 1/2
        expect(r.agents.bob.assignedHours).toBeCloseTo(1, 12); // 3 h × 1/3
        expect(r.agents.alice.bookAccounts).toBe(2);
        expect(r.agents.alice.bookRevenue).toBe(11_000); // ($120,000 + $12,000) / 12
        expect(r.agents.bob.bookRevenue).toBe(5_000); // $60,000 / 12
    });

    it('an owner value that names no agent: one warning with its rows, on the owner line', () => {
        expect(withCode(m, 'CAP085')).toMatchObject([
            {
                severity: 2,
                line: 7,
                text: '"Account Owner"',
                message: '"Dana Whitfield" in Account Owner is no CSM agent: 1 account has no owner',
            },
        ]);
    });

    it("the unowned share is unserved, located at the tier as §7's warning", () => {
        expect(withCode(m, 'CAP050').map(d => [d.text, d.message])).toEqual([
            ['Enterprise', '1 h a month of CSM work in Enterprise is unserved: 1 of 3 accounts have no CSM owner'],
            ['SMB', '1 h a month of CSM work in SMB is unserved: 1 of 2 accounts have no CSM owner'],
        ]);
    });

    it('the report names the file relative to the entry file, with its sha256, and lists unmatched values', async () => {
        const report = toReport(m.evaluation, toReportDiagnostics(m.diagnostics, m.entry));
        const { createHash } = await import('node:crypto');
        expect(report.data).toEqual({
            crm: {
                file: 'data/accounts.csv',
                sha256: createHash('sha256').update(CSV).digest('hex'),
                rows: 5,
                tiers: { Enterprise: 3, SMB: 2 },
                unmatched: { tier: {}, owner: { 'Dana Whitfield': 1 } },
            },
        });
    });
});

describe('§14 the file', () => {
    it('a missing file is an error on the string that names it', async () => {
        const m = await build({ '/m/main.cap': MODEL });
        expect(withCode(m, 'CAP080')).toMatchObject([
            {
                severity: 1,
                line: 3,
                text: '"data/accounts.csv"',
                message: 'Cannot find "data/accounts.csv" (looked for /m/data/accounts.csv)',
            },
        ]);
    });

    it('a missing column is an error on its string, listing the header', async () => {
        const m = await build(files(CSV.replace('Account Owner', 'Owner')));
        expect(withCode(m, 'CAP081')).toMatchObject([
            {
                line: 7,
                text: '"Account Owner"',
                message:
                    '"data/accounts.csv" has no column "Account Owner"; its columns are "Account ID", "Account Name", "Segment", "ARR", "Owner"',
            },
        ]);
    });

    it('a column is matched by its trimmed header text, exactly first, else without case', async () => {
        const csv = CSV.replace('Segment', ' SEGMENT ').replace('ARR', 'arr');
        const m = await build(files(csv));
        expect(errors(m)).toEqual([]);
        expect(m.evaluation.results.tiers.Enterprise.accounts).toBe(3);
        const exact = await build(
            files(
                'Segment,segment\nSMB,Enterprise\n',
                MODEL.replace(/key.*\n/, '')
                    .replace(/revenue "ARR".*\n/, '')
                    .replace(/owner.*\n/, '')
                    .replace(/revenue from crm/g, 'arr $1'),
            ),
        );
        expect(exact.evaluation.results.tiers.SMB.accounts).toBe(1); // "Segment" matches exactly: the first column
        const ambiguous = await build(
            files(
                'segment,SEGMENT\nSMB,SMB\n',
                MODEL.replace(/key.*\n/, '')
                    .replace(/revenue "ARR".*\n/, '')
                    .replace(/owner.*\n/, '')
                    .replace(/revenue from crm/g, 'arr $1'),
            ),
        );
        expect(withCode(ambiguous, 'CAP081').map(d => d.message)).toEqual([
            '"Segment" names 2 columns of "data/accounts.csv" ("segment", "SEGMENT"): rename one in the export',
        ]);
    });

    it('reads `separator ";"` and `separator tab` exports, CRLF line ends and a byte-order mark', async () => {
        const semicolon = `\ufeff${CSV.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/gm, ';').replace(/\n/g, '\r\n')}`;
        const m = await build(
            files(semicolon, MODEL.replace('file "data/accounts.csv"', 'file "data/accounts.csv"  separator ";"')),
        );
        expect(errors(m)).toEqual([]);
        expect(m.evaluation.results.tiers.Enterprise.revenuePerAccount).toBe(7_500);
        const tab = CSV.replace(/"\$120,000"/, '$120000').replace(/,/g, '\t');
        const t = await build(
            files(tab, MODEL.replace('file "data/accounts.csv"', 'file "data/accounts.csv"  separator tab')),
        );
        expect(errors(t)).toEqual([]);
        expect(t.evaluation.results.tiers.Enterprise.revenuePerAccount).toBe(7_500);
    });

    it('is read relative to the file that names it, and a model may read several', async () => {
        const m = await build({
            '/m/main.cap':
                'import "teams/data.cap"\nrole CSM { hours 160h / month  cost $1 / month }\n' +
                'tier SMB { accounts from crm  lifetime 24 months }\ntier Enterprise { accounts from big  lifetime 24 months }',
            '/m/teams/data.cap':
                'data crm { file "exports/a.csv"  tier "Segment" }\ndata big { file "../b.csv"  tier "Segment" }',
            '/m/teams/exports/a.csv': 'Segment\nSMB\nSMB\n',
            '/m/b.csv': 'Segment\nEnterprise\n',
        });
        expect(errors(m)).toEqual([]);
        expect(m.evaluation.results.tiers.SMB.accounts).toBe(2);
        expect(m.evaluation.results.tiers.Enterprise.accounts).toBe(1);
        expect(Object.values(m.evaluation.results.data).map(d => d.file)).toEqual(['teams/exports/a.csv', 'b.csv']);
    });

    it('a row with fewer fields than the header has empty fields; one with more is an error at that row', async () => {
        const m = await build(files(`${CSV}A-6,Short,SMB,100\nA-7,Long,SMB,100,bob,extra\n`));
        expect(m.evaluation.results.tiers.SMB.accounts).toBe(3); // A-6 counts, with no owner; A-7 is left out
        expect(withCode(m, 'CAP106')).toMatchObject([
            { file: '/m/data/accounts.csv', line: 10, column: 1, text: 'A-7,Long,SMB,100,bob,extra' },
        ]);
    });

    it('a key seen twice is an error at its second row', async () => {
        const m = await build(files(`${CSV}A-2,Again,SMB,100,bob\n`));
        expect(withCode(m, 'CAP105')).toMatchObject([
            {
                file: '/m/data/accounts.csv',
                line: 9,
                column: 1,
                text: 'A-2',
                message: '"A-2" in Account ID is the key of the row on line 3 too: a key names one account',
            },
        ]);
    });
});

describe('§14 values', () => {
    it('a tier value that maps to no tier leaves its rows out: one warning per value, with its rows, on the tier line', async () => {
        const m = await build(files(`${CSV}A-6,X,Strategic Accts,1,\nA-7,Y,strategic accts,1,\nA-8,Z,,1,\n`));
        expect(withCode(m, 'CAP082').map(d => [d.line, d.text, d.message])).toEqual([
            [
                5,
                '"Segment"',
                '"Strategic Accts" in Segment matches no tier: 2 rows left out; pair it with a tier (`"Strategic Accts" -> Tier`) or name a tier or its title so',
            ],
            [5, '"Segment"', '1 row with an empty Segment is left out: give it a segment, or pair "" with a tier'],
        ]);
        expect(m.evaluation.results.data.crm.unmatched.tier).toEqual({ 'Strategic Accts': 2, '': 1 });
        expect(m.evaluation.results.data.crm.rows).toBe(8);
    });

    it('a value that matches two tiers is an error, and so is one that names two agents of the role', async () => {
        const model = MODEL.replace('tier SMB {', 'tier SMB "Enterprise" {').replace(
            'agent bob {',
            'agent bob "Alice Chen" {',
        );
        const m = await build(files(CSV, model));
        expect(withCode(m, 'CAP084').map(d => d.message)).toEqual([
            '"Enterprise" in Segment matches both Enterprise and SMB: pair it with one (`"Enterprise" -> Enterprise`)',
            '"alice chen" in Account Owner names both alice and bob, agents of CSM: give one of them another title',
        ]);
    });

    it('revenue cells: another currency, a negative amount, an empty cell in a tier and anything else are errors at the cell', async () => {
        const csv = `${CSV}A-6,Q,SMB,"€8,000",\nA-7,R,SMB,-50,\nA-8,S,SMB,  ,\nA-9,T,SMB,"12,5OO",\n`;
        const m = await build(files(csv));
        expect(errors(m).map(d => [d.code, `${d.line}:${d.column}`, d.text, d.message])).toEqual([
            // `A-6,Q,SMB,` is 10 characters: the cell starts in column 11
            ['CAP103', '9:11', '"€8,000"', '"€8,000" in ARR is in EUR, not USD, the model\'s currency'],
            ['CAP102', '10:11', '-50', '"-50" in ARR is negative: revenue is an amount of 0 or more'],
            [
                'CAP104',
                '11:11',
                '  ',
                'ARR is empty in a row of SMB, which takes its revenue from this file: give it an amount (0 if the account pays nothing)',
            ],
            ['CAP101', '12:11', '"12,5OO"', '"12,5OO" in ARR is not an amount: write it like 12,500 or $12,500'],
        ]);
    });

    it('revenue cells are read only for rows of tiers with `revenue from`', async () => {
        const m = await build(
            files(`${CSV}A-6,Q,SMB,n/a,\n`, MODEL.replace('revenue from crm  lifetime 24', 'mrr $550  lifetime 24')),
        );
        expect(errors(m)).toEqual([]);
        expect(m.evaluation.results.tiers.SMB.revenuePerAccount).toBe(550);
    });

    it("at most 100 cells are marked; one more diagnostic on the column's header counts the rest", async () => {
        const bad = Array.from({ length: 130 }, (_, i) => `B-${i},x,SMB,oops,`).join('\n');
        const m = await build(files(`${CSV}${bad}\n`));
        const cells = withCode(m, 'CAP101');
        expect(cells.length).toBe(101);
        expect(cells[100]).toMatchObject({
            line: 1,
            text: 'ARR',
            message: '…and 30 more cells in ARR like the ones marked',
        });
    });
    it('unmatched.owner takes all owner columns together: a value in two columns, of any case, is one entry', async () => {
        // Two owner columns (CSM, AM). Unmatched: row A-1's AM "zed" (first seen), A-2's CSM "Zed ",
        // A-3's CSM " ZED": one value, "zed", 3 rows; each column still warns once, on its own line.
        const model = MODEL.replace(
            'owner "Account Owner" role CSM',
            'owner "Account Owner" role CSM\n  owner "AM" role AM',
        ).concat('role AM { hours 160h / month  cost $9,000 / month }\nagent ann { role AM }\n');
        const csv = [
            'Account ID,Account Name,Segment,ARR,Account Owner,AM',
            'A-1,Acme,SMB,1200,alice,zed',
            'A-2,Globex,SMB,1200,Zed ,ann',
            'A-3,Initech,SMB,1200, ZED,',
            '',
        ].join('\n');
        const m = await build(files(csv, model));
        expect(errors(m)).toEqual([]);
        expect(m.evaluation.results.data.crm.unmatched.owner).toEqual({ zed: 3 });
        expect(withCode(m, 'CAP085').map(d => d.message)).toEqual([
            '"Zed" in Account Owner is no CSM agent: 2 accounts have no owner',
            '"zed" in AM is no AM agent: 1 account has no owner',
        ]);
    });
    it('unmatched maps are written in code-point order, numeric-looking values included', async () => {
        // Segment codes "10", "9", "2" and owner ids "4", "23" match nothing. Code-point order puts
        // "10" before "2" before "9"; a JavaScript object alone would put them in numeric order.
        const csv = ['Account ID,Account Name,Segment,ARR,Account Owner', 'A-1,a,10,1,', 'A-2,b,9,1,', 'A-3,c,2,1,'];
        csv.push('A-4,d,SMB,1,4', 'A-5,e,SMB,1,23', 'A-6,f,Zed,1,', '');
        const m = await build(files(csv.join('\n')));
        const json = reportToJson(toReport(m.evaluation, toReportDiagnostics(m.diagnostics, m.entry)));
        const unmatched = json.slice(json.indexOf('"unmatched"'), json.indexOf('"scenarios"'));
        expect(unmatched.match(/"[^"]*": \d+/g)).toEqual([
            '"10": 1',
            '"2": 1',
            '"9": 1',
            '"Zed": 1',
            '"23": 1',
            '"4": 1',
        ]);
    });
    it('a value spelled like an object key (`__proto__`, `constructor`) is a value like any other', async () => {
        const csv = `${CSV}A-6,f,__proto__,1,\nA-7,g,constructor,1,\nA-8,h,SMB,1,__proto__\n`;
        const m = await build(files(csv));
        const report = toReport(m.evaluation, toReportDiagnostics(m.diagnostics, m.entry));
        const unmatched = JSON.parse(reportToJson(report)).data.crm.unmatched;
        expect(Object.entries(unmatched.tier)).toEqual([
            ['__proto__', 1],
            ['constructor', 1],
        ]);
        expect(Object.entries(unmatched.owner)).toEqual([
            ['Dana Whitfield', 1],
            ['__proto__', 1],
        ]);
    });
});

describe('§14 tiers', () => {
    it('`accounts from D` together with `accounts N` is a property given twice', async () => {
        const m = await build(
            files(
                CSV,
                MODEL.replace(
                    'accounts from crm  revenue from crm  lifetime 24',
                    'accounts from crm  accounts 40  revenue from crm  lifetime 24',
                ),
            ),
        );
        expect(withCode(m, 'CAP012').map(d => d.message)).toEqual(['`accounts` is given twice in tier SMB; keep one']);
    });

    it('`revenue from D` needs `accounts from D`; a tier with 0 rows is warned about', async () => {
        const model = `${MODEL}\ntier Mid { accounts 4  revenue from crm  lifetime 24 months }\ntier Empty { accounts from crm  lifetime 24 months }`;
        const m = await build(files(CSV, model));
        expect(withCode(m, 'CAP087').map(d => d.message)).toEqual([
            "Revenue per account from crm is its rows' revenue over their number: this tier needs `accounts from crm` too",
        ]);
        expect(withCode(m, 'CAP086')).toMatchObject([
            { text: 'accounts', message: 'No row of crm is in Empty: it has 0 accounts' },
        ]);
    });

    it('rows whose tier takes no `accounts from D` are left out, one warning per tier, and belong to no book', async () => {
        const m = await build(
            files(
                CSV,
                MODEL.replace('accounts from crm  revenue from crm  lifetime 24', 'accounts 2  mrr $550  lifetime 24'),
            ),
        );
        expect(withCode(m, 'CAP083').map(d => d.message)).toEqual([
            '2 rows of SMB are left out: SMB does not take `accounts from crm`',
        ]);
        expect(m.evaluation.results.agents.alice.bookAccounts).toBe(1); // A-1 only
    });

    it("only a tier's accounts and revenue come from data, and a scenario gives numbers", async () => {
        const model = `${MODEL}\nrole AM { hours from crm  cost $1 / month }\nscenario Up { tier SMB { accounts from crm } }`;
        const m = await build(files(CSV, model));
        expect(withCode(m, 'CAP087').map(d => d.message)).toEqual([
            "`hours` cannot come from a data block: a tier's `accounts` and `revenue` can (`accounts from crm`)",
            "A scenario gives numbers, not data: override `accounts` with a value (`accounts 1,700`), or change the data block's file",
        ]);
    });

    it("a scenario may type a data-backed tier's accounts: assigned by §7 there, revenue per account the base's", async () => {
        const m = await build(files(CSV, `${MODEL}\nscenario Up { tier Enterprise { accounts 30 } }`));
        expect(errors(m)).toEqual([]);
        const up = m.evaluation.scenarios.get('Up')!.results;
        expect(up.tiers.Enterprise.accounts).toBe(30);
        expect(up.tiers.Enterprise.revenuePerAccount).toBe(7_500);
        // 30 h of Enterprise split by §7 between alice and bob, plus SMB's book (alice 1 h).
        expect(up.agents.alice.assignedHours).toBeCloseTo(15 + 1, 12);
        expect(up.agents.bob.assignedHours).toBeCloseTo(15, 12);
    });

    it("a scenario's owners are its own agents: one it adds or retitles owns the rows that name it", async () => {
        // A-5 (SMB, ARR 1.2k, owner "Dana Whitfield") has no owner in the base. SMB: 2 accounts × 1 h.
        const model = `${MODEL}
scenario Hire { agent dana "Dana Whitfield" { role CSM } }
scenario Rename { agent bob "Dana Whitfield" { } }`;
        const m = await build(files(CSV, model));
        expect(errors(m)).toEqual([]);
        expect(m.evaluation.results.agents.alice.assignedHours).toBeCloseTo(2, 12); // base: A-5's 1 h unserved
        const hire = m.evaluation.scenarios.get('Hire')!.results.agents;
        expect(hire.dana).toMatchObject({ bookAccounts: 1, bookRevenue: 100 }); // $1,200 / 12
        expect(hire.dana.assignedHours).toBeCloseTo(1, 12); // 2 h × 1/2
        expect(hire.alice).toMatchObject({ bookAccounts: 2, bookRevenue: 11_000 }); // unchanged
        const rename = m.evaluation.scenarios.get('Rename')!.results.agents;
        // bob owns A-2 by name (Enterprise, 3 h × 1/3, $60,000 / 12) and A-5 by title (2 h × 1/2, $100).
        expect(rename.bob).toMatchObject({ bookAccounts: 2, bookRevenue: 5_100 });
        expect(rename.bob.assignedHours).toBeCloseTo(2, 12);
    });
});

describe('§14 names', () => {
    it('data names are unique among data blocks and differ from every scenario', async () => {
        const model = `${MODEL}\ndata crm { file "data/accounts.csv"  tier "Segment" }\nscenario crm { }`;
        const m = await build(files(CSV, model));
        expect(withCode(m, 'CAP010').map(d => [d.line, d.message])).toEqual([
            [2, "Duplicate data block name `crm`: another data block in this model's files has the same name"],
            [16, "Duplicate data block name `crm`: another data block in this model's files has the same name"],
            [17, "Duplicate scenario name `crm`: a data block in this model's files has the same name"],
        ]);
    });

    it('an owner column needs its role; two owner columns of one role are an error', async () => {
        const model = MODEL.replace(
            'owner "Account Owner" role CSM',
            'owner "Account Owner" role CSM\n  owner "Account Name" role CSM\n  owner "Segment"',
        );
        const m = await build(files(CSV, model));
        expect(withCode(m, 'CAP088').map(d => d.message)).toEqual([
            'Two owner columns for CSM: an account has one CSM owner, so keep one',
            'Say whose agents own the accounts: `owner "Segment" role CSM`',
        ]);
    });

    it('the diagnostics of a data file are listed in the report with its path', async () => {
        const m = await build(files(`${CSV}A-9,T,SMB,"12,5OO",\n`));
        const report = toReport(m.evaluation, toReportDiagnostics(m.diagnostics, m.entry));
        expect(report.diagnostics.filter(d => d.code === 'CAP101')).toEqual([
            {
                severity: 'error',
                code: 'CAP101',
                message: '"12,5OO" in ARR is not an amount: write it like 12,500 or $12,500',
                file: 'data/accounts.csv',
                line: 9,
                column: 11,
            },
        ]);
        expect(diagnostics(m).some(d => d.file === '/m/data/accounts.csv')).toBe(true);
    });
});

describe("v1.1's words are keywords only where the grammar expects them", () => {
    it('a v1 model that names an agent `owner`, an overhead item `data`, a role `key` stays valid', async () => {
        const m = await build(`
role key { hours 160h / month  overhead { data 10h / month  file 10h / month }  cost $9,000 / month }
service from { role key  effort 1h every month }
tier separator { accounts 10  lifetime 24 months  services from }
tier tab { accounts 5  lifetime 24 months  services from }
agent owner { role key  tiers separator, tab }
assert owner.load <= 100%
assert key.data < 1
`);
        // `key.data` names no figure: the words parse as names, and only the assertion's path is wrong.
        expect(errors(m).map(d => d.code)).toEqual(['CAP070']);
        const r = m.evaluation.results;
        expect(r.roles.key.effectivePerFte).toBe(140); // 160 h − 10 h − 10 h
        expect(r.agents.owner.assignedHours).toBe(15); // 10 + 5 accounts × 1 h
        expect(m.evaluation.assertions[0]).toMatchObject({ ok: true });
    });
});
