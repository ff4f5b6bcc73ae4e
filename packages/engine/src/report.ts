import type { Period } from './model.js';
import type { Results } from './results.js';
import type { Forecast } from './forecast.js';
import type { PlanResults } from './plan.js';
import { sectionDelta, figureDelta } from './delta.js';
import { compoundFromMonthly, periodMonths } from './units.js';

/** One diagnostic as the report lists it (spec section 13); lines and columns are 1-based. */
export interface ReportDiagnostic {
    severity: 'error' | 'warning' | 'info' | 'hint';
    code: string;
    message: string;
    file: string;
    line: number;
    column: number;
}

export const REPORT_SCHEMA = 'cap-report/1';

type Num = number | null;

/** The figure sections of a report (roles to totals), in reporting-period units. */
export interface ReportSections {
    roles: Record<string, Record<string, unknown>>;
    services: Record<string, Record<string, unknown>>;
    tiers: Record<string, Record<string, unknown>>;
    agents: Record<string, Record<string, unknown>>;
    totals: Record<string, unknown>;
}

/**
 * The `cap-report/1` document (spec section 13). Per-time figures are scaled from months to the
 * model's reporting period here and nowhere else (spec section 12). Name-keyed sections are sorted
 * so that a report does not change when declarations move between files. Given bare Results (no
 * plan), the forecast, scenarios and assertions are empty.
 */
export function toReport(input: Results | PlanResults, diagnostics: ReportDiagnostic[] = []): Record<string, unknown> {
    const plan: PlanResults = 'results' in input ? input : { results: input, forecast: null, scenarios: new Map(), assertions: [] };
    const results = plan.results;
    const base = reportSections(results);

    const scenarios: Record<string, unknown> = {};
    for (const name of [...plan.scenarios.keys()].sort(compareNames)) {
        const s = plan.scenarios.get(name)!;
        const sections = reportSections(s.results);
        scenarios[name] = {
            title: s.title,
            model: modelSection(s.results),
            ...sections,
            forecast: reportForecast(s.forecast, results.model.period),
            // Differences of the reported figures, so that a delta reads in the report's units.
            delta: {
                roles: mapSorted(sectionDelta(base.roles, sections.roles), x => x),
                tiers: mapSorted(sectionDelta(base.tiers, sections.tiers), t => sortMaps(t)),
                totals: figureDelta(base.totals, sections.totals),
            },
        };
    }

    return {
        schema: REPORT_SCHEMA,
        model: modelSection(results),
        ...base,
        forecast: reportForecast(plan.forecast, results.model.period),
        scenarios,
        assertions: plan.assertions.map(a => ({ text: a.text, ok: a.ok, actual: a.actual, expected: a.expected, message: a.message })),
        diagnostics: [...diagnostics].sort(compareDiagnostics),
    };
}

function modelSection(results: Results): Record<string, unknown> {
    return {
        name: results.model.name,
        title: results.model.title,
        currency: results.model.currency,
        period: results.model.period,
        start: results.model.start,
        horizonMonths: results.model.horizonMonths,
    };
}

