import type { Lenient, CapReport as Report } from '@cap/engine';

/**
 * The `cap-report/1` report as the preview and the Markdown summary read it: the engine's type with
 * every key optional (Lenient). The report of a half-typed model is still shown, and a report
 * from a newer or older server with other sections must not break the view.
 */

/** An agent; only the preview push carries its display name (`agent alice "Alice Chen"`), not `cap build`. */
export type ReportAgent = Lenient<Report['agents'][string]> & { title?: string | null };

export type CapReport = Omit<Lenient<Report>, 'agents'> & { agents?: Record<string, ReportAgent> };
export type ReportRole = Lenient<Report['roles'][string]>;
export type ReportTier = Lenient<Report['tiers'][string]>;
export type ReportForecast = Lenient<NonNullable<Report['forecast']>>;
export type ReportForecastRole = Lenient<NonNullable<Report['forecast']>['roles'][string]>;
export type ReportHire = Lenient<NonNullable<Report['forecast']>['roles'][string]['hiringPlan'][number]>;
export type ReportDiagnostic = Lenient<Report['diagnostics'][number]>;

/**
 * The report as `cap build` writes it: without the agents' titles that the preview push adds
 * (`Cap: Export JSON Report` writes this).
 */
export function asBuilt(report: CapReport): CapReport {
    if (!report.agents || typeof report.agents !== 'object') return report;
    // fromEntries defines each key, so an agent named `__proto__` stays an agent.
    const agents = Object.fromEntries(entries(report.agents).map(([name, { title: _title, ...rest }]) => [name, rest]));
    return { ...report, agents };
}

/** Own keys only: a model may name a tier `constructor` or `__proto__`. */
export function entries<T>(record: Record<string, T> | undefined | null): [string, T][] {
    if (!record || typeof record !== 'object') return [];
    return Object.keys(record).map(key => [key, record[key]]);
}

export function countBySeverity(report: CapReport): { errors: number; warnings: number } {
    const list = Array.isArray(report.diagnostics) ? report.diagnostics : [];
    return {
        errors: list.filter(d => d.severity === 'error').length,
        warnings: list.filter(d => d.severity === 'warning').length,
    };
}
