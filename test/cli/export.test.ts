import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { sheetToCsv, field } from '../../packages/cli/src/export/csv.js';
import { financeSheets, moneyFormat } from '../../packages/cli/src/export/sheets.js';
import { report, runModel } from '../../packages/cli/src/model-run.js';
import { capInProcess, root, scratchDir, writeIn } from './cli-helpers.js';

/**
 * `cap export`: the workbook of every example, read back with an independent reader (SheetJS,
 * which shares no code with exceljs), its figures held against the model's JSON report.
 */

// Every example folder's model (its top-level .cap file), so that a new example is exported too.
const EXAMPLES = readdirSync(join(root, 'examples'), { withFileTypes: true })
    .filter(d => d.isDirectory())
    .flatMap(d =>
        readdirSync(join(root, 'examples', d.name))
            .filter(f => f.endsWith('.cap'))
            .map(f => `${d.name}/${f}`),
    )
    .sort();

type Row = Record<string, XLSX.CellObject | undefined>;

/** A sheet's rows keyed by its header row's titles, cells as SheetJS read them (value `v`, format `z`). */
function table(book: XLSX.WorkBook, name: string): Row[] {
    const sheet = book.Sheets[name];
    expect(sheet, `sheet ${name}`).toBeDefined();
    const range = XLSX.utils.decode_range(sheet['!ref']!);
    const headers: string[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) headers.push(String(sheet[XLSX.utils.encode_cell({ r: 0, c })]?.v));
    const rows: Row[] = [];
    for (let r = 1; r <= range.e.r; r++) {
        const row: Row = {};
        headers.forEach((h, c) => {
            row[h] = sheet[XLSX.utils.encode_cell({ r, c })];
        });
        rows.push(row);
    }
    return rows;
}

