import type { AgentSpec, CapModel, MonthIndex, RoleSpec } from './model.js';
import type { Totals } from './results.js';
import type { FORECAST, FORECAST_ROLE, HIRE, Values } from './figures.js';
import { byName, demandAndStaffing } from './evaluate.js';
import { withData } from './books.js';
import { monthlyChurn, monthlyExpansion, newAccountsIn, revenuePerAccountIn } from './demand.js';
import { byRole, monthlyAttrition, retained } from './staffing.js';
import { ceilTolerant, sum } from './numeric.js';
import { formatMonth } from './units.js';

/**
 * The forecast (spec sections 9 and 16): the model projected month by month from its `start` over
 * its `horizon`, with attrition, dated intake and expansion, and the hiring plan that projection
 * implies, each hire dated by when it is needed, must start and must be opened. Figures are per
 * month, like Results; report-sections.ts scales the per-time ones to the reporting period.
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

/** One hire of the plan: the month the role first needs it, must start by, and must open its requisition by. */
export type PlannedHire = Values<typeof HIRE>;

/** A role's staffing month by month and its hiring plan; money per month. */
export interface RoleForecast extends Values<typeof FORECAST_ROLE> {
    name: string;
}

/** The forecast's figures (figures.ts: FORECAST), per month like Results. */
export interface Forecast extends Values<typeof FORECAST> {
    roles: Record<string, RoleForecast>;
}

/** The forecast of a model with a `start` and a `horizon`; null without either. */
export function forecast(input: CapModel): Forecast | null {
    if (input.start === null || input.horizonMonths === null) return null;
    const model = withData(input); // N_t(0) and R_t of data-backed tiers (§14)
    const start = input.start;
    const horizon = Math.min(MAX_HORIZON_MONTHS, Math.max(0, Math.floor(input.horizonMonths)));

    const cm = model.tiers.map(t => monthlyChurn(t) ?? 0);
    const em = model.tiers.map(monthlyExpansion);
    const am = new Map(model.roles.map(r => [r.name, monthlyAttrition(r)]));
    const pools = pooled(model.agents);
    const poolsOf = byRole(pools);
    const services = byName(model.services);
    // What the forecast keeps of each month's snapshot: each role's staffing, the totals, N_t(m).
    const staffing = new Map<string, Staffing>();
    for (const role of model.roles) {
        staffing.set(role.name, { requiredFte: [], staffedFte: [], gapFte: [], leaversFte: [] });
    }
    const totals: Totals[] = [];
    const accountsByMonth: number[][] = [];
    const wonByMonth: number[][] = [];
    let accounts = model.tiers.map(t => t.accounts);
    for (let m = 0; m < horizon; m++) {
        // Month m is the snapshot of a model whose start is m months later, whose tiers hold N_t(m)
        // accounts paying R_t(m), and whose agents have lost their attrition since the forecast
        // first counted them: every formula of sections 6 to 8, ramp included, is reused as it is.
        const tiers = model.tiers.map((t, i) => ({
            ...t,
            accounts: accounts[i],
            revenuePerMonth: revenuePerAccountIn(t, m, em[i]),
        }));
        const agents = pools.map(a => ({
            ...a,
            fte: a.fte * retained(am.get(a.role) ?? 0, monthsCounted(a, start, m)),
        }));
        const month = demandAndStaffing({ ...model, start: start + m, horizonMonths: null, tiers, agents }, services);
        for (const [name, role] of month.roles) {
            const s = staffing.get(name)!;
            s.requiredFte.push(role.requiredFte);
            s.staffedFte.push(role.staffedFte);
            s.gapFte.push(role.gapFte);
        }
        for (const [name, s] of staffing) {
            // leaversFte: Σ fte · count · (1 − (1 − am)^j) over the role's agents started by month m.
            const leaving = (a: AgentSpec) =>
                a.start !== null && a.start > start + m
                    ? 0
                    : a.fte * (1 - retained(am.get(name) ?? 0, monthsCounted(a, start, m)));
            s.leaversFte.push(sum(poolsOf.get(name) ?? [], leaving));
        }
        totals.push(month.totals);
        accountsByMonth.push(accounts);
        const won = model.tiers.map(t => newAccountsIn(t, start + m)); // a_t(m)
        wonByMonth.push(won);
        // N_t(m+1) = N_t(m) · (1 − cm_t) + a_t(m)
        accounts = accounts.map((N, i) => N * (1 - cm[i]) + won[i]);
    }

    const roles: Record<string, RoleForecast> = {};
    for (const role of model.roles) roles[role.name] = roleForecast(role, start, staffing.get(role.name)!);
    const tiers: Forecast['tiers'] = {};
    model.tiers.forEach(
        (tier, i) =>
            (tiers[tier.name] = {
                accounts: accountsByMonth.map(a => a[i]),
                newAccounts: wonByMonth.map(a => a[i]),
            }),
    );

    const roleList = Object.values(roles);
    const budgetIncrease = totals.map((_, m) => sum(roleList, r => r.budgetIncrease[m]));
    return {
        months: totals.map((_, m) => formatMonth(start + m)),
        accounts: totals.map(t => t.accounts),
        tiers,
        teamCost: totals.map(t => t.teamCost),
        revenue: totals.map(t => t.revenue),
        roles,
        budgetIncrease,
        budgetIncreaseTotal: sum(budgetIncrease, x => x),
    };
}

