import { formatFte, formatMoney, periodSuffix } from '@cap/engine';

/**
 * The finance export's sheets, read from a `cap-report/1` object: every figure is the report's own
 * (no formula of the engine is repeated here), laid out the way a finance team reads a plan.
 * The writers (`workbook.ts` for Excel, `csv.ts`) only turn these tables into files.
 */

/** How a cell's number reads: the writers map each kind to a number format (Excel) or leave it raw (CSV). */
export type CellKind = 'text' | 'money' | 'percent' | 'fte' | 'hours' | 'count' | 'number';

export interface Cell {
    value: string | number | null;
    kind: CellKind;
}

export interface Sheet {
    /** The sheet's name in the workbook (at most 31 characters). */
    name: string;
    /** The file name of its CSV, without `.csv`. */
    file: string;
    /** One header row, frozen in the workbook. */
    headers: string[];
    rows: Cell[][];
}

/** A file the figures come from: the model's `.cap` files now, data and actuals files later. */
export interface Source {
    /** What the file is: `model`, or the report section and block that read it (`data crm`). */
    kind: string;
    /** Relative to the entry file's folder, with `/`. */
    file: string;
    sha256: string;
    /** For a data file: the rows the model read from it. */
    rows?: number;
}

export interface ExportContext {
    sources: Source[];
    /** `cap-lang 0.1.0`: what wrote the file. */
    generator: string;
}

/* The report as the export reads it: only the keys used here, everything else left alone. */
type Num = number | null;
type ByName<T> = Record<string, T>;
interface ReportModel {
    name: string;
    title: string | null;
    currency: string;
    period: string;
    start: string | null;
    horizonMonths: Num;
}
interface ReportRole {
    hoursPerFte: Num;
    overheadPerFte: Num;
    effectivePerFte: Num;
    costPerFte: Num;
    hourlyCost: Num;
    rampMonths: Num;
    demandHours: Num;
    requiredFte: Num;
    staffedFte: Num;
    utilization: Num;
    gapFte: Num;
    hires: Num;
}
interface ReportTier {
    touch: string | null;
    accounts: Num;
    newAccounts: Num;
    revenuePerAccount: Num;
    revenue: Num;
    churn: Num;
    lifetimeMonths: Num;
    margin: Num;
    expansion: Num;
    clv: Num;
    clvNet: Num;
    costToServe: Num;
    addonRevenue: Num;
    designedEffort: ByName<Num> | null;
    accountsPerFte: ByName<Num> | null;
    demandHours: ByName<Num> | null;
    requiredFte: ByName<Num> | null;
}
interface ReportAgent {
    role: string;
    fte: Num;
    count: Num;
    rampFactor: Num;
    capacityHours: Num;
    assignedHours: Num;
    load: Num;
}
interface ReportTotals {
    accounts: Num;
    revenue: Num;
    teamCost: Num;
    crc: Num;
    costToRevenue: Num;
    requiredFte: Num;
    staffedFte: Num;
}
interface HiringEntry {
    neededFrom: string;
    startBy: string;
    openBy?: string;
}
interface ForecastRole {
    requiredFte: Num[];
    staffedFte: Num[];
    /** Spec §16; a report from before v1.1 has none. */
    leaversFte?: Num[];
    gapFte: Num[];
    hiresNeeded: Num[];
    hires: Num;
    firstGapMonth: string | null;
    hireBy: string | null;
    hiringPlan: HiringEntry[];
    budgetIncrease: Num[];
}
interface ReportForecast {
    months: string[];
    accounts: Num[];
    teamCost: Num[];
    revenue: Num[];
    roles: ByName<ForecastRole>;
    tiers: ByName<{ accounts: Num[] }>;
    budgetIncrease: Num[];
    budgetIncreaseTotal: Num;
}
interface Sections {
    model: ReportModel;
    roles: ByName<ReportRole>;
    tiers: ByName<ReportTier>;
    agents: ByName<ReportAgent>;
    totals: ReportTotals;
    forecast: ReportForecast | null;
}
interface ReportScenario extends Sections {
    title: string | null;
    delta: { roles: ByName<Partial<ReportRole>>; tiers: ByName<Partial<ReportTier>>; totals: Partial<ReportTotals> };
}
interface ActualsBlock {
    file: string;
    sha256: string;
    window?: { from: string | null; to: string | null; months: number };
    entries?: number;
    services?: ByName<{ designedHours: Num; actualHours: Num; variance: Num; occurrences: Num; actualEffort: Num }>;
    roles?: ByName<{ designedHours: Num; actualHours: Num; unplannedHours: Num; variance: Num }>;
    agents?: ByName<{ actualHours: Num; actualLoad: Num }>;
}
interface FinanceReport extends Sections {
    scenarios: ByName<ReportScenario>;
    assertions: { text: string; ok: boolean }[];
    data?: ByName<{ file: string; sha256: string }>;
    actuals?: ByName<ActualsBlock>;
}

