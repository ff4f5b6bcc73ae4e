import type { AgentSpec, CapModel, MonthIndex } from './model.js';
import type { Results } from './results.js';
import { evaluate, monthlyChurn } from './evaluate.js';
import { ceilTolerant, sumDefined } from './numeric.js';
import { formatMonth } from './units.js';

/**
 * The forecast (spec section 9): the model projected month by month from its `start` over its
 * `horizon`, and the hiring plan that projection implies. Figures are per month, like Results;
 * report.ts scales the per-time ones to the reporting period.
 */

/**
 * A forecast is one full evaluation per month; beyond fifty years a plan means nothing and the
 * work would only make an editor slow. The validator rejects longer horizons (CAP026); the
 * engine clamps too, so that a half-typed model can never make it loop for ages.
 */
export const MAX_HORIZON_MONTHS = 600;

/**
 * The hiring plan lists hires one by one, up to this many per role; `hires` and the budget count
 * every hire. A gap of millions of FTE comes from a typo, not a plan, and must not make a report
 * or an editor hold millions of entries (or loop for ages building them).
 */
export const MAX_LISTED_HIRES = 1_000;

/** One hire of the plan: the month the role first needs it, and the month it must start by. */
export interface PlannedHire {
    /** First month whose gap needs this hire (`YYYY-MM`). */
    neededFrom: string;
    /** `neededFrom` minus the role's ramp in whole months: fully ramped by then. */
    startBy: string;
}

export interface RoleForecast {
    name: string;
    requiredFte: (number | null)[];
    staffedFte: number[];
    gapFte: (number | null)[];
    /** Whole hires month m's gap needs (0 when the gap is 0 or less; null when the gap is). */
    hiresNeeded: (number | null)[];
    /** First month with a positive gap, or null when the team keeps up over the whole horizon. */
    firstGapMonth: string | null;
    /** The month the first hire must start to be fully ramped by `firstGapMonth`. */
    hireBy: string | null;
    /** Hires that close the largest gap of the horizon. */
    hires: number;
    /** Each hire in the order needed; the first `MAX_LISTED_HIRES` only. */
    plan: PlannedHire[];
    /** Pay of this role's planned hires in each month (money per month). */
    budgetIncrease: number[];
}

export interface Forecast {
    months: string[];
    /** Total accounts N(m) over all tiers. */
    accounts: number[];
    /** Accounts per tier, N_t(m). */
    tiers: Record<string, { accounts: number[] }>;
    /** Team cost of the declared agents in each month (money per month). */
    teamCost: number[];
    /** Revenue in each month (money per month). */
    revenue: number[];
    roles: Record<string, RoleForecast>;
    /** Pay of every planned hire in each month (money per month): the extra budget the plan needs. */
    budgetIncrease: number[];
    /** The extra budget over the whole horizon (money, the sum of the months). */
    budgetIncreaseTotal: number;
}

/** The forecast of a model with a `start` and a `horizon`; null without either. */
export function forecast(model: CapModel): Forecast | null {
    if (model.start === null || model.horizonMonths === null) return null;
    const start = model.start;
    const horizon = Math.min(MAX_HORIZON_MONTHS, Math.max(0, Math.floor(model.horizonMonths)));

    const monthly = model.tiers.map(t => monthlyChurn(t) ?? 0);
    const agents = pooled(model.agents);
    let accounts = model.tiers.map(t => t.accounts);
    const months: Results[] = [];
    const accountsByMonth: number[][] = [];
    for (let m = 0; m < horizon; m++) {
        // Month m is the snapshot of a model whose start is m months later and whose tiers hold
        // N_t(m) accounts: every formula of sections 6 to 8, ramp included, is reused as it is.
        const tiers = model.tiers.map((t, i) => ({ ...t, accounts: accounts[i] }));
        months.push(evaluate({ ...model, start: start + m, horizonMonths: null, tiers, agents }, { assign: false }));
        accountsByMonth.push(accounts);
        accounts = model.tiers.map((t, i) => accounts[i] * (1 - monthly[i]) + t.newPerMonth);
    }

    const roles: Record<string, RoleForecast> = {};
    for (const role of model.roles) roles[role.name] = roleForecast(role.name, role.rampMonths, role.costPerMonth, start, months);

    // A tier's accounts in a month are what that month's snapshot was given (a name given twice:
    // its last tier's), read here rather than from the snapshot's tier records, which would be
    // built for it with every figure by role.
    const tiers: Record<string, { accounts: number[] }> = {};
    const lastOf = new Map(model.tiers.map((tier, i) => [tier.name, i]));
    for (const tier of model.tiers) {
        const i = lastOf.get(tier.name)!;
        tiers[tier.name] = { accounts: accountsByMonth.map(a => a[i]) };
    }

    const budgetIncrease = months.map((_, m) => sumDefined(Object.values(roles).map(r => r.budgetIncrease[m])));
    return {
        months: months.map((_, m) => formatMonth(start + m)),
        accounts: months.map(r => r.totals.accounts),
        tiers,
        teamCost: months.map(r => r.totals.teamCost),
        revenue: months.map(r => r.totals.revenue),
        roles,
        budgetIncrease,
        budgetIncreaseTotal: sumDefined(budgetIncrease),
    };
}

