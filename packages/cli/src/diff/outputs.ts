import type { CapReport, Lenient } from '@cap/engine';
import {
    formatDelta,
    formatFte,
    formatMoney,
    formatNumber,
    formatPercent,
    periodMonths,
    periodSuffix,
} from '@cap/engine';

/**
 * What a change does to the figures: the half of `cap diff` that needs only two `cap-report/1`
 * documents. It reads report JSON and nothing else (no syntax tree, no engine), so two saved
 * reports diff exactly like two models. Unknown or missing sections read as empty: a report from
 * before forecasts, scenarios and assertions were computed (`null`, `{}`, `[]`) diffs against one
 * that has them.
 */

/** A `cap-report/1` report as read from a file or a build: any part may be missing. */
export type Report = Lenient<CapReport>;

/** How a figure is read and formatted. `moneyPerPeriod` is scaled with the reporting period. */
export type Unit = 'money' | 'moneyPerPeriod' | 'fte' | 'fraction' | 'count' | 'accounts' | 'month';

export type Section = 'totals' | 'roles' | 'tiers' | 'agents' | 'actuals' | 'scenarios' | 'forecast';

export type RowStatus = 'changed' | 'unchanged' | 'added' | 'removed';

export interface OutputRow {
    /** The figure's place in the report: `roles.CSM.requiredFte`, `forecast.teamCost.sum`. */
    path: string;
    section: Section;
    label: string;
    unit: Unit;
    old: number | string | null;
    new: number | string | null;
    /** new − old; `null` unless both sides are numbers. */
    delta: number | null;
    /** delta ÷ |old|; `null` when old is 0 or either side is not a number. */
    ratio: number | null;
    /** `added` / `removed`: the role, tier, scenario or forecast exists on one side only. */
    status: RowStatus;
}

export type AssertionChange = 'newly failing' | 'newly passing' | 'added' | 'removed' | 'unchanged';

export interface AssertionRow {
    text: string;
    /** `ok` on each side; `null` where the assertion does not exist. */
    old: boolean | null;
    new: boolean | null;
    change: AssertionChange;
    actual: { old: unknown; new: unknown };
    expected: unknown;
}

export interface OutputDiff {
    currency: string;
    /** The old side's currency: its money figures are shown in it (they differ only when the currency changed). */
    oldCurrency: string;
    period: string;
    /** Things the reader must know to trust the comparison (a changed period, a changed horizon). */
    notes: string[];
    /** Every figure, changed or not, in display order: totals, roles, tiers, scenarios, forecast. */
    rows: OutputRow[];
    assertions: AssertionRow[];
}

/** Declarations renamed between the sides (new name → old name), so their figures line up. */
export interface Renames {
    roles?: Map<string, string>;
    tiers?: Map<string, string>;
    scenarios?: Map<string, string>;
}