const value = (cell: XLSX.CellObject | undefined) => (cell === undefined ? null : cell.v);
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('cap export --format xlsx, every example', () => {
    it('finds the examples', () => expect(EXAMPLES).toContain('crm-book/plan.cap'));
    for (const example of EXAMPLES) {
        it(`${example}: the workbook's figures are the report's`, async () => {
            const dir = scratchDir('cap-export-');
            const out = join(dir, 'plan.xlsx');
            const entry = join(root, 'examples', example);
            const run = await capInProcess(['export', entry, '-o', out]);
            // The CRM example's time log (spec section 15) warns by design: two services drift, two
            // people are no agent. Nothing else may warn.
            expect(run.stderr.split('\n').filter(l => l !== '' && !/ CAP09[12]: /.test(l))).toEqual([]);
            expect(run.code).toBe(0);
            const actuals = example === 'crm-book/plan.cap' ? ', Actuals' : '';
            expect(run.stdout).toMatch(/^wrote .*plan\.xlsx: /);
            expect(run.stdout.replace(/^wrote .*plan\.xlsx: /, '')).toBe(
                `Summary, Roles, Tiers, Agents, Forecast by month, Hiring plan, Scenarios${actuals}\n`,
            );
            const model = await runModel(entry, root);
            const r = report(model) as any;
            const p = `/ ${r.model.period}`;
            const book = XLSX.read(readFileSync(out), { cellNF: true, bookFiles: true });
            expect(book.SheetNames).toEqual([
                'Summary',
                'Roles',
                'Tiers',
                'Agents',
                'Forecast by month',
                'Hiring plan',
                'Scenarios',
                ...(actuals ? ['Actuals'] : []),
            ]);

            // Every sheet: the header row (and the names' column) frozen.
            book.SheetNames.forEach((_, i) => {
                const xml = String((book as any).files[`xl/worksheets/sheet${i + 1}.xml`].content);
                expect(xml).toMatch(
                    /<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"\/>/,
                );
            });

            const summaryRows = table(book, 'Summary');
            const summary = new Map(summaryRows.map(row => [String(row.Item?.v), row]));
            expect(value(summary.get('Model')!.Value)).toBe(r.model.name);
            expect(value(summary.get('Title')!.Value)).toBe(r.model.title);
            expect(value(summary.get(`Team cost ${p}`)!.Value)).toBe(r.totals.teamCost);
            expect(summary.get(`Team cost ${p}`)!.Value!.z).toBe(moneyFormat(r.model.currency));
            expect(value(summary.get('Cost to revenue')!.Value)).toBe(r.totals.costToRevenue);
            expect(summary.get('Cost to revenue')!.Value!.z).toBe('0.0%');
            expect(value(summary.get('Required FTE')!.Value)).toBe(r.totals.requiredFte);
            // The sources: every file of the model, with the sha256 `sha256sum` gives.
            const sources = summaryRows.filter(row => String(row.Item?.v).startsWith('Source (model)'));
            expect(sources.map(row => row.Value?.v)).toEqual(
                model.documents.map(d => d.uri.fsPath.slice(join(entry, '..').length + 1)),
            );
            for (const row of sources)
                expect(row.Detail?.v).toBe(`sha256 ${sha256(join(entry, '..', String(row.Value?.v)))}`);

            const roles = table(book, 'Roles');
            expect(roles.map(row => row.Role?.v)).toEqual(Object.keys(r.roles));
            for (const row of roles) {
                const role = r.roles[String(row.Role?.v)];
                expect(value(row['Required FTE'])).toBe(role.requiredFte);
                expect(value(row[`Cost per FTE ${p}`])).toBe(role.costPerFte);
                expect(value(row.Utilization)).toBe(role.utilization);
                if (role.utilization !== null) expect(row.Utilization!.z).toBe('0.0%');
                expect(value(row['Gap FTE'])).toBe(role.gapFte);
            }
            for (const row of table(book, 'Tiers')) {
                const tier = r.tiers[String(row.Tier?.v)];
                expect(value(row.CLV)).toBe(tier.clv);
                expect(value(row[`Cost to serve per account ${p}`])).toBe(tier.costToServe);
                expect(value(row[`Churn ${p}`])).toBe(tier.churn);
            }
            for (const row of table(book, 'Agents')) expect(value(row.Load)).toBe(r.agents[String(row.Agent?.v)].load);

            const forecast = table(book, 'Forecast by month');
            const hiring = table(book, 'Hiring plan');
            if (r.forecast) {
                expect(forecast.map(row => row.Month?.v)).toEqual(r.forecast.months);
                forecast.forEach((row, i) => {
                    expect(value(row[`Team cost ${p}`])).toBe(r.forecast.teamCost[i]);
                    expect(value(row[`Budget increase ${p}`])).toBe(r.forecast.budgetIncrease[i]);
                    for (const role of Object.keys(r.forecast.roles)) {
                        expect(value(row[`${role}: gap FTE`])).toBe(r.forecast.roles[role].gapFte[i]);
                        expect(value(row[`${role}: leavers FTE`])).toBe(r.forecast.roles[role].leaversFte[i]);
                    }
                });
                const hires = Object.entries(r.forecast.roles).flatMap(([role, x]: [string, any]) =>
                    x.hiringPlan.map((h: any) => [role, h.openBy, h.startBy, h.neededFrom, r.roles[role].costPerFte]),
                );
                if (hires.length > 0)
                    expect(
                        hiring
                            .filter(row => typeof row.Hire?.v === 'number')
                            .map(row => [
                                row.Role?.v,
                                row['Open the position by']?.v,
                                row['Start by']?.v,
                                row['Needed from']?.v,
                                row[`Cost ${p}`]?.v,
                            ]),
                    ).toEqual(hires);
                expect(value(summary.get('Extra budget over the horizon')!.Value)).toBe(r.forecast.budgetIncreaseTotal);
            } else {
                expect(String(forecast[0].Month?.v)).toMatch(/^No forecast/);
                expect(String(hiring[0].Role?.v)).toMatch(/^No hiring plan/);
            }

            const scenarios = table(book, 'Scenarios');
            const names = Object.keys(r.scenarios);
            if (names.length === 0) {
                expect(String(scenarios[0].Figure?.v)).toBe('The model has no scenarios.');
            } else {
                const teamCost = scenarios.find(row => row.Figure?.v === `Team cost ${p}`)!;
                expect(value(teamCost.Base)).toBe(r.totals.teamCost);
                for (const name of names) {
                    expect(value(teamCost[name])).toBe(r.scenarios[name].totals.teamCost);
                    expect(value(teamCost[`${name} change`])).toBe(r.scenarios[name].delta.totals.teamCost);
                }
            }
        });
    }
});

