/**
 * Spec section 15 through real text: a model reading a time log exported from a CS platform
 * (minutes, activity types that are not services, someone who left, an account in the CRM export),
 * every rule of "Window", "Figures", "Drift" and "Precisely", worked by hand from the rows.
 */
import { describe, expect, it } from 'vitest';
import { toReport } from '@cap/engine';
import { build, diagnostics, errors, withCode } from '../helpers.js';
import { assertionPathItems } from '../../packages/language/src/lsp/assertion-completion.js';
import { effortStep } from '../../packages/language/src/lsp/actuals-code-actions.js';

const MODEL = `
data crm { file "data/accounts.csv"  key "Account ID"  tier "Segment" }
role CSM { hours 160h / month  overhead 40h / month  cost $9,000 / month }
role Onboarding { hours 160h / month  overhead 40h / month  cost $8,000 / month }
service QBR { role CSM  effort 4h every quarter }
service CheckIn "Check-in call" { role CSM  effort 1h every month }
service Kickoff { role Onboarding  effort 10h once }
service Webinar { role CSM  effort 2h every month  seats 50 }
tier Enterprise { accounts from crm  lifetime 24 months  services QBR, CheckIn }
tier SMB { accounts from crm  new 2 / month  lifetime 24 months  services CheckIn, Kickoff, Webinar }
agent alice "Alice Chen" { role CSM }
agent bob { role CSM  fte 0.5 }
agent olga { role Onboarding }
actuals q1 "Q1 time log" {
  file "data/time.csv"
  date "Activity Date"
  agent "Assigned To"
  hours "Duration" min
  service "Activity Type" { "Business review" -> QBR }
  account "Account ID" in crm
  window 2027-01 to 2027-03
}
`;

// 3 Enterprise and 6 SMB accounts; X-1's segment matches no tier, so crm leaves it out.
const ACCOUNTS = [
    'Account ID,Segment',
    'E-1,Enterprise',
    'E-2,Enterprise',
    'E-3,Enterprise',
    'S-1,SMB',
    'S-2,SMB',
    'S-3,SMB',
    'S-4,SMB',
    'S-5,SMB',
    'S-6,SMB',
    'X-1,Unknown',
].join('\n');

const TIME = [
    'Activity Date,Assigned To,Duration,Activity Type,Account ID',
    '2027-01-10,Alice Chen,300,Business review,E-1', // QBR, Enterprise, 5 h
    '2027-02-11,alice,360,business review,E-2', // QBR, Enterprise, 6 h
    '2027-03-12T09:30:00Z,Alice Chen,240,QBR,E-3', // QBR, Enterprise, 4 h (a timestamp counts as its date)
    '2027-01-15,bob,90,Check-in call,S-1', // CheckIn (by title), SMB, 1.5 h
    '2027-02-15,bob,90,CheckIn,S-2', // CheckIn, SMB, 1.5 h
    '2027-03-15,olga,60,Check-in call,S-3', // CheckIn, SMB, 1 h: Onboarding's hours, planned
    '2027-01-20,Alice Chen,120,Check-in call,E-1', // CheckIn, Enterprise, 2 h
    '2027-02-20,Alice Chen,180,Check-in call,', // CheckIn, no account: tier unknown, 3 h
    '2027-03-20,Alice Chen,60,Check-in call,Z-9', // CheckIn, unknown key: tier unknown, 1 h
    '2027-03-22,bob,60,Check-in call,X-1', // CheckIn, a row crm leaves out: tier unknown, 1 h
    '2027-01-05,olga,600,Kickoff,S-4', // Kickoff, SMB, 10 h
    '2027-02-05,olga,540,Kickoff,S-5', // Kickoff, SMB, 9 h
    '2027-02-25,bob,120,Internal meeting,', // unplanned, CSM, 2 h
    '2027-03-25,olga,30,Training,', // unplanned, Onboarding, 0.5 h
    '2027-01-18,bob,120,Webinar,', // Webinar, 2 h
    '2027-01-30,Dana Whitfield,60,Check-in call,S-1', // someone who left: no agent
    '2026-12-30,alice,600,Check-in call,E-1', // kept, outside the window
    '2027-02-30,alice,60,Check-in call,E-1', // no such day: an error at the cell
    '2027-03-01,bob,abc,Check-in call,E-1', // not a number: an error at the cell
    '',
].join('\n');

