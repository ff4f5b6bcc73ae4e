/**
 * The parts of a `cap-report/1` report the preview and the Markdown summary read. Everything is
 * optional or nullable on purpose: the report of a half-typed model is still shown, and a report
 * from a newer server with more sections must not break an older view.
 */

type Num = number | null;

export interface ReportRole {
    effectivePerFte?: Num;
    costPerFte?: Num;
    hourlyCost?: Num;
    demandHours?: Num;
    requiredFte?: Num;
    staffedFte?: Num;
    utilization?: Num;
    gapFte?: Num;
    hires?: Num;
}

export interface ReportTier {
    touch?: string | null;
    accounts?: Num;
    revenuePerAccount?: Num;
    revenue?: Num;
    lifetimeMonths?: Num;
    clv?: Num;
    clvNet?: Num;
    costToServe?: Num;
    requiredFte?: Record<string, Num>;
}

export interface ReportAgent {
    /** The display name (`agent alice "Alice Chen"`); only the preview push carries it, not `cap build`. */
    title?: string | null;
    role?: string;
    fte?: Num;
    count?: Num;
    rampFactor?: Num;
    capacityHours?: Num;
    assignedHours?: Num;
    load?: Num;
}

export interface ReportHire {
    /** The first month that needs this hire. */
    neededFrom?: string | null;
    /** The month the hire must start to be ramped by then. */
    startBy?: string | null;
}

export interface ReportForecastRole {
    requiredFte?: Num[];
    staffedFte?: Num[];
    gapFte?: Num[];
    firstGapMonth?: string | null;
    hireBy?: string | null;
    hiringPlan?: ReportHire[];
}

export interface ReportForecast {
    months?: string[];
    accounts?: Num[];
    teamCost?: Num[];
    revenue?: Num[];
    roles?: Record<string, ReportForecastRole>;
}

export interface ReportDiagnostic {
    severity?: string;
    code?: string;
    message?: string;
    file?: string;
    line?: number;
    column?: number;
}

export interface CapReport {
    schema?: string;
    model?: { name?: string; title?: string | null; currency?: string; period?: string };
    roles?: Record<string, ReportRole>;
    tiers?: Record<string, ReportTier>;
    agents?: Record<string, ReportAgent>;
    totals?: {
        accounts?: Num;
        revenue?: Num;
        teamCost?: Num;
        crc?: Num;
        costToRevenue?: Num;
        requiredFte?: Num;
        staffedFte?: Num;
    };
    forecast?: ReportForecast | null;
    diagnostics?: ReportDiagnostic[];
}

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