export function diffReports(beforeReport: Report, after: Report, renames: Renames = {}): OutputDiff {
    const before = applyRenames(beforeReport, renames);
    const oldModel = obj(before.model);
    const newModel = obj(after.model);
    const currency = str(newModel.currency) ?? str(oldModel.currency) ?? 'USD';
    const period = str(newModel.period) ?? str(oldModel.period) ?? 'month';
    const oldPeriod = str(oldModel.period) ?? period;
    const oldCurrency = str(oldModel.currency) ?? currency;
    const notes: string[] = [];

    // A period change would make every money figure look three or twelve times bigger: the
    // old side is put in the new side's period first.
    const scale = periodMonths(asPeriod(period)) / periodMonths(asPeriod(oldPeriod));
    if (oldPeriod !== period)
        notes.push(
            `the reporting period changed from ${oldPeriod} to ${period}: ` +
                `figures before are converted to per ${period}`,
        );
    const moneyComparable = oldCurrency === currency;
    if (!moneyComparable)
        notes.push(`the currency changed from ${oldCurrency} to ${currency}: money figures are shown but not compared`);

    const per = periodSuffix(period);
    const rows: OutputRow[] = [];
    const add = (
        path: string,
        section: Section,
        label: string,
        unit: Unit,
        o: unknown,
        n: unknown,
        presence: [boolean, boolean] = [true, true],
    ) => {
        const scaled = unit === 'moneyPerPeriod' && typeof o === 'number' ? o * scale : o;
        rows.push(
            makeRow(
                path,
                section,
                label,
                unit,
                value(scaled),
                value(n),
                presence,
                unit === 'money' || unit === 'moneyPerPeriod' ? moneyComparable : true,
            ),
        );
    };

    // Totals first: they are what the headline and a finance reader look at.
    const ot = obj(before.totals);
    const nt = obj(after.totals);
    for (const [key, label, unit] of totalMetrics(per)) add(`totals.${key}`, 'totals', label, unit, ot[key], nt[key]);

    const oldRoles = obj(before.roles);
    const newRoles = obj(after.roles);
    for (const name of unionKeys(oldRoles, newRoles)) {
        const o = obj(oldRoles[name]);
        const n = obj(newRoles[name]);
        for (const [key, label, unit] of ROLE_METRICS)
            add(`roles.${name}.${key}`, 'roles', `${name} ${label}`, unit, o[key], n[key], [
                name in oldRoles,
                name in newRoles,
            ]);
    }

    const oldTiers = obj(before.tiers);
    const newTiers = obj(after.tiers);
    const dataTiers = new Set(
        [...Object.values(obj(before.data)), ...Object.values(obj(after.data))].flatMap(d =>
            Object.keys(obj(obj(d).tiers)),
        ),
    );
    for (const name of unionKeys(oldTiers, newTiers)) {
        const o = obj(oldTiers[name]);
        const n = obj(newTiers[name]);
        const presence: [boolean, boolean] = [name in oldTiers, name in newTiers];
        const oApf = obj(o.accountsPerFte);
        const nApf = obj(n.accountsPerFte);
        for (const role of unionKeys(oApf, nApf)) {
            add(
                `tiers.${name}.accountsPerFte.${role}`,
                'tiers',
                `${name} accounts per ${role} FTE`,
                'accounts',
                oApf[role],
                nApf[role],
                [role in oApf, role in nApf],
            );
        }
        add(
            `tiers.${name}.costToServe`,
            'tiers',
            `${name} cost to serve ${per}`,
            'moneyPerPeriod',
            o.costToServe,
            n.costToServe,
            presence,
        );
        add(`tiers.${name}.clv`, 'tiers', `${name} CLV`, 'money', o.clv, n.clv, presence);
        // A tier that reads its accounts from a CRM export (spec section 14) moves with the export.
        if (dataTiers.has(name)) {
            add(`tiers.${name}.accounts`, 'tiers', `${name} accounts`, 'count', o.accounts, n.accounts, presence);
            add(
                `tiers.${name}.revenuePerAccount`,
                'tiers',
                `${name} revenue per account ${per}`,
                'moneyPerPeriod',
                o.revenuePerAccount,
                n.revenuePerAccount,
                presence,
            );
        }
    }

    // Agents with a book (spec section 14): the accounts they own and the load those give them.
    const oldAgents = obj(before.agents);
    const newAgents = obj(after.agents);
    for (const name of unionKeys(oldAgents, newAgents)) {
        const o = obj(oldAgents[name]);
        const n = obj(newAgents[name]);
        if (typeof o.bookAccounts !== 'number' && typeof n.bookAccounts !== 'number') continue;
        const presence: [boolean, boolean] = [name in oldAgents, name in newAgents];
        add(`agents.${name}.bookAccounts`, 'agents', `${name} book`, 'count', o.bookAccounts, n.bookAccounts, presence);
        add(`agents.${name}.load`, 'agents', `${name} load`, 'fraction', o.load, n.load, presence);
    }

    actualsRows(before, after, notes, add);

    const oldScenarios = obj(before.scenarios);
    const newScenarios = obj(after.scenarios);
    for (const name of unionKeys(oldScenarios, newScenarios)) {
        const o = obj(obj(oldScenarios[name]).totals);
        const n = obj(obj(newScenarios[name]).totals);
        for (const [key, label, unit] of totalMetrics(per)) {
            add(`scenarios.${name}.totals.${key}`, 'scenarios', `${name}: ${lowerFirst(label)}`, unit, o[key], n[key], [
                name in oldScenarios,
                name in newScenarios,
            ]);
        }
    }

    forecastRows(before.forecast, after.forecast, notes, add);

    return {
        currency,
        oldCurrency,
        period,
        notes,
        rows,
        assertions: diffAssertions(before.assertions, after.assertions),
    };
}