/** Roles, services, tiers, agents and totals as the report shows them (assertions read these). */
export function reportSections(results: Results): ReportSections {
    const k = periodMonths(results.model.period);
    const per = (x: Num): Num => (x === null ? null : x * k);
    const perAll = (rec: Record<string, Num>): Record<string, Num> => mapSorted(rec, per);

    return {
        roles: mapSorted(results.roles, r => ({
            hoursPerFte: per(r.hoursPerFte),
            overheadPerFte: per(r.overheadPerFte),
            effectivePerFte: per(r.effectivePerFte),
            costPerFte: per(r.costPerFte),
            hourlyCost: r.hourlyCost,
            rampMonths: r.rampMonths,
            demandHours: per(r.demandHours),
            requiredFte: r.requiredFte,
            staffedFte: r.staffedFte,
            utilization: r.utilization,
            gapFte: r.gapFte,
            hires: r.hires,
        })),
        services: mapSorted(results.services, s => ({
            role: s.role,
            kind: s.kind,
            seats: s.seats,
            uptake: s.uptake,
            effortHours: s.effortHours,
            hoursPerAccount: per(s.hoursPerAccount),
        })),
        tiers: mapSorted(results.tiers, t => ({
            touch: t.touch,
            accounts: t.accounts,
            newAccounts: per(t.newAccounts),
            revenuePerAccount: per(t.revenuePerAccount),
            revenue: per(t.revenue),
            churn: t.churn === null ? null : compoundFromMonthly(t.churn, k),
            lifetimeMonths: t.lifetimeMonths,
            margin: t.margin,
            expansion: per(t.expansion),
            clv: t.clv,
            clvNet: t.clvNet,
            costToServe: per(t.costToServe),
            addonRevenue: per(t.addonRevenue),
            designedEffort: perAll(t.designedEffort),
            accountsPerFte: mapSorted(t.accountsPerFte, x => x),
            demandHours: perAll(t.demandHours),
            requiredFte: mapSorted(t.requiredFte, x => x),
        })),
        agents: mapSorted(results.agents, a => ({
            role: a.role,
            fte: a.fte,
            count: a.count,
            rampFactor: a.rampFactor,
            capacityHours: per(a.capacityHours),
            assignedHours: per(a.assignedHours),
            load: a.load,
        })),
        totals: {
            accounts: results.totals.accounts,
            revenue: per(results.totals.revenue),
            teamCost: per(results.totals.teamCost),
            crc: per(results.totals.crc),
            costToRevenue: results.totals.costToRevenue,
            requiredFte: results.totals.requiredFte,
            staffedFte: results.totals.staffedFte,
        },
    };
}

/**
 * The forecast section. Each month's money figures are per reporting period like every other
 * per-time figure (spec section 12): a month's run rate, so month 0 equals the totals. The
 * budget over the whole horizon is an amount, not a rate, and is not scaled.
 */
export function reportForecast(forecast: Forecast | null, period: Period): Record<string, unknown> | null {
    if (forecast === null) return null;
    const k = periodMonths(period);
    const per = (xs: number[]): number[] => xs.map(x => x * k);
    return {
        months: forecast.months,
        accounts: forecast.accounts,
        teamCost: per(forecast.teamCost),
        revenue: per(forecast.revenue),
        roles: mapSorted(forecast.roles, r => ({
            requiredFte: r.requiredFte,
            staffedFte: r.staffedFte,
            gapFte: r.gapFte,
            firstGapMonth: r.firstGapMonth,
            hireBy: r.hireBy,
            hiresNeeded: r.hiresNeeded,
            hires: r.hires,
            hiringPlan: r.plan.map(h => ({ neededFrom: h.neededFrom, startBy: h.startBy })),
            budgetIncrease: per(r.budgetIncrease),
        })),
        tiers: mapSorted(forecast.tiers, t => ({ accounts: t.accounts })),
        budgetIncrease: per(forecast.budgetIncrease),
        budgetIncreaseTotal: forecast.budgetIncreaseTotal,
    };
}

/** A tier delta with its role-keyed maps sorted like the tier's own. */
function sortMaps(tier: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(tier)) {
        out[key] = typeof value === 'object' && value !== null ? mapSorted(value as Record<string, unknown>, x => x) : value;
    }
    return out;
}

function mapSorted<T, U>(rec: Record<string, T>, f: (value: T) => U): Record<string, U> {
    const out: Record<string, U> = {};
    for (const key of Object.keys(rec).sort(compareNames)) out[key] = f(rec[key]);
    return out;
}

/** Code-point order, independent of the machine's locale. */
function compareNames(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function compareDiagnostics(a: ReportDiagnostic, b: ReportDiagnostic): number {
    return compareNames(a.file, b.file) || a.line - b.line || a.column - b.column || compareNames(a.code, b.code) || compareNames(a.message, b.message);
}

/** JSON text of a report: two-space indented, with a final newline, as committed to git. */
export function reportToJson(report: Record<string, unknown>): string {
    return JSON.stringify(report, null, 2) + '\n';
}