/**
 * The forecast reads only staffing and pay totals (staffed FTE, team cost), which are sums of
 * `fte · count` times a factor that depends on an agent's role and start month alone. Agents
 * sharing both are pooled into one, so that a month costs the same for a team of 10 agents or of
 * 10,000 (who serves which tier, the expensive part of a snapshot, does not enter the forecast).
 * A pool's `fte` is its total FTE, which may exceed 1: the engine weighs it linearly.
 */
function pooled(agents: AgentSpec[]): AgentSpec[] {
    const pools = new Map<string, AgentSpec>();
    for (const a of agents) {
        const key = `${a.role}\u0000${a.start ?? ''}`;
        const pool = pools.get(key);
        if (pool) pool.fte += a.fte * a.count;
        else pools.set(key, { name: key, title: null, role: a.role, tiers: null, fte: a.fte * a.count, count: 1, start: a.start });
    }
    return [...pools.values()];
}

function roleForecast(name: string, rampMonths: number, costPerMonth: number, start: MonthIndex, months: Results[]): RoleForecast {
    const requiredFte = months.map(r => r.roles[name].requiredFte);
    const staffedFte = months.map(r => r.roles[name].staffedFte);
    const gapFte = months.map(r => r.roles[name].gapFte);
    const hiresNeeded = gapFte.map(wholeHires);

    // Reverse scheduling: hire i is needed from the first month whose gap needs i people, and
    // starts that month minus the ramp (in whole months, so that it is fully ramped by then).
    const lead = rampMonths > 0 ? ceilTolerant(rampMonths) : 0;
    const hires = Math.max(0, ...hiresNeeded.map(h => h ?? 0));
    const plan: PlannedHire[] = [];
    for (let i = 1; i <= Math.min(hires, MAX_LISTED_HIRES); i++) {
        const m = hiresNeeded.findIndex(h => h !== null && h >= i);
        plan.push({ neededFrom: formatMonth(start + m), startBy: formatMonth(start + m - lead) });
    }
    // Hire i starts `lead` months before the first month that needs i hires, so the hires started
    // by month m are the most any month up to m + lead needs: counted, not listed.
    const mostNeeded: number[] = [];
    for (const h of hiresNeeded) mostNeeded.push(Math.max(mostNeeded.at(-1) ?? 0, h ?? 0));
    // Ramp does not cut pay (spec section 8): a hire is paid in full from its start month.
    const budgetIncrease = months.map((_, m) => mostNeeded[Math.min(m + lead, mostNeeded.length - 1)] * costPerMonth);
    return {
        name,
        requiredFte,
        staffedFte,
        gapFte,
        hiresNeeded,
        firstGapMonth: plan[0]?.neededFrom ?? null,
        hireBy: plan[0]?.startBy ?? null,
        hires,
        plan,
        budgetIncrease,
    };
}

/** Same rule as the snapshot's `hires`: a gap within floating-point noise of 0 needs nobody. */
function wholeHires(gap: number | null): number | null {
    if (gap === null) return null;
    return gap <= 0 ? 0 : ceilTolerant(gap);
}