/**
 * Designed against logged time (spec section 15): each actuals block's variance per service, and
 * a note when a refreshed log moves a service across its tolerance, which the report tells by the
 * drift warning (CAP091) appearing or going away.
 */
function actualsRows(
    before: Report,
    after: Report,
    notes: string[],
    add: (
        path: string,
        section: Section,
        label: string,
        unit: Unit,
        o: unknown,
        n: unknown,
        p?: [boolean, boolean],
    ) => void,
): void {
    const oldBlocks = obj(before.actuals);
    const newBlocks = obj(after.actuals);
    for (const block of unionKeys(oldBlocks, newBlocks)) {
        const o = obj(obj(oldBlocks[block]).services);
        const n = obj(obj(newBlocks[block]).services);
        for (const service of unionKeys(o, n)) {
            add(
                `actuals.${block}.${service}.variance`,
                'actuals',
                `${block} ${service} variance`,
                'fraction',
                obj(o[service]).variance,
                obj(n[service]).variance,
                [service in o, service in n],
            );
        }
    }
    const drifting = (report: Report) =>
        new Set(
            (report.diagnostics ?? [])
                .filter(d => d?.code === 'CAP091' && typeof d.message === 'string')
                .map(d => d.message!.slice(0, d.message!.indexOf(':'))),
        );
    const was = drifting(before);
    const now = drifting(after);
    for (const service of [...now].filter(s => !was.has(s)).sort())
        notes.push(`${service}: the logged time now drifts beyond the tolerance from its designed effort`);
    for (const service of [...was].filter(s => !now.has(s)).sort())
        notes.push(`${service}: the logged time is back within the tolerance of its designed effort`);
}

const ROLE_METRICS: [keyof CapReport['roles'][string], string, Unit][] = [
    ['requiredFte', 'required FTE', 'fte'],
    ['staffedFte', 'staffed FTE', 'fte'],
    ['utilization', 'utilization', 'fraction'],
    ['gapFte', 'gap FTE', 'fte'],
    ['hires', 'hires', 'count'],
];

function totalMetrics(per: string): [keyof CapReport['totals'], string, Unit][] {
    return [
        ['accounts', 'Accounts', 'count'],
        ['revenue', `Revenue ${per}`, 'moneyPerPeriod'],
        ['teamCost', `Team cost ${per}`, 'moneyPerPeriod'],
        ['crc', `CRC ${per}`, 'moneyPerPeriod'],
        ['costToRevenue', 'Cost to revenue', 'fraction'],
        ['requiredFte', 'Required FTE', 'fte'],
        ['staffedFte', 'Staffed FTE', 'fte'],
    ];
}

type AddRow = (
    path: string,
    section: Section,
    label: string,
    unit: Unit,
    o: unknown,
    n: unknown,
    presence?: [boolean, boolean],
) => void;

/**
 * A forecast is a series per month; a review needs a few numbers from it: what the horizon costs
 * and earns in total, where accounts and headcount end up, when each role first runs short, and
 * the hiring plan: its hires, when they must start and be opened, and what they cost.
 */
