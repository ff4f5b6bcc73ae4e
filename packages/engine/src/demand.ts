import type { MonthIndex, RoleSpec, ServiceSpec, TierSpec } from './model.js';
import type { Finding, RoleResult, ServiceResult, TierResult } from './results.js';
import { ceilTolerant, positive, ratio, sum, times } from './numeric.js';
import { compoundToMonthly, growthToMonthly, recurringPerMonth } from './units.js';

/**
 * The demand side of a snapshot, per month (spec sections 3 to 6, and 8): what one FTE of a role
 * gives, what each service asks of a role in a tier, and what each tier is worth and costs to serve.
 */

// ------------------------------------------------------------------------------------------------
// §3 Roles

/** O and E = H − O per FTE per month: a percent item of O is that share of H. */
export function availability(role: RoleSpec): { overhead: number; effective: number } {
    const H = role.hoursPerMonth;
    const O = sum(role.overhead, o => (o.kind === 'hours' ? o.hoursPerMonth : o.share * H));
    return { overhead: O, effective: H - O };
}

/** A role's own figures; the tiers add its demand (§6), staffing.ts its staffing. */
export function roleFigures(role: RoleSpec): RoleResult {
    const { overhead, effective } = availability(role);
    return {
        name: role.name,
        hoursPerFte: role.hoursPerMonth,
        overheadPerFte: overhead,
        effectivePerFte: effective,
        costPerFte: role.costPerMonth,
        hourlyCost: ratio(role.costPerMonth, positive(effective)), // C / E
        rampMonths: role.rampMonths,
        demandHours: 0,
        requiredFte: null,
        staffedFte: 0,
        utilization: null,
        gapFte: null,
        hires: null,
    };
}

// ------------------------------------------------------------------------------------------------
// §4 Services, §6 their demand

export function serviceFigures(service: ServiceSpec): ServiceResult {
    const phi = recurringPerMonth(service.frequency);
    return {
        name: service.name,
        role: service.role,
        kind: service.frequency.kind,
        seats: service.seats,
        uptake: service.uptake,
        effortHours: service.effortHours,
        hoursPerAccount: service.seats === null ? service.effortHours * phi : 0, // X · φ
        occurrencesPerMonth: phi,
    };
}

/**
 * Demand hours a month of service `s` in a tier of N accounts that wins `a` a month (§6): recurring
 * `N · u · X · φ`, or `ceil(N · u / S) · X · φ` with seats S; once `a · u · X`, or `ceil(a · u / S) · X`.
 */
export function serviceDemand(s: ServiceSpec, N: number, a: number): number {
    const u = s.uptake;
    const X = s.effortHours;
    if (s.frequency.kind === 'once') return (s.seats === null ? a * u : sessions(a * u, s.seats)) * X;
    const phi = s.frequency.perMonth;
    return (s.seats === null ? N * u : sessions(N * u, s.seats)) * X * phi;
}

/**
 * Occurrences a month of service `s` in a tier (§6's table without X, as §15 counts them; the demand
 * above is these times X, multiplied in the order §6 writes it):
 * `N · u · φ`, `ceil(N · u / S) · φ` with seats; once `a · u`, or `ceil(a · u / S)`.
 */
export function serviceOccurrences(s: ServiceSpec, N: number, a: number): number {
    const u = s.uptake;
    if (s.frequency.kind === 'once') return s.seats === null ? a * u : sessions(a * u, s.seats);
    const phi = s.frequency.perMonth;
    return (s.seats === null ? N * u : sessions(N * u, s.seats)) * phi;
}

function sessions(receivers: number, seats: number): number {
    return seats > 0 ? ceilTolerant(receivers / seats) : 0;
}

/** Add-on revenue a month of service `s` in a tier (§8): recurring `N · u · price · φ`, once `a · u · price`. */
export function addonRevenue(s: ServiceSpec, N: number, a: number): number {
    if (s.price === null) return 0;
    const { amount, frequency } = s.price;
    return frequency.kind === 'once' ? a * s.uptake * amount : N * s.uptake * amount * frequency.perMonth;
}

// ------------------------------------------------------------------------------------------------
// §5 Tiers, §6 demand and capacity, §8 customer value

/** cm: a churn rate c per unit u compounded to a month, `1 − (1 − c)^(1/len(u))`, or 1 / lifetime. */
export function monthlyChurn(tier: TierSpec): number | null {
    const r = tier.retention;
    if (r.kind === 'churn') return compoundToMonthly(r.rate, r.months);
    if (r.kind === 'lifetime') return ratio(1, r.months);
    return null;
}

/**
 * a_t in the calendar month `month`: the rate `new`, or with a dated intake (§16) the count given
 * for that month, 0 for a month it does not name or when there is no month to look up.
 */