/**
 * The sheets, in workbook order. A sheet is one entry: its name, its CSV file name, when it is
 * there (`when`, default always) and how it is built from the report. Actuals (spec §15) appear
 * once a model has them; a `crm` data sheet would be one more entry.
 */
interface SheetSpec {
    name: string;
    file: string;
    when?: (report: FinanceReport) => boolean;
    build: (report: FinanceReport, context: ExportContext) => { headers: string[]; rows: Cell[][] };
}

const SHEETS: SheetSpec[] = [
    { name: 'Summary', file: 'summary', build: summarySheet },
    { name: 'Roles', file: 'roles', build: rolesSheet },
    { name: 'Tiers', file: 'tiers', build: tiersSheet },
    { name: 'Agents', file: 'agents', build: agentsSheet },
    { name: 'Forecast by month', file: 'forecast-by-month', build: forecastSheet },
    { name: 'Hiring plan', file: 'hiring-plan', build: hiringSheet },
    { name: 'Scenarios', file: 'scenarios', build: scenariosSheet },
    { name: 'Actuals', file: 'actuals', when: r => Object.keys(r.actuals ?? {}).length > 0, build: actualsSheet },
];

/** The export's sheets for a report (`report(model)` of model-run.ts, or a saved `cap-report/1` file). */
export function financeSheets(report: object, context: ExportContext): Sheet[] {
    const r = report as FinanceReport;
    return SHEETS.filter(s => s.when?.(r) ?? true).map(s => ({ name: s.name, file: s.file, ...s.build(r, context) }));
}

/** The report's sources besides the model files: each `data` and `actuals` block's file (spec §13a). */
export function reportSources(report: { data?: unknown; actuals?: unknown }): Source[] {
    const out: Source[] = [];
    for (const section of ['data', 'actuals'] as const) {
        const blocks = report[section];
        if (!blocks || typeof blocks !== 'object') continue;
        for (const [name, block] of Object.entries(
            blocks as ByName<{ file?: unknown; sha256?: unknown; rows?: unknown }>,
        )) {
            if (typeof block?.file === 'string' && typeof block.sha256 === 'string') {
                const rows = typeof block.rows === 'number' ? block.rows : undefined;
                out.push({ kind: `${section} ${name}`, file: block.file, sha256: block.sha256, rows });
            }
        }
    }
    return out;
}