function forecastRows(before: Report['forecast'], after: Report['forecast'], notes: string[], add: AddRow): void {
    if (!isObj(before) && !isObj(after)) return;
    const o = obj(before);
    const n = obj(after);
    const presence: [boolean, boolean] = [isObj(before), isObj(after)];
    const oMonths = strings(o.months);
    const nMonths = strings(n.months);
    const months = nMonths.length > 0 ? nMonths : oMonths;
    const span = months.length > 0 ? `${months[0]} – ${months[months.length - 1]}` : 'the horizon';
    const last = months.length > 0 ? months[months.length - 1] : 'the final month';
    if (presence[0] && presence[1] && oMonths.join() !== nMonths.join()) {
        const range = (m: string[]) => (m.length > 0 ? `${m[0]} – ${m[m.length - 1]}` : 'none');
        notes.push(
            `the forecast months changed from ${range(oMonths)} ` +
                `to ${range(nMonths)}: sums and final months cover different spans`,
        );
    }

    add(
        'forecast.teamCost.sum',
        'forecast',
        `Team cost, ${span}`,
        'moneyPerPeriod',
        sum(o.teamCost),
        sum(n.teamCost),
        presence,
    );
    add(
        'forecast.revenue.sum',
        'forecast',
        `Revenue, ${span}`,
        'moneyPerPeriod',
        sum(o.revenue),
        sum(n.revenue),
        presence,
    );
    add(
        'forecast.accounts.final',
        'forecast',
        `Accounts in ${last}`,
        'count',
        final(o.accounts),
        final(n.accounts),
        presence,
    );
    const oRoles = obj(o.roles);
    const nRoles = obj(n.roles);
    for (const role of unionKeys(oRoles, nRoles)) {
        const or = obj(oRoles[role]);
        const nr = obj(nRoles[role]);
        const p: [boolean, boolean] = [role in oRoles, role in nRoles];
        add(
            `forecast.roles.${role}.requiredFte.final`,
            'forecast',
            `${role} required FTE in ${last}`,
            'fte',
            final(or.requiredFte),
            final(nr.requiredFte),
            p,
        );
        add(
            `forecast.roles.${role}.gapFte.max`,
            'forecast',
            `${role} peak gap FTE`,
            'fte',
            max(or.gapFte),
            max(nr.gapFte),
            p,
        );
        add(
            `forecast.roles.${role}.firstGapMonth`,
            'forecast',
            `${role} first month short`,
            'month',
            or.firstGapMonth,
            nr.firstGapMonth,
            p,
        );
        add(`forecast.roles.${role}.hireBy`, 'forecast', `${role} hire by`, 'month', or.hireBy, nr.hireBy, p);
        // The hiring plan as v1.1 dates it (spec §16): how many hires, when the first requisition
        // opens, and the people expected to leave, whom the plan backfills.
        add(`forecast.roles.${role}.hires`, 'forecast', `${role} hires`, 'count', or.hires, nr.hires, p);
        add(
            `forecast.roles.${role}.openBy`,
            'forecast',
            `${role} first req opens by`,
            'month',
            or.openBy,
            nr.openBy,
            p,
        );
        const leavers: [unknown, unknown] = [final(or.leaversFte), final(nr.leaversFte)];
        add(`forecast.roles.${role}.leaversFte.final`, 'forecast', `${role} leavers by ${last}`, 'fte', ...leavers, p);
    }
    add(
        'forecast.budgetIncreaseTotal',
        'forecast',
        `Hiring budget, ${span}`,
        'money',
        o.budgetIncreaseTotal,
        n.budgetIncreaseTotal,
        presence,
    );
}

function diffAssertions(before: unknown, after: unknown): AssertionRow[] {
    const key = (list: unknown): Map<string, Record<string, unknown>> => {
        // The text is an assertion's identity; the same text twice is told apart by its place.
        const out = new Map<string, Record<string, unknown>>();
        for (const a of Array.isArray(list) ? list : []) {
            const item = obj(a);
            const text = str(item.text) ?? '';
            let k = text;
            for (let i = 2; out.has(k); i++) k = `${text}#${i}`;
            out.set(k, item);
        }
        return out;
    };
    const o = key(before);
    const n = key(after);
    const keys = [...n.keys(), ...[...o.keys()].filter(k => !n.has(k))];
    return keys.map(k => {
        const a = o.get(k);
        const b = n.get(k);
        const oldOk = a ? a.ok === true : null;
        const newOk = b ? b.ok === true : null;
        const change: AssertionChange =
            newOk === false && oldOk !== false
                ? 'newly failing'
                : newOk === true && oldOk === false
                  ? 'newly passing'
                  : oldOk === null
                    ? 'added'
                    : newOk === null
                      ? 'removed'
                      : 'unchanged';
        return {
            text: str((b ?? a)!.text) ?? k,
            old: oldOk,
            new: newOk,
            change,
            actual: { old: a?.actual ?? null, new: b?.actual ?? null },
            expected: (b ?? a)!.expected ?? null,
        };
    });
}