const files = (time = TIME, model = MODEL) => ({
    '/m/main.cap': model,
    '/m/data/accounts.csv': ACCOUNTS,
    '/m/data/time.csv': time,
});

describe('§15 a model reading a time log', async () => {
    const m = await build(files());
    const a = m.evaluation.results.actuals.q1;

    it('builds: the only errors are the two cells that are not a date and not a number', () => {
        expect(errors(m).map(e => [e.code, e.file, e.line, e.column, e.text])).toEqual([
            ['CAP110', '/m/data/time.csv', 19, 1, '2027-02-30'],
            ['CAP111', '/m/data/time.csv', 20, 16, 'abc'],
        ]);
    });

    it('window: both months included, M = 3; entries are the kept rows inside it', () => {
        expect(a.window).toEqual({ from: '2027-01', to: '2027-03', months: 3 });
        // 3 QBR + 7 check-ins + 2 kickoffs + 2 unplanned + 1 webinar; not Dana's, December's or the two errors.
        expect(a.entries).toBe(15);
    });

    it('a recurring service: hours ÷ M against N·u·X·φ, occurrences N·u·φ, effort per occurrence', () => {
        // designed: 3 accounts × 4 h × 1/3 = 4 h a month; occurrences 3 × 1/3 = 1 a month.
        // logged: (5 + 6 + 4) h ÷ 3 = 5 h a month; variance 5 / 4 − 1 = +25%; 5 h per occurrence.
        expect(a.services.QBR).toEqual({
            designedHours: 4,
            actualHours: 5,
            variance: 0.25,
            occurrences: 1,
            actualEffort: 5,
            tiers: { Enterprise: { designedHours: 4, actualHours: 5, variance: 0.25 } },
        });
    });

    it('per tier from the rows whose tier is known; rows of unknown tier count in the total only', () => {
        // designed: Enterprise 3 × 1 h = 3 h, SMB 6 × 1 h = 6 h: 9 h, 9 occurrences a month.
        // logged: 1.5 + 1.5 + 1 + 2 + 3 + 1 + 1 = 11 h ÷ 3; Enterprise 2 h ÷ 3, SMB 4 h ÷ 3.
        const c = a.services.CheckIn;
        expect(c.designedHours).toBe(9);
        expect(c.occurrences).toBe(9);
        expect(c.actualHours).toBeCloseTo(11 / 3, 12);
        expect(c.variance).toBeCloseTo(11 / 27 - 1, 12);
        expect(c.actualEffort).toBeCloseTo(11 / 27, 12); // (11/3 h) ÷ 9
        expect(c.tiers.Enterprise.actualHours).toBeCloseTo(2 / 3, 12);
        expect(c.tiers.Enterprise.variance).toBeCloseTo(2 / 9 - 1, 12); // (2/3) / 3 − 1
        expect(c.tiers.SMB.actualHours).toBeCloseTo(4 / 3, 12);
        expect(c.tiers.SMB.variance).toBeCloseTo(4 / 18 - 1, 12); // (4/3) / 6 − 1
    });

    it('a once service: a·u·X designed, a·u occurrences', () => {
        // designed: 2 new a month × 10 h = 20 h, 2 occurrences; logged (10 + 9) h ÷ 3.
        const k = a.services.Kickoff;
        expect(k.designedHours).toBe(20);
        expect(k.occurrences).toBe(2);
        expect(k.actualHours).toBeCloseTo(19 / 3, 12);
        expect(k.actualEffort).toBeCloseTo(19 / 6, 12); // (19/3) ÷ 2
        expect(k.tiers.SMB.actualHours).toBeCloseTo(19 / 3, 12);
    });

    it('a seated service: ceil(N·u/S)·X·φ designed, no per-tier figures', () => {
        // designed: ceil(6 / 50) = 1 session × 2 h × 1 a month = 2 h; logged 2 h ÷ 3.
        expect(a.services.Webinar.designedHours).toBe(2);
        expect(a.services.Webinar.occurrences).toBe(1);
        expect(a.services.Webinar.actualHours).toBeCloseTo(2 / 3, 12);
        expect(a.services.Webinar.tiers).toEqual({});
    });

    it("a role: Σt demand[t][r] against its agents' hours, unplanned work included", () => {
        // CSM designed: QBR 4 + CheckIn 9 + Webinar 2 = 15 h.
        // alice 5 + 6 + 4 + 2 + 3 + 1 = 21 h; bob 1.5 + 1.5 + 1 + 2 + 2 = 8 h: 29 h ÷ 3; unplanned 2 h ÷ 3.
        expect(a.roles.CSM.designedHours).toBe(15);
        expect(a.roles.CSM.actualHours).toBeCloseTo(29 / 3, 12);
        expect(a.roles.CSM.unplannedHours).toBeCloseTo(2 / 3, 12);
        expect(a.roles.CSM.variance).toBeCloseTo(29 / 45 - 1, 12);
        // Onboarding: designed 20 h; olga's check-in counts for her role: 1 + 10 + 9 + 0.5 = 20.5 h ÷ 3.
        expect(a.roles.Onboarding.actualHours).toBeCloseTo(20.5 / 3, 12);
        expect(a.roles.Onboarding.unplannedHours).toBeCloseTo(0.5 / 3, 12);
    });

    it('an agent: its hours ÷ M, and actual load over fte · count · E without ramp', () => {
        // E = 160 − 40 = 120 h. alice 21 h ÷ 3 = 7 h: 7 / 120. bob (fte 0.5) 8/3 h: (8/3) / 60.
        expect(a.agents.alice.actualHours).toBe(7);
        expect(a.agents.alice.actualLoad).toBeCloseTo(7 / 120, 12);
        expect(a.agents.bob.actualLoad).toBeCloseTo(8 / 3 / 60, 12);
        expect(Object.keys(a.agents)).toEqual(['alice', 'bob', 'olga']);
    });

    it('unmatched: unknown agents by value and unknown account keys, over the whole file', () => {
        expect(a.unmatched).toEqual({ agent: { 'Dana Whitfield': 1 }, account: 1, tier: null });
        const report = toReport(m.evaluation).actuals.q1;
        expect(report.unmatched).toEqual({ agent: { 'Dana Whitfield': 1 }, account: 1 });
    });

    it('warnings on the block: the agent who left and the unknown key, with their row counts', () => {
        expect(withCode(m, 'CAP092').map(d => [d.line, d.text, d.message])).toEqual([
            [
                17,
                '"Assigned To"',
                '"Dana Whitfield" names no agent: its 1 row is left out (someone who left, or an agent to declare)',
            ],
        ]);
        expect(withCode(m, 'CAP093').map(d => [d.line, d.text])).toEqual([[20, '"Account ID"']]);
    });

    it('drift beyond the tolerance: a warning on the effort with both figures and the effort per occurrence', () => {
        const drift = withCode(m, 'CAP091');
        expect(drift.map(d => [d.line, d.text])).toEqual([
            [5, '4h'],
            [6, '1h'],
            [7, '10h'],
            [8, '2h'],
        ]);
        expect(drift[0].message).toBe(
            'QBR: designed 4 h a month, logged 5 h (+25%) in 2027-01..2027-03 from 3 entries: ' +
                '5 h per occurrence, not 4 h',
        );
    });

    it('the report: hours and occurrences per reporting period, effort and variance not', async () => {
        const quarterly = await build(files(TIME, MODEL.replace('data crm', 'model M { period quarter }\ndata crm')));
        const q = toReport(quarterly.evaluation).actuals.q1;
        expect(q.services.QBR.actualHours).toBe(15); // 5 h a month × 3
        expect(q.services.QBR.occurrences).toBe(3);
        expect(q.services.QBR.actualEffort).toBe(5);
        expect(q.services.QBR.variance).toBe(0.25);
    });
});