describe('cap export --format csv', () => {
    it("the growth example's hiring plan: each position's open-by month, late ones, and the backfills", async () => {
        const dir = scratchDir('cap-export-hiring-');
        const run = await capInProcess([
            'export',
            'examples/growth-500/growth.cap',
            '--format',
            'csv',
            '-o',
            join(dir, 'finance'),
        ]);
        expect(run.code).toBe(0);
        // examples/README.md §4: 4 CSM hires; requisitions 2 months before the start, starts 2 before the need.
        expect(readFileSync(join(dir, 'finance', 'hiring-plan.csv'), 'utf-8').split('\r\n')).toEqual([
            'Role,Hire,Open the position by,Start by,Needed from,Late,Cost / month',
            'CSM,1,2026-11,2027-01,2027-03,yes,8000',
            'CSM,2,2026-12,2027-02,2027-04,yes,8000',
            'CSM,3,2026-12,2027-02,2027-04,yes,8000',
            'CSM,4,2026-12,2027-02,2027-04,yes,8000',
            'CSM,backfills,,,,,1.6 FTE expected to leave by 2027-06: counted in the hires',
            '',
        ]);
        const forecast = readFileSync(join(dir, 'finance', 'forecast-by-month.csv'), 'utf-8').split('\r\n');
        expect(forecast[0]).toContain('CSM: staffed FTE,CSM: leavers FTE,CSM: gap FTE');
    });

    it('writes one file per sheet; formula-like text is neutralised, negative numbers stay numbers', async () => {
        const dir = scratchDir('cap-export-csv-');
        const model = writeIn(
            dir,
            'plan.cap',
            `model Evil "=HYPERLINK(""http://x"",""y"")" { currency EUR  period month }
role CSM { hours 160h / month  overhead 40h / month  cost €6,000 / month }
service QBR { role CSM  effort 6h every quarter }
tier Main { accounts 30  churn 1% / month  services QBR }
agent team { role CSM  count 3 }
scenario Smaller "-1 CSM" { agent team { count 2 } }
scenario Formula "@SUM(A1:A9)" { tier Main { accounts 60 } }
`.replace('""http://x"",""y""', "'x'"),
        );
        const run = await capInProcess(['export', model, '--format', 'csv', '-o', join(dir, 'finance')]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(readdirSync(join(dir, 'finance')).sort()).toEqual([
            'agents.csv',
            'forecast-by-month.csv',
            'hiring-plan.csv',
            'roles.csv',
            'scenarios.csv',
            'summary.csv',
            'tiers.csv',
        ]);
        const summary = readFileSync(join(dir, 'finance', 'summary.csv'), 'utf-8');
        expect(summary).toContain("\r\nTitle,'=HYPERLINK('x'),\r\n");
        // CSM: 30 accounts × 2 h = 60 h, 0.5 FTE required against 3 staffed: a gap of -2.5 FTE.
        const roles = readFileSync(join(dir, 'finance', 'roles.csv'), 'utf-8').split('\r\n');
        expect(roles[1].split(',')).toEqual([
            'CSM',
            '160',
            '40',
            '120',
            '6000',
            '50',
            '0',
            '60',
            '0.5',
            '3',
            String(0.5 / 3),
            '-2.5',
            '0',
        ]);
        const scenarios = readFileSync(join(dir, 'finance', 'scenarios.csv'), 'utf-8');
        expect(scenarios).toContain(`Title,'=HYPERLINK('x'),'@SUM(A1:A9),,'-1 CSM,\r\n`);
        expect(scenarios).toContain('Staffed FTE,3,3,0,2,-1\r\n');
        // No temporary folder is left beside the output.
        expect(readdirSync(dir).sort()).toEqual(['finance', 'plan.cap']);
    });

    it('quotes and neutralises text fields by RFC 4180 and the spreadsheet formula rules', () => {
        expect(field('plain')).toBe('plain');
        expect(field('a, b')).toBe('"a, b"');
        expect(field('say "hi"')).toBe('"say ""hi"""');
        for (const start of ['=', '+', '-', '@', '\t', '\r'])
            expect(field(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
        expect(
            sheetToCsv({
                name: 'S',
                file: 's',
                headers: ['a', 'b'],
                rows: [
                    [
                        { value: -4, kind: 'fte' },
                        { value: null, kind: 'money' },
                    ],
                ],
            }),
        ).toBe('a,b\r\n-4,\r\n');
    });
});

describe('the finance sheets', () => {
    it('add an Actuals sheet and the data and actuals files to the sources when the report has them', async () => {
        const r = report(await runModel(join(root, 'examples/seed/seed.cap'), root)) as any;
        const withActuals = {
            ...r,
            data: { crm: { file: 'data/accounts.csv', sha256: 'a'.repeat(64) } },
            actuals: {
                q1: {
                    file: 'data/time.csv',
                    sha256: 'b'.repeat(64),
                    window: { from: '2027-01', to: '2027-03', months: 3 },
                    entries: 12,
                    services: {
                        QBR: {
                            designedHours: 960,
                            actualHours: 1200,
                            variance: 0.25,
                            occurrences: 160,
                            actualEffort: 7.5,
                            tiers: {},
                        },
                    },
                    roles: { CSM: { designedHours: 2400, actualHours: 2600, unplannedHours: 100, variance: 1 / 12 } },
                    agents: { pod_a: { actualHours: 1500, actualLoad: 1500 / 1800 } },
                },
            },
        };
        const sheets = financeSheets(withActuals, {
            sources: [{ kind: 'model', file: 'seed.cap', sha256: 'c'.repeat(64) }],
            generator: 'test',
        });
        expect(sheets.map(s => s.name)).toEqual([
            'Summary',
            'Roles',
            'Tiers',
            'Agents',
            'Forecast by month',
            'Hiring plan',
            'Scenarios',
            'Actuals',
        ]);
        const summary = sheets[0].rows.map(row => row.map(c => c.value));
        expect(summary.filter(row => String(row[0]).startsWith('Source'))).toEqual([
            ['Source (model)', 'seed.cap', `sha256 ${'c'.repeat(64)}`],
            ['Source (data crm)', 'data/accounts.csv', `sha256 ${'a'.repeat(64)}`],
            ['Source (actuals q1)', 'data/time.csv', `sha256 ${'b'.repeat(64)}`],
        ]);
        const actuals = sheets[7];
        expect(actuals.rows.map(row => [row[2].value, row[3].value, row[5].value, row[7].value])).toEqual([
            ['service', 'QBR', 1200, 0.25],
            ['role', 'CSM', 2600, 1 / 12],
            ['agent', 'pod_a', 1500, null],
        ]);
        expect(financeSheets(r, { sources: [], generator: 'test' }).map(s => s.name)).not.toContain('Actuals');
    });

    it('write money in the model currency', () => {
        expect(moneyFormat('USD')).toBe('"$"#,##0.00');
        expect(moneyFormat('EUR')).toBe('"€"#,##0.00');
        expect(moneyFormat('CHF')).toBe('#,##0.00 "CHF"');
    });
});

describe('cap export refuses bad input in one line', () => {
    it('a model with errors: exit 1, nothing written', async () => {
        const dir = scratchDir('cap-export-bad-');
        const model = writeIn(
            dir,
            'plan.cap',
            'model M { currency USD }\nrole CSM { hours 160h / month }\nagent a { role Nobody }\n',
        );
        const run = await capInProcess(['export', model, '-o', join(dir, 'out.xlsx')]);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/has errors; nothing exported/);
        expect(existsSync(join(dir, 'out.xlsx'))).toBe(false);
    });

    it('an unknown format, an unwritable output, a file where csv wants a folder: exit 2, one line', async () => {
        const dir = scratchDir('cap-export-usage-');
        const model = join(root, 'examples/seed/seed.cap');
        for (const args of [
            ['--format', 'pdf'],
            ['-o', join(dir, 'missing', 'out.xlsx')],
            ['--format', 'csv', '-o', model],
        ]) {
            const run = await capInProcess(['export', model, ...args]);
            expect(run.code, args.join(' ')).toBe(2);
            expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
            expect(run.stderr).toMatch(/^(error: |cap: )/);
            expect(run.stderr).not.toMatch(/\n\s+at /);
        }
        expect(readdirSync(dir)).toEqual([]);
    });
});

describe('cap export of a plan that reads a CRM export (spec section 14)', () => {
    it('lists the data source on the Summary sheet: its file, sha256 and the rows read', async () => {
        const model = await runModel(join(root, 'examples/crm-book/plan.cap'), root);
        const sheets = financeSheets(report(model), { sources: [], generator: 'test' });
        const summary = sheets[0].rows.map(row => row.map(c => c.value));
        const sha = createHash('sha256')
            .update(readFileSync(join(root, 'examples/crm-book/data/accounts.csv')))
            .digest('hex');
        const log = createHash('sha256')
            .update(readFileSync(join(root, 'examples/crm-book/data/time-2027q1.csv')))
            .digest('hex');
        expect(summary.filter(row => String(row[0]).startsWith('Source'))).toEqual([
            ['Source (data crm)', 'data/accounts.csv', `sha256 ${sha} · 400 rows read`],
            ['Source (actuals q1)', 'data/time-2027q1.csv', `sha256 ${log}`],
        ]);
    });

    it("has an Actuals sheet with the time log's figures (spec section 15), per month like the report", async () => {
        const model = await runModel(join(root, 'examples/crm-book/plan.cap'), root);
        const actuals = financeSheets(report(model), { sources: [], generator: 'test' }).find(
            s => s.name === 'Actuals',
        )!;
        const qbr = actuals.rows.find(row => row[2].value === 'service' && row[3].value === 'QBR')!;
        // 36 accounts × 8 h ÷ 3 = 96 h designed; 22,535 min ÷ 60 ÷ 3 logged; 12 reviews a month.
        const values = qbr.map(c => c.value) as (string | number | null)[];
        expect(values.slice(0, 5)).toEqual(['q1', '2027-01 to 2027-03', 'service', 'QBR', 96]);
        expect(values[5]).toBeCloseTo(22_535 / 60 / 3, 9);
        expect(values[6]).toBeNull();
        expect(values[7]).toBeCloseTo(22_535 / 60 / 3 / 96 - 1, 9);
        expect(values[8]).toBe(12);
        expect(values[9]).toBeCloseTo(22_535 / 60 / 3 / 12, 9);
        const csm = actuals.rows.find(row => row[2].value === 'role' && row[3].value === 'CSM')!;
        expect(csm[6].value).toBeCloseTo(208.72, 2); // unplanned hours a month
    });
});