/**
 * The old report with renamed roles, tiers and scenarios under their new names, wherever a name
 * is a key: the sections themselves and the role-keyed maps inside tiers and the forecast.
 */
function applyRenames(report: Report, renames: Renames): Report {
    const roleMap = renames.roles ?? new Map<string, string>();
    const tierMap = renames.tiers ?? new Map<string, string>();
    const scenarioMap = renames.scenarios ?? new Map<string, string>();
    if (roleMap.size + tierMap.size + scenarioMap.size === 0) return report;
    const rekey = <T>(rec: T, map: Map<string, string>): T => {
        if (!isObj(rec)) return rec;
        const back = new Map([...map].map(([n, o]) => [o, n]));
        return Object.fromEntries(Object.entries(rec).map(([k, v]) => [back.get(k) ?? k, v])) as T;
    };
    const tiers = rekey(report.tiers, tierMap);
    const withRoleMaps = isObj(tiers)
        ? Object.fromEntries(
              Object.entries(tiers).map(([k, t]) => [
                  k,
                  isObj(t) ? { ...t, accountsPerFte: rekey(t.accountsPerFte, roleMap) } : t,
              ]),
          )
        : tiers;
    const forecast = isObj(report.forecast)
        ? { ...report.forecast, roles: rekey(report.forecast.roles, roleMap) }
        : report.forecast;
    return {
        ...report,
        roles: rekey(report.roles, roleMap),
        tiers: withRoleMaps,
        scenarios: rekey(report.scenarios, scenarioMap),
        forecast,
    };
}

// ---------------------------------------------------------------------------------------------
// Rows.

/** Float noise from summing in another order is not a change. */
const TOLERANCE = 1e-9;

function makeRow(
    path: string,
    section: Section,
    label: string,
    unit: Unit,
    o: number | string | null,
    n: number | string | null,
    presence: [boolean, boolean],
    comparable: boolean,
): OutputRow {
    let delta: number | null = null;
    let ratio: number | null = null;
    let same: boolean;
    if (typeof o === 'number' && typeof n === 'number') {
        same = Math.abs(n - o) <= TOLERANCE * Math.max(1, Math.abs(o), Math.abs(n));
        if (comparable) {
            delta = same ? 0 : n - o;
            ratio = o === 0 ? (delta === 0 ? 0 : null) : delta / Math.abs(o);
        }
    } else {
        same = o === n;
    }
    const status: RowStatus =
        !presence[0] && presence[1]
            ? 'added'
            : presence[0] && !presence[1]
              ? 'removed'
              : same
                ? 'unchanged'
                : 'changed';
    return { path, section, label, unit, old: o, new: n, delta, ratio, status };
}

/** Rows that changed, or every row under `--all`. */
export function visibleRows(diff: OutputDiff, all: boolean): OutputRow[] {
    return all ? diff.rows : diff.rows.filter(r => r.status !== 'unchanged');
}

export function visibleAssertions(diff: OutputDiff, all: boolean): AssertionRow[] {
    return all ? diff.assertions : diff.assertions.filter(a => a.change !== 'unchanged');
}

export function hasChanges(diff: OutputDiff): boolean {
    return visibleRows(diff, false).length > 0 || visibleAssertions(diff, false).length > 0;
}

// ---------------------------------------------------------------------------------------------
// Formatting, shared by the terminal and Markdown renderers.