describe('§15 rules of the block', () => {
    it('without a window, the months from the earliest to the latest kept row', async () => {
        const m = await build(files(TIME, MODEL.replace('  window 2027-01 to 2027-03\n', '')));
        const a = m.evaluation.results.actuals.q1;
        expect(a.window).toEqual({ from: '2026-12', to: '2027-03', months: 4 });
        expect(a.entries).toBe(16);
    });

    it('drift is strict: a variance equal to the tolerance does not warn', async () => {
        const m = await build(files(TIME, MODEL.replace('  window', '  tolerance 25%\n  window')));
        expect(withCode(m, 'CAP091').map(d => d.text)).not.toContain('4h');
    });

    it('a service no tier receives with logged hours warns', async () => {
        const model = MODEL.replace('services CheckIn, Kickoff, Webinar', 'services CheckIn, Kickoff');
        const m = await build(files(TIME, model));
        const webinar = withCode(m, 'CAP091').find(d => d.text === '2h');
        expect(webinar?.message).toMatch(/^Webinar: logged 0\.7 h a month on a service no tier receives/);
    });

    it('hours in h by default; a tier column instead of an account', async () => {
        const time = 'Day,Who,Hours,Type,Segment\n2027-01-03,alice,2.5,QBR,Enterprise\n2027-01-04,alice,1,QBR,Mid\n';
        const model =
            MODEL.slice(0, MODEL.indexOf('actuals q1')) +
            'actuals q1 { file "data/time.csv" date "Day" agent "Who" hours "Hours" service "Type" tier "Segment" }';
        const m = await build(files(time, model));
        const a = m.evaluation.results.actuals.q1;
        expect(a.services.QBR.actualHours).toBe(3.5);
        expect(a.services.QBR.tiers.Enterprise.actualHours).toBe(2.5);
        expect(a.unmatched).toEqual({ agent: {}, account: 0, tier: { Mid: 1 } });
    });

    it('a missing column is an error on the string that names it, listing the header', async () => {
        const m = await build(files(TIME, MODEL.replace('"Duration"', '"Minutes"')));
        expect(withCode(m, 'CAP081').map(d => [d.text, d.message])).toEqual([
            [
                '"Minutes"',
                '"data/time.csv" has no column "Minutes"; its columns are "Activity Date", "Assigned To", ' +
                    '"Duration", "Activity Type", "Account ID"',
            ],
        ]);
    });

    it('the block checks its own text: required columns, the window, the tolerance, account in a keyed block', async () => {
        const model =
            'data crm { file "a.csv"  tier "Segment" }\n' +
            'actuals q1 { file "t.csv"  window 2027-03 to 2027-01  tolerance 20h  account "A" in crm  hours "D" sec }\n';
        const m = await build({ '/m/main.cap': model, '/m/a.csv': 'Segment\n', '/m/t.csv': 'D\n' });
        const found = diagnostics(m).map(d => [d.code, d.text]);
        expect(found).toEqual(
            expect.arrayContaining([
                ['CAP090', '2027-01'],
                ['CAP090', '20h'],
                ['CAP095', 'crm'],
                ['CAP022', 'sec'],
                ['CAP011', 'q1'],
            ]),
        );
    });

    it('data and actuals blocks: a property given twice, a value paired twice, what is missing', async () => {
        const model =
            'data crm { file "a.csv"  key "ID"  key "Key"  tier "Segment" { "Gold" -> E  "gold" -> S }\n' +
            '  owner "CSM" role R  owner "AE" role R2 }\n' +
            'role R { hours 160h / month }\nrole R2 { hours 160h / month }\n' +
            'tier E { accounts 1 }\ntier S { accounts 1 }\n' +
            'service Q { role R  effort 1h every month }\nservice C { role R  effort 1h every month }\n' +
            'actuals q1 { file "t.csv"  file "u.csv"  service "Type" { "Review" -> Q  "review " -> C } }\n';
        const m = await build({ '/m/main.cap': model, '/m/a.csv': 'ID,Key,Segment,CSM,AE\n', '/m/t.csv': 'Type\n' });
        const at = (code: string) => withCode(m, code).map(d => [d.line, d.column, d.text, d.message]);
        // The second `key` and the second `file`, on their keyword; two owner columns of two roles are fine.
        expect(at('CAP012')).toEqual([
            [1, 36, 'key', '`key` is given twice in data crm; keep one'],
            [9, 28, 'file', '`file` is given twice in actuals q1; keep one'],
        ]);
        // Values compare without case and surrounding spaces; the second pair is the one reported.
        expect(at('CAP084')).toEqual([
            [1, 77, '"gold" -> S', '"gold" is paired with both E and S: a value matches one tier'],
            [9, 74, '"review " -> C', '"review " is paired with both Q and C: an activity is one service'],
        ]);
        // The data block has its file and tier; the actuals block lacks date, agent and hours.
        expect(withCode(m, 'CAP011').map(d => [d.line, d.text, d.message])).toEqual([
            [9, 'q1', 'Actuals q1 needs `date`, e.g. `date "Activity Date"`'],
            [9, 'q1', 'Actuals q1 needs `agent`, e.g. `agent "Assigned To"`'],
            [9, 'q1', 'Actuals q1 needs `hours`, e.g. `hours "Duration" min`'],
        ]);
    });

    it("v1.1's words stay valid names: an agent `window`, a role `actuals`, an overhead item `in`", async () => {
        const m = await build(
            'role actuals { hours 160h / month  overhead { in 10h / month  to 5h / month }  cost $1 / month }\n' +
                'agent window { role actuals }\nagent tolerance { role actuals }\nagent date { role actuals }\n' +
                'agent account { role actuals }\n',
        );
        expect(errors(m)).toEqual([]);
        expect(m.evaluation.results.roles.actuals.effectivePerFte).toBe(145);
    });

    it('a name shared by an actuals block and a data block is an error', async () => {
        const model = MODEL.replace('actuals q1', 'actuals crm');
        const m = await build(files(TIME, model));
        expect(withCode(m, 'CAP010').map(d => d.text)).toEqual(['crm', 'crm']);
    });

    it('an assertion on actuals fails the build like any guardrail; completion offers the paths', async () => {
        const m = await build(
            files(TIME, `${MODEL}assert q1.QBR.variance <= 20%\nassert q1.CSM.unplannedHours < 1h\n`),
        );
        expect(withCode(m, 'CAP072').map(d => d.message)).toEqual(['q1.QBR.variance is 25%, must be <= 20%']);
        const names = assertionPathItems(m.evaluation, ['q1', '']).map(i => i.label);
        expect(names).toEqual(expect.arrayContaining(['QBR', 'CheckIn', 'CSM', 'Onboarding', 'alice', 'olga']));
        const figures = assertionPathItems(m.evaluation, ['q1', 'QBR', '']).map(i => i.label);
        expect(figures).toEqual(['designedHours', 'actualHours', 'variance', 'occurrences', 'actualEffort']);
        expect(assertionPathItems(m.evaluation, ['']).map(i => i.label)).toContain('q1');
    });

    it('the drift quick fix rounds the logged effort to a step a plan writes', () => {
        expect(effortStep(5.2917)).toBe('5.3'); // tenths under 10 h
        expect(effortStep(10.4329)).toBe('10.5'); // halves up to 100 h
        expect(effortStep(32.74)).toBe('32.5');
        expect(effortStep(123.4)).toBe('123'); // whole hours above
        expect(effortStep(0.01)).toBe('0.1'); // never 0
    });
});