export function newAccountsIn(tier: TierSpec, month: MonthIndex | null): number {
    if (tier.intake === null) return tier.newPerMonth;
    if (month === null) return 0;
    return tier.intake.find(i => i.month === month)?.count ?? 0;
}

/** em: an expansion rate e per unit u as a monthly rate, `(1 + e)^(1/len(u)) − 1` (§16); null without one. */
export function monthlyExpansion(tier: TierSpec): number | null {
    return tier.expansion === null ? null : growthToMonthly(tier.expansion.rate, tier.expansion.months);
}

/** R_t(m) = R_t · (1 + em)^m: revenue per account m months into the forecast (§16); null when R_t is. */
export function revenuePerAccountIn(
    tier: TierSpec,
    m: number,
    em: number | null = monthlyExpansion(tier),
): number | null {
    const R = tier.revenuePerMonth;
    return em === null || m === 0 || R === null ? R : R * (1 + em) ** m;
}

/** L = 1 / cm, or the given lifetime; `cm` when the caller has it already. */
export function lifetimeMonths(tier: TierSpec, cm: number | null = monthlyChurn(tier)): number | null {
    const r = tier.retention;
    if (r.kind === 'lifetime') return r.months > 0 ? r.months : null;
    return cm === null ? null : ratio(1, cm);
}

/**
 * A tier's figures in the snapshot month `month` (the month a dated intake is read at); adds the
 * tier's demand to the demand of its roles.
 */
export function tierFigures(
    tier: TierSpec,
    services: Map<string, ServiceSpec>,
    roles: Map<string, RoleResult>,
    findings: Finding[],
    month: MonthIndex | null,
): TierResult {
    const N = tier.accounts;
    const a = newAccountsIn(tier, month);
    const R = tier.revenuePerMonth;
    const g = tier.margin;

    // demand[t][r] and its recurring part: the tier's services summed by the role that delivers
    // each, in the order the tier's services first name the roles.
    const demandHours: Record<string, number> = {};
    const recurring: Record<string, number> = {};
    let addons = 0;
    for (const name of tier.services) {
        const s = services.get(name);
        if (s === undefined || !roles.has(s.role)) continue;
        const hours = serviceDemand(s, N, a);
        demandHours[s.role] = own(demandHours, s.role) + hours;
        recurring[s.role] = own(recurring, s.role) + (s.frequency.kind === 'once' ? 0 : hours);
        addons += addonRevenue(s, N, a);
    }

    const designedEffort: Record<string, number | null> = {};
    const accountsPerFte: Record<string, number | null> = {};
    const requiredFte: Record<string, number | null> = {};
    let costToServe: number | null = 0;
    for (const r of Object.keys(demandHours)) {
        const role = roles.get(r)!;
        const E = positive(role.effectivePerFte);
        const D = ratio(recurring[r], N); // D[t][r]: recurring demand per account
        designedEffort[r] = D;
        accountsPerFte[r] = ratio(E, D); // production capacity E / D
        requiredFte[r] = ratio(demandHours[r], E);
        role.demandHours += demandHours[r];
        // Cost to serve Σr D[t][r] · hourlyCost[r], undefined once any term is.
        const cost = times(D, role.hourlyCost);
        costToServe = costToServe === null || cost === null ? null : costToServe + cost;
    }
    if (N === 0) costToServe = null;

    const cm = monthlyChurn(tier);
    const L = lifetimeMonths(tier, cm);
    const clv = times(R, g, L); // R · g · L
    // An undefined R (no rows in a data-backed tier) has its own warning where the data is named.
    if (clv === null && R !== null) findings.push(clvUndefined(tier));
    return {
        name: tier.name,
        touch: tier.touch,
        accounts: N,
        newAccounts: a,
        revenuePerAccount: R,
        revenue: R === null ? 0 : N * R,
        churn: cm,
        lifetimeMonths: L,
        margin: g,
        expansion: monthlyExpansion(tier),
        clv,
        // CLV − cost to serve · L
        clvNet: clv === null || costToServe === null || L === null ? null : clv - costToServe * L,
        costToServe,
        addonRevenue: addons,
        designedEffort,
        accountsPerFte,
        demandHours,
        requiredFte,
    };
}

/** A record's figure for `key`, 0 before it has one. */
function own(record: Record<string, number>, key: string): number {
    return Object.hasOwn(record, key) ? record[key] : 0;
}

function clvUndefined(tier: TierSpec): Finding {
    return {
        code: 'clv-undefined',
        severity: 'warning',
        subject: { kind: 'tier', name: tier.name },
        message:
            `${tier.name} has no churn${tier.retention.kind === 'churn' ? ' (0%)' : ''} and no lifetime, so its ` +
            'expected lifetime and customer lifetime value are undefined: give a churn above 0, ' +
            'e.g. `churn 8% / year`, or `lifetime 24 months`',
    };
}
