import type { Period } from './model.js';
import type { Results } from './results.js';
import type { Forecast } from './forecast.js';
import type { Entry, Table, Values } from './figures.js';
import { ACTUALS, DATA, FORECAST, MODEL, SECTIONS, isFigure } from './figures.js';
import { compoundFromMonthly, growthFromMonthly, periodMonths } from './units.js';

/**
 * The engine's monthly figures in the report's units, section by section as figures.ts describes
 * them: each per-time figure per reporting period (spec section 12), the only place that scales
 * them; name-keyed records sorted by code point, so that a report does not change when
 * declarations move between files. Assertions read these, so they compare what the report shows.
 */

/** Roles, services, tiers, agents and totals as the report shows them. */
export type ReportSections = Values<typeof SECTIONS>;
export type ReportForecast = Values<typeof FORECAST>;
export type ReportModel = Values<typeof MODEL>;
export type ReportData = Values<typeof DATA>;
export type ReportActuals = Values<typeof ACTUALS>;

export function reportSections(results: Results): ReportSections {
    return inPeriodTable(SECTIONS, results, periodMonths(results.model.period)) as ReportSections;
}

export function reportModel(results: Results): ReportModel {
    return inPeriodTable(MODEL, results.model, 1) as ReportModel;
}

/**
 * The forecast section. Each month's money figures are per reporting period like every other
 * per-time figure: a month's run rate, so month 0 equals the totals. The budget over the whole
 * horizon is an amount, not a rate, and is not scaled.
 */
export function reportForecast(forecast: Forecast | null, period: Period): ReportForecast | null {
    return forecast === null ? null : (inPeriodTable(FORECAST, forecast, periodMonths(period)) as ReportForecast);
}

/** The data blocks a model reads (§13a), sorted by name: counts and labels, the same in every period. */
export function reportData(results: Results): Record<string, ReportData> {
    return mapSorted(results.data, d => inPeriodTable(DATA, d, 1) as ReportData);
}

/** The actuals blocks a model reads (§13a), sorted by name, hours and occurrences per reporting period. */
export function reportActuals(results: Results): Record<string, ReportActuals> {
    const k = periodMonths(results.model.period);
    return mapSorted(results.actuals ?? {}, a => inPeriodTable(ACTUALS, a, k) as ReportActuals);
}

/** An object of `table`'s keys, in its order, each value in the report's units (k months a period). */
function inPeriodTable(table: Table, monthly: object, k: number): Record<string, unknown> {
    const values = monthly as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(table)) {
        const value = inPeriod(entry, values[key], k);
        if (!('optional' in entry && entry.optional && value === null)) out[key] = value;
    }
    return out;
}

function inPeriod(entry: Entry, value: unknown, k: number): unknown {
    if ('table' in entry) return value === null ? null : inPeriodTable(entry.table, value as object, k);
    if ('each' in entry) return mapSorted(value as Record<string, object>, v => inPeriodTable(entry.each, v, k));
    if ('list' in entry) return (value as object[]).map(v => inPeriodTable(entry.list, v, k));
    const per = isFigure(entry) ? entry.per : undefined;
    const convert = (x: number | null): number | null =>
        x === null || per === undefined
            ? x
            : per === 'scaled'
              ? x * k
              : per === 'compounded'
                ? compoundFromMonthly(x, k)
                : growthFromMonthly(x, k);
    if (entry.series) return per === undefined ? value : (value as (number | null)[]).map(convert);
    if (isFigure(entry) && (entry.byRole || entry.byName))
        return value === null ? null : mapSorted(value as Record<string, number | null>, convert);
    return per === undefined ? value : convert(value as number | null);
}

export function mapSorted<T, U>(rec: Record<string, T>, f: (value: T) => U): Record<string, U> {
    const out: Record<string, U> = {};
    // Defined, not assigned: a key `__proto__` (a CRM value, §14) stays a key.
    for (const key of Object.keys(rec).sort(compareNames))
        Object.defineProperty(out, key, { value: f(rec[key]), enumerable: true, writable: true, configurable: true });
    return out;
}

/** Code-point order, independent of the machine's locale. */
export function compareNames(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
