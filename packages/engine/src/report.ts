import type { Results } from './results.js';
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

/**
 * The `cap-report/1` document (spec section 13). Per-time figures are scaled from months to the
 * model's reporting period here and nowhere else (spec section 12). Name-keyed sections are sorted
 * so that a report does not change when declarations move between files.
 */
export function toReport(results: Results, diagnostics: ReportDiagnostic[] = []): Record<string, unknown> {
    const k = periodMonths(results.model.period);
    const per = (x: Num): Num => (x === null ? null : x * k);
    const perAll = (rec: Record<string, Num>): Record<string, Num> => mapSorted(rec, per);

    return {
        schema: REPORT_SCHEMA,
        model: {
            name: results.model.name,
            title: results.model.title,
            currency: results.model.currency,
            period: results.model.period,
            start: results.model.start,
            horizonMonths: results.model.horizonMonths,
        },
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
        forecast: null,
        scenarios: {},
        assertions: [],
        diagnostics: [...diagnostics].sort(compareDiagnostics),
    };
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