/** A role's required and staffed FTE, its gap and its leavers, month by month. */
interface Staffing {
    requiredFte: (number | null)[];
    staffedFte: number[];
    gapFte: (number | null)[];
    leaversFte: number[];
}

/**
 * j = m − max(0, s): the months of attrition an agent has behind it in forecast month m, where s is
 * its start counted from the forecast's start (0 without a `start`).
 */
function monthsCounted(agent: AgentSpec, start: MonthIndex, m: number): number {
    const s = agent.start === null ? 0 : agent.start - start;
    return m - Math.max(0, s);
}

/**
 * The forecast reads only staffing and pay totals (staffed FTE, team cost), which are sums of
 * `fte · count` times a factor that depends on an agent's role and start month alone. Agents
 * sharing both are pooled into one, so that a month costs the same for a team of 10 agents or of
 * 10,000 (who serves which tier does not enter the forecast).
 * A pool's `fte` is its total FTE, which may exceed 1: the engine weighs it linearly.
 */
function pooled(agents: AgentSpec[]): AgentSpec[] {
    const pools = new Map<string, AgentSpec>();
    for (const a of agents) {
        const key = `${a.role}\u0000${a.start ?? ''}`;
        const pool = pools.get(key);
        if (pool) pool.fte += a.fte * a.count;
        else pools.set(key, { ...a, name: key, title: null, tiers: null, fte: a.fte * a.count, count: 1 });
    }
    return [...pools.values()];
}

function roleForecast(
    role: RoleSpec,
    start: MonthIndex,
    { requiredFte, staffedFte, gapFte, leaversFte }: Staffing,
): RoleForecast {
    const hiresNeeded = gapFte.map(wholeHires);

    // Reverse scheduling (§9, §16): hire i is needed from the first month whose gap needs i people,
    // starts that month minus the ramp (in whole months, so that it is fully ramped by then), and
    // its requisition opens its start month minus the time to fill.
    const lead = wholeMonths(role.rampMonths);
    const fill = wholeMonths(role.hiringMonths);
    const hires = Math.max(0, ...hiresNeeded.map(h => h ?? 0));
    const hiringPlan: PlannedHire[] = [];
    for (let i = 1; i <= Math.min(hires, MAX_LISTED_HIRES); i++) {
        const m = hiresNeeded.findIndex(h => h !== null && h >= i);
        hiringPlan.push({
            neededFrom: formatMonth(start + m),
            startBy: formatMonth(start + m - lead),
            openBy: formatMonth(start + m - lead - fill),
        });
    }
    // Hire i starts `lead` months before the first month that needs i hires, so the hires started
    // by month m are the most any month up to m + lead needs: counted, not listed.
    const mostNeeded: number[] = [];
    for (const h of hiresNeeded) mostNeeded.push(Math.max(mostNeeded.at(-1) ?? 0, h ?? 0));
    // Ramp does not cut pay (spec section 8): a hire is paid in full from its start month.
    const last = mostNeeded.length - 1;
    const budgetIncrease = gapFte.map((_, m) => mostNeeded[Math.min(m + lead, last)] * role.costPerMonth);
    return {
        name: role.name,
        requiredFte,
        staffedFte,
        gapFte,
        hiresNeeded,
        firstGapMonth: hiringPlan[0]?.neededFrom ?? null,
        hireBy: hiringPlan[0]?.startBy ?? null,
        leaversFte,
        openBy: hiringPlan[0]?.openBy ?? null,
        hires,
        hiringPlan,
        budgetIncrease,
    };
}

/** A duration in whole months, rounded up: ceil(ramp), ceil(h). */
function wholeMonths(months: number): number {
    return months > 0 ? ceilTolerant(months) : 0;
}

/** Same rule as the snapshot's `hires`: a gap within floating-point noise of 0 needs nobody. */
function wholeHires(gap: number | null): number | null {
    if (gap === null) return null;
    return gap <= 0 ? 0 : ceilTolerant(gap);
}
