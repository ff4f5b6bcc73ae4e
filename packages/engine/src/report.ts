import type { Results } from './results.js';
import type { PlanResults } from './plan.js';
import type { Delta } from './delta.js';
import type { ReportActuals, ReportData, ReportForecast, ReportModel, ReportSections } from './report-sections.js';
import { sectionDelta, figureDelta } from './delta.js';
import { ROLE, TIER, TOTALS } from './figures.js';
import {
    compareNames,
    mapSorted,
    reportActuals,
    reportData,
    reportForecast,
    reportModel,
    reportSections,
} from './report-sections.js';

export const REPORT_SCHEMA = 'cap-report/1';

/** One diagnostic as the report lists it (spec section 13); lines and columns are 1-based. */
export interface ReportDiagnostic {
    severity: 'error' | 'warning' | 'info' | 'hint';
    code: string;
    message: string;
    file: string;
    line: number;
    column: number;
}

/** An assertion's outcome (spec section 11); `actual` and `expected` in report units, null when undefined. */
export interface ReportAssertion {
    text: string;
    ok: boolean;
    actual: number | null;
    expected: number | null;
    message: string;
}

/** Each figure of roles, tiers and totals as scenario minus base, in report units (spec section 10). */
export interface ReportDelta {
    roles: Record<string, Delta<typeof ROLE>>;
    tiers: Record<string, Delta<typeof TIER>>;
    totals: Delta<typeof TOTALS>;
}

export interface ReportScenario extends ReportSections {
    title: string | null;
    model: ReportModel;
    forecast: ReportForecast | null;
    delta: ReportDelta;
}

/**
 * The `cap-report/1` document (spec section 13). Its figure sections are described in figures.ts;
 * report-sections.ts puts them in reporting-period units. The JSON schema (report-schema.ts)
 * follows the same tables.
 */
export interface CapReport extends ReportSections {
    schema: typeof REPORT_SCHEMA;
    model: ReportModel;
    forecast: ReportForecast | null;
    /** The data blocks the model reads, by name (§13a); `{}` without any. */
    data: Record<string, ReportData>;
    /** The time logs the model reads, by name (§13a); `{}` without any. */
    actuals: Record<string, ReportActuals>;
    scenarios: Record<string, ReportScenario>;
    assertions: ReportAssertion[];
    diagnostics: ReportDiagnostic[];
}

/**
 * A report as read back from a file: every key optional, all the way down (name-keyed records keep
 * their values). Readers of saved or older reports (`cap diff`, the preview) take this.
 */
export type Lenient<T> = T extends (infer U)[]
    ? Lenient<U>[]
    : T extends object
      ? string extends keyof T
          ? Record<string, Lenient<T[string & keyof T]>>
          : { [K in keyof T]?: Lenient<T[K]> }
      : T;

/**
 * The report of a plan (given bare Results: the forecast, scenarios and assertions are empty), in
 * the key order of figures.ts, scenarios sorted by name and diagnostics by place.
 */
export function toReport(input: Results | PlanResults, diagnostics: ReportDiagnostic[] = []): CapReport {
    const plan: PlanResults =
        'results' in input ? input : { results: input, forecast: null, scenarios: new Map(), assertions: [] };
    const results = plan.results;
    const period = results.model.period;
    const base = reportSections(results);

    const scenarios: Record<string, ReportScenario> = {};
    for (const name of [...plan.scenarios.keys()].sort(compareNames)) {
        const s = plan.scenarios.get(name)!;
        const sections = reportSections(s.results);
        scenarios[name] = {
            title: s.title,
            model: reportModel(s.results),
            ...sections,
            forecast: reportForecast(s.forecast, period),
            // Differences of the reported figures, so that a delta reads in the report's units.
            delta: {
                roles: mapSorted(sectionDelta(ROLE, base.roles, sections.roles), x => x),
                tiers: mapSorted(sectionDelta(TIER, base.tiers, sections.tiers), sortByRole),
                totals: figureDelta(TOTALS, base.totals, sections.totals),
            },
        };
    }

    return {
        schema: REPORT_SCHEMA,
        model: reportModel(results),
        ...base,
        forecast: reportForecast(plan.forecast, period),
        data: reportData(results),
        actuals: reportActuals(results),
        scenarios,
        assertions: plan.assertions.map(a => ({
            text: a.text,
            ok: a.ok,
            actual: a.actual,
            expected: a.expected,
            message: a.message,
        })),
        diagnostics: [...diagnostics].sort(compareDiagnostics),
    };
}

/** A tier's delta with its figures by role sorted like the tier's own. */
function sortByRole(tier: Delta<typeof TIER>): Delta<typeof TIER> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(tier)) {
        out[key] = typeof value === 'object' && value !== null ? mapSorted(value, x => x) : value;
    }
    return out as Delta<typeof TIER>;
}

function compareDiagnostics(a: ReportDiagnostic, b: ReportDiagnostic): number {
    return (
        compareNames(a.file, b.file) ||
        a.line - b.line ||
        a.column - b.column ||
        compareNames(a.code, b.code) ||
        compareNames(a.message, b.message)
    );
}

/**
 * JSON text of a report (or of one of its parts): two-space indented, with a final newline, as
 * committed to git; the same text as `JSON.stringify(report, null, 2)`, except that the maps inside
 * an `unmatched` object (value-keyed: `data.D.unmatched.tier`) are written in code-point order
 * (§13a). A JavaScript object keeps integer-like keys ("10", "9") first and in numeric order, so
 * values such as segment codes or employee ids cannot keep that order in the object itself.
 */
export function reportToJson(report: object): string {
    return `${toJson(report, '', 'plain')}\n`;
}

/** How an object's keys are written: as they stand, as they stand with sorted maps inside (`unmatched`), or sorted. */
type KeyOrder = 'plain' | 'unmatched' | 'sorted';

function toJson(value: unknown, indent: string, order: KeyOrder): string {
    if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function')
        value = (value as { toJSON: () => unknown }).toJSON();
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
        if (value.length === 0) return '[]';
        const items = value.map(v => inner + (v === undefined ? 'null' : toJson(v, inner, 'plain')));
        return `[\n${items.join(',\n')}\n${indent}]`;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter(k => record[k] !== undefined && typeof record[k] !== 'function');
    if (order === 'sorted') keys.sort(compareCodePoints);
    if (keys.length === 0) return '{}';
    const child = (k: string): KeyOrder =>
        order === 'unmatched' ? 'sorted' : k === 'unmatched' ? 'unmatched' : 'plain';
    const items = keys.map(k => `${inner}${JSON.stringify(k)}: ${toJson(record[k], inner, child(k))}`);
    return `{\n${items.join(',\n')}\n${indent}}`;
}

/** Code-point order (not UTF-16 code units: a character beyond U+FFFF sorts after U+FFFF). */
function compareCodePoints(a: string, b: string): number {
    const x = [...a];
    const y = [...b];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
        if (d !== 0) return d;
    }
    return x.length - y.length;
}