/** The Excel number format of money in `currency`: its symbol first (`"$"#,##0.00`), else its code after. */
export function moneyFormat(currency: string): string {
    // The engine's formatter knows which currencies have a symbol: `$0` or `0 CHF`.
    const sample = formatMoney(0, currency, 0);
    const unquoted = (s: string) => s.replace(/"/g, '');
    return sample.endsWith(` ${currency}`)
        ? `#,##0.00 "${unquoted(currency)}"`
        : `"${unquoted(sample.slice(0, sample.indexOf('0')))}"#,##0.00`;
}

const text = (value: string | null | undefined): Cell => ({ value: value ?? null, kind: 'text' });
const money = (value: Num | undefined): Cell => ({ value: value ?? null, kind: 'money' });
const percent = (value: Num | undefined): Cell => ({ value: value ?? null, kind: 'percent' });
const fte = (value: Num | undefined): Cell => ({ value: value ?? null, kind: 'fte' });
const hours = (value: Num | undefined): Cell => ({ value: value ?? null, kind: 'hours' });
const count = (value: Num | undefined): Cell => ({ value: value ?? null, kind: 'count' });
const number = (value: Num | undefined): Cell => ({ value: value ?? null, kind: 'number' });

/** `/ month`, `/ quarter`, `/ year`: what "per period" means in this model. */
function per(report: Sections): string {
    return `/ ${report.model.period}`;
}

/** A table with nothing to list says why in its first column, so a reader never sees a blank sheet. */
function note(headers: string[], message: string): { headers: string[]; rows: Cell[][] } {
    return { headers, rows: [[text(message), ...headers.slice(1).map(() => text(null))]] };
}

function summarySheet(r: FinanceReport, context: ExportContext) {
    const m = r.model;
    const p = per(r);
    const held = r.assertions.filter(a => a.ok).length;
    const rows: Cell[][] = [
        [text('Model'), text(m.name), text(null)],
        [text('Title'), text(m.title), text(null)],
        [text('Currency'), text(m.currency), text(null)],
        [
            text('Reporting period'),
            text(m.period),
            text(`money and hours ${p} unless a column says otherwise (${periodSuffix(m.period)})`),
        ],
        [text('Start'), text(m.start), text(m.start ? null : 'no forecast: the model has no start')],
        [text('Horizon (months)'), count(m.horizonMonths), text(null)],
        [text('Accounts'), number(r.totals.accounts), text(null)],
        [text(`Revenue ${p}`), money(r.totals.revenue), text('tier revenue and add-ons')],
        [text(`Team cost ${p}`), money(r.totals.teamCost), text(null)],
        [text(`Cost to serve per account (CRC) ${p}`), money(r.totals.crc), text(null)],
        [text('Cost to revenue'), percent(r.totals.costToRevenue), text(null)],
        [text('Required FTE'), fte(r.totals.requiredFte), text(null)],
        [text('Staffed FTE'), fte(r.totals.staffedFte), text(null)],
    ];
    if (r.forecast) {
        rows.push([
            text('Extra budget over the horizon'),
            money(r.forecast.budgetIncreaseTotal),
            text(`pay of the planned hires, ${r.forecast.months[0]} to ${r.forecast.months.at(-1)}`),
        ]);
    }
    rows.push(
        [text('Scenarios'), count(Object.keys(r.scenarios).length), text(Object.keys(r.scenarios).join(', ') || null)],
        [
            text('Assertions'),
            text(r.assertions.length === 0 ? 'none' : `${held} of ${r.assertions.length} hold`),
            text(
                r.assertions
                    .filter(a => !a.ok)
                    .map(a => `fails: ${a.text}`)
                    .join('; ') || null,
            ),
        ],
        [text('Report'), text('cap-report/1'), text(context.generator)],
    );
    for (const source of [...context.sources, ...reportSources(r)]) {
        const read = source.rows === undefined ? '' : ` · ${source.rows} rows read`;
        rows.push([text(`Source (${source.kind})`), text(source.file), text(`sha256 ${source.sha256}${read}`)]);
    }
    return { headers: ['Item', 'Value', 'Detail'], rows };
}

function rolesSheet(r: FinanceReport) {
    const p = per(r);
    const headers = [
        'Role',
        `Hours per FTE ${p}`,
        `Overhead per FTE ${p}`,
        `Effective hours per FTE ${p}`,
        `Cost per FTE ${p}`,
        'Cost per effective hour',
        'Ramp (months)',
        `Demand hours ${p}`,
        'Required FTE',
        'Staffed FTE',
        'Utilization',
        'Gap FTE',
        'Hires',
    ];
    const rows = Object.entries(r.roles).map(([name, x]) => [
        text(name),
        hours(x.hoursPerFte),
        hours(x.overheadPerFte),
        hours(x.effectivePerFte),
        money(x.costPerFte),
        money(x.hourlyCost),
        number(x.rampMonths),
        hours(x.demandHours),
        fte(x.requiredFte),
        fte(x.staffedFte),
        percent(x.utilization),
        fte(x.gapFte),
        count(x.hires),
    ]);
    return rows.length > 0 ? { headers, rows } : note(headers, 'The model declares no roles.');
}

/** The roles that appear in any tier's role-keyed figures, in the report's order. */
function tierRoles(r: FinanceReport): string[] {
    const names = new Set<string>();
    for (const tier of Object.values(r.tiers)) for (const role of Object.keys(tier.requiredFte ?? {})) names.add(role);
    return Object.keys(r.roles)
        .filter(name => names.has(name))
        .concat([...names].filter(name => !(name in r.roles)));
}

function tiersSheet(r: FinanceReport) {
    const p = per(r);
    const roles = tierRoles(r);
    const headers = [
        'Tier',
        'Touch',
        'Accounts',
        `New accounts ${p}`,
        `Revenue per account ${p}`,
        `Revenue ${p}`,
        `Churn ${p}`,
        'Lifetime (months)',
        'Margin',
        `Expansion ${p}`,
        'CLV',
        'Net CLV',
        `Cost to serve per account ${p}`,
        `Add-on revenue ${p}`,
        ...roles.flatMap(role => [
            `${role}: effort per account ${p} (h)`,
            `${role}: accounts per FTE`,
            `${role}: demand hours ${p}`,
            `${role}: required FTE`,
        ]),
    ];
    const rows = Object.entries(r.tiers).map(([name, x]) => [
        text(name),
        text(x.touch),
        number(x.accounts),
        number(x.newAccounts),
        money(x.revenuePerAccount),
        money(x.revenue),
        percent(x.churn),
        number(x.lifetimeMonths),
        percent(x.margin),
        percent(x.expansion),
        money(x.clv),
        money(x.clvNet),
        money(x.costToServe),
        money(x.addonRevenue),
        ...roles.flatMap(role => [
            hours(x.designedEffort?.[role]),
            number(x.accountsPerFte?.[role]),
            hours(x.demandHours?.[role]),
            fte(x.requiredFte?.[role]),
        ]),
    ]);
    return rows.length > 0 ? { headers, rows } : note(headers, 'The model declares no tiers.');
}

function agentsSheet(r: FinanceReport) {
    const p = per(r);
    const headers = [
        'Agent',
        'Role',
        'FTE',
        'Count',
        'Ramp factor',
        `Capacity hours ${p}`,
        `Assigned hours ${p}`,
        'Load',
    ];
    const rows = Object.entries(r.agents).map(([name, x]) => [
        text(name),
        text(x.role),
        fte(x.fte),
        count(x.count),
        percent(x.rampFactor),
        hours(x.capacityHours),
        hours(x.assignedHours),
        percent(x.load),
    ]);
    return rows.length > 0 ? { headers, rows } : note(headers, 'The model declares no agents.');
}

function forecastSheet(r: FinanceReport) {
    const p = per(r);
    const f = r.forecast;
    const roles = f ? Object.keys(f.roles) : [];
    const tiers = f ? Object.keys(f.tiers) : [];
    const headers = [
        'Month',
        'Accounts',
        `Revenue ${p}`,
        `Team cost ${p}`,
        `Budget increase ${p}`,
        ...roles.flatMap(role => [
            `${role}: required FTE`,
            `${role}: staffed FTE`,
            ...(f?.roles[role].leaversFte ? [`${role}: leavers FTE`] : []),
            `${role}: gap FTE`,
            `${role}: hires needed`,
            `${role}: budget increase ${p}`,
        ]),
        ...tiers.map(tier => `${tier}: accounts`),
    ];
    if (!f)
        return note(
            headers,
            'No forecast: give the model block a `start` and a `horizon`, e.g. `start 2027-01  horizon 12 months`.',
        );
    const rows = f.months.map((month, i) => [
        text(month),
        number(f.accounts[i]),
        money(f.revenue[i]),
        money(f.teamCost[i]),
        money(f.budgetIncrease[i]),
        ...roles.flatMap(role => {
            const x = f.roles[role];
            return [
                fte(x.requiredFte[i]),
                fte(x.staffedFte[i]),
                ...(x.leaversFte ? [fte(x.leaversFte[i])] : []),
                fte(x.gapFte[i]),
                count(x.hiresNeeded[i]),
                money(x.budgetIncrease[i]),
            ];
        }),
        ...tiers.map(tier => number(f.tiers[tier].accounts[i])),
    ]);
    return { headers, rows };
}

function hiringSheet(r: FinanceReport) {
    const p = per(r);
    const f = r.forecast;
    const withOpenBy = f !== null && Object.values(f.roles).some(x => x.hiringPlan.some(h => h.openBy !== undefined));
    // In the order a recruiter works through them: open the position, start, needed.
    const headers = [
        'Role',
        'Hire',
        ...(withOpenBy ? ['Open the position by'] : []),
        'Start by',
        'Needed from',
        'Late',
        `Cost ${p}`,
    ];
    if (!f) return note(headers, 'No hiring plan: the model has no forecast (`start` and `horizon`).');
    const rows: Cell[][] = [];
    const blank = (n: number) => Array.from({ length: n }, () => text(null));
    for (const [role, x] of Object.entries(f.roles)) {
        x.hiringPlan.forEach((hire, i) =>
            rows.push([
                text(role),
                count(i + 1),
                ...(withOpenBy ? [text(hire.openBy ?? null)] : []),
                text(hire.startBy),
                text(hire.neededFrom),
                // A month before the forecast's first: the position should already be open, or the hire started.
                text((hire.openBy ?? hire.startBy) < f.months[0] ? 'yes' : 'no'),
                money(r.roles[role]?.costPerFte),
            ]),
        );
        if (x.hires !== null && x.hires > x.hiringPlan.length) {
            rows.push([
                text(role),
                text(`${x.hiringPlan.length + 1} to ${x.hires}`),
                ...blank(headers.length - 3),
                text('not listed one by one (the report lists the first 1,000)'),
            ]);
        }
        // Attrition (spec §16): the hires above already replace the people expected to leave.
        const leavers = x.leaversFte?.at(-1) ?? null;
        if (leavers !== null && leavers > 0 && (x.hires ?? 0) > 0) {
            const backfills = `${formatFte(leavers)} FTE expected to leave by ${f.months.at(-1)}: counted in the hires`;
            rows.push([text(role), text('backfills'), ...blank(headers.length - 3), text(backfills)]);
        }
    }
    return rows.length > 0
        ? { headers, rows }
        : note(headers, `No hires needed over the horizon (${f.months[0]} to ${f.months.at(-1)}).`);
}

/** The figures compared side by side: each row reads one figure of every scenario and its delta. */
const SCENARIO_FIGURES: {
    label: (p: string) => string;
    cell: (s: Sections) => Cell;
    delta: (d: ReportScenario['delta']) => Cell;
}[] = [
    { label: () => 'Accounts', cell: s => number(s.totals.accounts), delta: d => number(d.totals.accounts) },
    { label: p => `Revenue ${p}`, cell: s => money(s.totals.revenue), delta: d => money(d.totals.revenue) },
    { label: p => `Team cost ${p}`, cell: s => money(s.totals.teamCost), delta: d => money(d.totals.teamCost) },
    {
        label: p => `Cost to serve per account (CRC) ${p}`,
        cell: s => money(s.totals.crc),
        delta: d => money(d.totals.crc),
    },
    {
        label: () => 'Cost to revenue',
        cell: s => percent(s.totals.costToRevenue),
        delta: d => percent(d.totals.costToRevenue),
    },
    { label: () => 'Required FTE', cell: s => fte(s.totals.requiredFte), delta: d => fte(d.totals.requiredFte) },
    { label: () => 'Staffed FTE', cell: s => fte(s.totals.staffedFte), delta: d => fte(d.totals.staffedFte) },
];

const SCENARIO_ROLE_FIGURES: {
    label: string;
    key: 'requiredFte' | 'staffedFte' | 'utilization' | 'gapFte' | 'hires';
    kind: (v: Num | undefined) => Cell;
}[] = [
    { label: 'required FTE', key: 'requiredFte', kind: fte },
    { label: 'staffed FTE', key: 'staffedFte', kind: fte },
    { label: 'utilization', key: 'utilization', kind: percent },
    { label: 'gap FTE', key: 'gapFte', kind: fte },
    { label: 'hires', key: 'hires', kind: count },
];

const SCENARIO_TIER_FIGURES: {
    label: (p: string) => string;
    key: 'accounts' | 'revenue' | 'costToServe' | 'clv';
    kind: (v: Num | undefined) => Cell;
}[] = [
    { label: () => 'accounts', key: 'accounts', kind: number },
    { label: p => `revenue ${p}`, key: 'revenue', kind: money },
    { label: p => `cost to serve per account ${p}`, key: 'costToServe', kind: money },
    { label: () => 'CLV', key: 'clv', kind: money },
];

function scenariosSheet(r: FinanceReport) {
    const p = per(r);
    const names = Object.keys(r.scenarios);
    const headers = ['Figure', 'Base', ...names.flatMap(name => [name, `${name} change`])];
    if (names.length === 0) return note(headers, 'The model has no scenarios.');
    const scenarios = names.map(name => r.scenarios[name]);
    const rows: Cell[][] = [
        [text('Title'), text(r.model.title), ...scenarios.flatMap(s => [text(s.title), text(null)])],
    ];
    for (const figure of SCENARIO_FIGURES) {
        rows.push([
            text(figure.label(p)),
            figure.cell(r),
            ...scenarios.flatMap(s => [figure.cell(s), figure.delta(s.delta)]),
        ]);
    }
    const roles = unionOf([r.roles, ...scenarios.map(s => s.roles)]);
    for (const role of roles) {
        for (const figure of SCENARIO_ROLE_FIGURES) {
            rows.push([
                text(`${role} ${figure.label}`),
                figure.kind(r.roles[role]?.[figure.key]),
                ...scenarios.flatMap(s => [
                    figure.kind(s.roles[role]?.[figure.key]),
                    figure.kind(s.delta.roles[role]?.[figure.key]),
                ]),
            ]);
        }
    }
    const tiers = unionOf([r.tiers, ...scenarios.map(s => s.tiers)]);
    for (const tier of tiers) {
        for (const figure of SCENARIO_TIER_FIGURES) {
            rows.push([
                text(`${tier} ${figure.label(p)}`),
                figure.kind(r.tiers[tier]?.[figure.key]),
                ...scenarios.flatMap(s => [
                    figure.kind(s.tiers[tier]?.[figure.key]),
                    figure.kind(s.delta.tiers[tier]?.[figure.key] as Num | undefined),
                ]),
            ]);
        }
    }
    if (scenarios.some(s => s.forecast) || r.forecast) {
        rows.push([
            text('Extra budget over the horizon'),
            money(r.forecast?.budgetIncreaseTotal),
            ...scenarios.flatMap(s => [money(s.forecast?.budgetIncreaseTotal), text(null)]),
        ]);
    }
    return { headers, rows };
}

/** The names of every section, base first, in the report's order, each once. */
function unionOf(sections: ByName<unknown>[]): string[] {
    return [...new Set(sections.flatMap(s => Object.keys(s)))];
}

function actualsSheet(r: FinanceReport) {
    const p = per(r);
    const headers = [
        'Actuals',
        'Window',
        'Level',
        'Name',
        `Designed hours ${p}`,
        `Actual hours ${p}`,
        `Unplanned hours ${p}`,
        'Variance',
        `Occurrences ${p}`,
        'Actual effort per occurrence (h)',
        'Actual load',
    ];
    const rows: Cell[][] = [];
    for (const [block, a] of Object.entries(r.actuals ?? {})) {
        const window = text(a.window?.from ? `${a.window.from} to ${a.window.to}` : null);
        for (const [name, s] of Object.entries(a.services ?? {})) {
            rows.push([
                text(block),
                window,
                text('service'),
                text(name),
                hours(s.designedHours),
                hours(s.actualHours),
                hours(null),
                percent(s.variance),
                number(s.occurrences),
                hours(s.actualEffort),
                percent(null),
            ]);
        }
        for (const [name, x] of Object.entries(a.roles ?? {})) {
            rows.push([
                text(block),
                window,
                text('role'),
                text(name),
                hours(x.designedHours),
                hours(x.actualHours),
                hours(x.unplannedHours),
                percent(x.variance),
                number(null),
                hours(null),
                percent(null),
            ]);
        }
        for (const [name, x] of Object.entries(a.agents ?? {})) {
            rows.push([
                text(block),
                window,
                text('agent'),
                text(name),
                hours(null),
                hours(x.actualHours),
                hours(null),
                percent(null),
                number(null),
                hours(null),
                percent(x.actualLoad),
            ]);
        }
    }
    return { headers, rows };
}