export function formatValue(row: Pick<OutputRow, 'unit'>, x: number | string | null, currency: string): string {
    if (typeof x === 'string') return x;
    switch (row.unit) {
        case 'money':
        case 'moneyPerPeriod':
            return formatMoney(x, currency);
        case 'fte':
            return formatFte(x);
        case 'fraction':
            return formatPercent(x);
        case 'count':
            return formatNumber(x, 0);
        case 'accounts':
            return formatNumber(x, 1);
        case 'month':
            return x === null ? '—' : String(x);
    }
}

/** A row's old and new figures, each in its own side's currency. */
export function formatOld(row: OutputRow, diff: OutputDiff): string {
    return formatValue(row, row.old, diff.oldCurrency);
}

export function formatNew(row: OutputRow, diff: OutputDiff): string {
    return formatValue(row, row.new, diff.currency);
}

/** The change in the figure's own unit: `+1.5`, `-$2,000`, `+5.2 pp` for a ratio. */
export function formatChange(row: OutputRow, currency: string): string {
    if (row.delta === null)
        return row.status === 'added'
            ? 'new'
            : row.status === 'removed'
              ? 'removed'
              : row.status === 'changed'
                ? 'changed'
                : '';
    if (row.unit === 'fraction') return formatDelta(row.delta * 100, v => `${formatNumber(v, 1)} pp`);
    return formatDelta(row.delta, v => formatValue(row, v, currency));
}

/**
 * The change as a percentage of the old figure, shown only from a positive old figure to one that
 * is 0 or more: from 0 it has no size, and of a negative figure (a gap of -1.2 FTE closing to
 * -0.7) or across a change of sign "+42%" reads as the opposite of what happened.
 */
export function formatRatio(row: OutputRow): string {
    if (row.delta === 0) return '';
    const meaningful = typeof row.old === 'number' && typeof row.new === 'number' && row.old > 0 && row.new >= 0;
    if (row.ratio === null || !meaningful) return '—';
    return formatDelta(row.ratio, v => formatPercent(v));
}

/**
 * The sentence a reviewer reads first: `+1.5 CSM FTE, +$14,250/mo team cost, CRC $312 → $341`.
 * Headcount per role, team cost and CRC are what a CS plan review is about; assertions that now
 * fail come after them. Anything else that changed is counted, not named.
 */
export function headline(diff: OutputDiff): string {
    const rows = visibleRows(diff, false);
    if (rows.length === 0 && visibleAssertions(diff, false).length === 0) return 'No changes to the numbers.';
    const parts: string[] = [];
    // A role that is new (or gone) adds (or takes away) all of its required FTE.
    const fteChange = (r: OutputRow): number | null =>
        r.status === 'added'
            ? num(r.new)
            : r.status === 'removed'
              ? num(r.old) === null
                  ? null
                  : -num(r.old)!
              : r.delta;
    const fte = rows.filter(r => r.section === 'roles' && r.path.endsWith('.requiredFte') && fteChange(r));
    const named = fte.length <= 4 ? fte : fte.slice(0, 3);
    for (const r of named) parts.push(`${formatDelta(fteChange(r), formatFte)} ${r.path.split('.')[1]} FTE`);
    if (fte.length > named.length)
        parts.push(
            `${formatDelta(
                fte.slice(3).reduce((s, r) => s + fteChange(r)!, 0),
                formatFte,
            )} FTE in ${fte.length - 3} more roles`,
        );
    const per = periodSuffix(diff.period);
    const teamCost = rows.find(r => r.path === 'totals.teamCost');
    if (teamCost?.delta)
        parts.push(`${formatDelta(teamCost.delta, v => formatMoney(v, diff.currency))}${per} team cost`);
    const crc = rows.find(r => r.path === 'totals.crc');
    if (crc) parts.push(`CRC ${formatOld(crc, diff)} → ${formatNew(crc, diff)}`);
    const failing = diff.assertions.filter(a => a.change === 'newly failing').length;
    const passing = diff.assertions.filter(a => a.change === 'newly passing').length;
    if (failing > 0) parts.push(`${failing} assertion${failing === 1 ? '' : 's'} now failing`);
    if (passing > 0) parts.push(`${passing} assertion${passing === 1 ? '' : 's'} now passing`);
    if (parts.length === 0) {
        const count = `${rows.length} figure${rows.length === 1 ? '' : 's'} changed`;
        const headlineFigures = rows.some(
            r =>
                r.path === 'totals.teamCost' ||
                r.path === 'totals.crc' ||
                (r.section === 'roles' && r.path.endsWith('.requiredFte')),
        );
        return headlineFigures ? `${count}.` : `${count}; headcount, team cost and CRC did not.`;
    }
    return parts.join(', ');
}

export const SECTION_TITLES: Record<Section, string> = {
    totals: 'Totals',
    roles: 'Roles',
    tiers: 'Tiers',
    agents: 'Agents',
    actuals: 'Designed vs actual',
    scenarios: 'Scenarios',
    forecast: 'Forecast',
};

// ---------------------------------------------------------------------------------------------
// Reading report JSON defensively: hand-made and older reports may lack any section.

/** A part of a report that must be an object, or an empty one: every key of a Lenient part is optional. */
function obj<T extends object>(x: T | null | undefined): T {
    return isObj(x) ? x : ({} as T);
}

function isObj(x: unknown): x is Record<string, unknown> {
    return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function str(x: unknown): string | undefined {
    return typeof x === 'string' ? x : undefined;
}

function num(x: unknown): number | null {
    return typeof x === 'number' ? x : null;
}

function strings(x: unknown): string[] {
    return Array.isArray(x) ? x.map(String) : [];
}

function value(x: unknown): number | string | null {
    return typeof x === 'number' && Number.isFinite(x) ? x : typeof x === 'string' ? x : null;
}

function numbers(x: unknown): number[] | null {
    if (!Array.isArray(x) || x.length === 0) return null;
    return x.every(v => typeof v === 'number' && Number.isFinite(v)) ? (x as number[]) : null;
}

function sum(x: unknown): number | null {
    const xs = numbers(x);
    return xs ? xs.reduce((s, v) => s + v, 0) : null;
}

function final(x: unknown): number | null {
    const xs = Array.isArray(x) ? x : [];
    const v = xs[xs.length - 1];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function max(x: unknown): number | null {
    const xs = numbers(x);
    return xs ? Math.max(...xs) : null;
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

function asPeriod(p: string): 'month' | 'quarter' | 'year' {
    return p === 'quarter' || p === 'year' ? p : 'month';
}

function lowerFirst(s: string): string {
    return s === 'CRC' || s.startsWith('CRC ') ? s : s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * Which way a figure is good for a finance reader, for colour only: costs down, revenue and
 * customer value up. Headcount and utilization are neither: more people can be the plan.
 */
export function betterDirection(row: OutputRow): 'up' | 'down' | null {
    const metric = metricOf(row);
    return DOWN_IS_BETTER.has(metric) ? 'down' : UP_IS_BETTER.has(metric) ? 'up' : null;
}

const DOWN_IS_BETTER = new Set(['teamCost', 'crc', 'costToRevenue', 'costToServe']);
const UP_IS_BETTER = new Set(['revenue', 'clv', 'accountsPerFte']);

/** `▲ +1.5` / `▼ -$2,000`: the change with its direction, for tables. */
export function markedChange(row: OutputRow, currency: string): string {
    const text = formatChange(row, currency);
    if (row.delta === null || row.delta === 0) return text;
    return `${row.delta > 0 ? '▲' : '▼'} ${text}`;
}

/** The figure's key, skipping declaration names (a role may be called `clv`). */
export function metricOf(row: Pick<OutputRow, 'path' | 'section'>): string {
    const parts = row.path.split('.');
    switch (row.section) {
        case 'totals':
            return parts[1];
        case 'roles':
        case 'tiers':
        case 'agents':
            return parts[2];
        case 'actuals':
            return parts[3];
        case 'scenarios':
            return parts[3];
        case 'forecast':
            return parts[1] === 'roles' ? parts[3] : parts[1];
    }
}
