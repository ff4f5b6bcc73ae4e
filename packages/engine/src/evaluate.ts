import type { AgentSpec, CapModel, RoleSpec, ServiceSpec, TierSpec } from './model.js';
import type { AgentResult, Finding, Results, RoleResult, ServiceResult, TierResult, Totals } from './results.js';
import { ceilTolerant, ratio, times } from './numeric.js';
import { compoundToMonthly, formatMonth, recurringPerMonth } from './units.js';

export interface EvaluateOptions {
    /**
     * false: leave demand unassigned to agents (no assigned hours, loads or unserved-demand
     * findings). The forecast reads only staffing and totals, and assignment is most of a
     * snapshot's cost on a large team.
     */
    assign?: boolean;
}

/**
 * Every formula of spec sections 3 to 8, once. Figures are per month; report.ts scales them to
 * the reporting period. Pure: the same model always gives the same results.
 *
 * Evaluation runs on every build and once per forecast month, so it is kept to one pass over each
 * list with declarations numbered by position: names are looked up once per reference, per-tier
 * sums go through scratch arrays rather than keyed reads of records, and the agents who may serve
 * a tier are grouped once per role rather than filtered per tier. The name-keyed records are only
 * written, as the output. Every sum is taken in the order the formulas were first written in, so
 * the figures are the same to the last bit.
 */
export function evaluate(model: CapModel, options: EvaluateOptions = {}): Results {
    const findings: Finding[] = [];

    // Roles by position; a name given twice keeps its first position and its last declaration, as
    // the records do.
    const roleIndex = new Map<string, number>();
    const roleList: RoleResult[] = [];
    const roleSpecs: RoleSpec[] = [];
    const roleResults: Record<string, RoleResult> = {};
    let plainRoleNames = true;
    for (const role of model.roles) {
        const result = roleBase(role);
        roleResults[role.name] = result;
        const i = roleIndex.get(role.name);
        if (i === undefined) {
            roleIndex.set(role.name, roleList.length);
            roleList.push(result);
            roleSpecs.push(role);
            if (!plainKey(role.name)) plainRoleNames = false;
        } else {
            roleList[i] = result;
            roleSpecs[i] = role;
        }
    }
    const roleCount = roleList.length;

    const serviceResults: Record<string, ServiceResult> = {};
    const serviceIndex = new Map<string, ServiceSpec>();
    for (const service of model.services) {
        serviceIndex.set(service.name, service);
        serviceResults[service.name] = serviceFigures(service);
    }

    // Demand per tier and role (spec section 6), then the tier figures that follow from it. Each
    // tier's roles, in the order of its records, and their demand are kept for the assignment.
    const scratch: TierScratch = {
        demand: zeros(roleCount), recurring: zeros(roleCount), stamp: zeros(roleCount), touched: [],
        roles: [], hours: [],
    };
    const tierResults: Record<string, TierResult> = {};
    const tierFrom: number[] = [];
    const tierList: TierResult[] = [];
    // Tiers as the records hold them unless a name is given twice or is not a plain key.
    let plainTiers = true;
    for (let t = 0; t < model.tiers.length; t++) {
        const tier = model.tiers[t];
        tierFrom.push(scratch.roles.length);
        const result = tierFigures(tier, t + 1, serviceIndex, roleIndex, roleList, plainRoleNames, scratch, findings);
        if (tierResults[tier.name] !== undefined || !plainKey(tier.name)) plainTiers = false;
        tierResults[tier.name] = result;
        tierList.push(result);
    }
    tierFrom.push(scratch.roles.length);
    let tiers = tierList;
    let slotOf: (tier: TierResult, position: number) => number = (_, position) => position;
    if (!plainTiers) {
        // The last of a name given twice, in its first position; no `__proto__`.
        const slots = new Map(tierList.map((tier, i) => [tier, i]));
        tiers = Object.values(tierResults);
        slotOf = tier => slots.get(tier)!;
    }

    // Staffing at the snapshot (spec section 7).
    const agentCount = model.agents.length;
    const agentResults: Record<string, AgentResult> = {};
    const agentList: AgentResult[] = [];
    const agentRole: number[] = [];
    // A name the record already answers for is given twice (or is one of Object's own, such as
    // `toString`): only then does the general case below run.
    let distinct = true;
    for (let i = 0; i < agentCount; i++) {
        const agent = model.agents[i];
        const r = roleIndex.get(agent.role) ?? -1;
        const result = agentBase(agent, r < 0 ? undefined : roleSpecs[r], r < 0 ? undefined : roleList[r], model.start);
        if (agentResults[agent.name] !== undefined) distinct = false;
        agentResults[agent.name] = result;
        agentList.push(result);
        agentRole.push(r);
    }
    // A name given twice keeps its last result, as the records do: every declaration of it
    // counts with that result, and the agent is reported once.
    let agentOf = agentList;
    let uniqueAgents = agentList;
    if (!distinct) {
        const last = new Map<string, AgentResult>();
        for (let i = 0; i < agentCount; i++) last.set(model.agents[i].name, agentList[i]);
        agentOf = model.agents.map(a => last.get(a.name)!);
        uniqueAgents = [...last.values()];
    }
    const weights: number[] = [];
    for (let i = 0; i < agentCount; i++) weights.push(weight(agentOf[i]));

    // Each role's agents in declaration order, as one list cut into runs (a counting sort).
    const staffStart = zeros(roleCount + 1);
    for (let i = 0; i < agentCount; i++) if (agentRole[i] >= 0) staffStart[agentRole[i] + 1]++;
    for (let r = 0; r < roleCount; r++) staffStart[r + 1] += staffStart[r];
    const staff = zeros(staffStart[roleCount]);
    const fill = staffStart.slice(0, roleCount);
    for (let i = 0; i < agentCount; i++) if (agentRole[i] >= 0) staff[fill[agentRole[i]]++] = i;

    for (let r = 0; r < roleCount; r++) {
        const role = roleList[r];
        let staffed = 0;
        for (let k = staffStart[r]; k < staffStart[r + 1]; k++) {
            const w = weights[staff[k]];
            if (Number.isFinite(w)) staffed += w;
        }
        role.requiredFte = ratio(role.demandHours, role.effectivePerFte > 0 ? role.effectivePerFte : null);
        role.staffedFte = staffed;
        role.utilization = ratio(role.demandHours, role.staffedFte > 0 && role.effectivePerFte > 0 ? role.staffedFte * role.effectivePerFte : null);
        role.gapFte = role.requiredFte === null ? null : role.requiredFte - role.staffedFte;
        role.hires = role.gapFte === null ? null : role.gapFte <= 0 ? 0 : ceilTolerant(role.gapFte);
        if (role.utilization !== null && role.utilization > 1) {
            findings.push({
                code: 'role-over-capacity', severity: 'warning', subject: { kind: 'role', name: role.name },
                message: `${role.name} is over capacity: utilization ${percent(role.utilization)} (${fmt(role.requiredFte ?? 0)} FTE required, ${fmt(role.staffedFte)} staffed)`,
            });
        }
    }

    if (options.assign !== false) {
        const teams: Teams = { agents: model.agents, agentOf, weights, staff, staffStart, serving: [] };
        for (let t = 0; t < tiers.length; t++) {
            const slot = slotOf(tiers[t], t);
            assignTier(tiers[t], scratch.roles, scratch.hours, tierFrom[slot], tierFrom[slot + 1], roleList, teams, findings);
        }
        for (const agent of uniqueAgents) agent.load = ratio(agent.assignedHours, agent.capacityHours);
    }

    for (const agent of uniqueAgents) {
        if (agent.load !== null && agent.load > 1) {
            findings.push({
                code: 'agent-overloaded', severity: 'warning', subject: { kind: 'agent', name: agent.name },
                message: `${agent.name} is overloaded: load ${percent(agent.load)} (${fmt(agent.assignedHours)} h assigned of ${fmt(agent.capacityHours)} h a month)`,
            });
        }
    }

    return {
        model: {
            name: model.name, title: model.title, currency: model.currency, period: model.period,
            start: model.start === null ? null : formatMonth(model.start), horizonMonths: model.horizonMonths,
        },
        roles: roleResults,
        services: serviceResults,
        tiers: tierResults,
        agents: agentResults,
        totals: totals(model, roleList, roleIndex, tiers, uniqueAgents, distinct ? agentRole : null),
        findings,
    };
}

function zeros(n: number): number[] {
    const list: number[] = [];
    for (let i = 0; i < n; i++) list.push(0);
    return list;
}

/**
 * Whether a plain object keeps `name` as an own key in insertion order: not `__proto__` (which
 * sets the prototype) and not an array index (listed first, in numeric order).
 */
function plainKey(name: string): boolean {
    const c = name.charCodeAt(0);
    return !(c >= 48 && c <= 57) && name !== '__proto__';
}

/** Overhead O and effective availability E = H − O per FTE per month (spec section 3). */
export function availability(role: RoleSpec): { overhead: number; effective: number } {
    let overhead = 0;
    for (const o of role.overhead) {
        const hours = o.kind === 'hours' ? o.hoursPerMonth : o.share * role.hoursPerMonth;
        if (Number.isFinite(hours)) overhead += hours;
    }
    return { overhead, effective: role.hoursPerMonth - overhead };
}

function roleBase(role: RoleSpec): RoleResult {
    const { overhead, effective } = availability(role);
    return {
        name: role.name,
        hoursPerFte: role.hoursPerMonth,
        overheadPerFte: overhead,
        effectivePerFte: effective,
        costPerFte: role.costPerMonth,
        hourlyCost: ratio(role.costPerMonth, effective > 0 ? effective : null),
        rampMonths: role.rampMonths,
        demandHours: 0,
        requiredFte: null,
        staffedFte: 0,
        utilization: null,
        gapFte: null,
        hires: null,
    };
}

function serviceFigures(service: ServiceSpec): ServiceResult {
    const phi = recurringPerMonth(service.frequency);
    return {
        name: service.name,
        role: service.role,
        kind: service.frequency.kind,
        effortHours: service.effortHours,
        occurrencesPerMonth: phi,
        hoursPerAccount: service.seats === null ? service.effortHours * phi : 0,
        seats: service.seats,
        uptake: service.uptake,
    };
}

/** Monthly demand hours of one service in one tier (spec section 6, the four cases). */
export function serviceDemand(service: ServiceSpec, accounts: number, newPerMonth: number): { recurring: number; once: number } {
    const hours = serviceHours(service, accounts, newPerMonth);
    return service.frequency.kind === 'once' ? { recurring: 0, once: hours } : { recurring: hours, once: 0 };
}

/** serviceDemand's hours, recurring or once as the service's frequency says. */
function serviceHours(service: ServiceSpec, accounts: number, newPerMonth: number): number {
    const u = service.uptake;
    const x = service.effortHours;
    const seats = service.seats;
    if (service.frequency.kind === 'once') {
        const receivers = newPerMonth * u;
        return (seats === null ? receivers : sessions(receivers, seats)) * x;
    }
    const receivers = accounts * u;
    const phi = service.frequency.perMonth;
    return (seats === null ? receivers : sessions(receivers, seats)) * x * phi;
}

function sessions(receivers: number, seats: number): number {
    return seats > 0 ? ceilTolerant(receivers / seats) : 0;
}

/** Monthly add-on revenue of one service in one tier (spec section 8). */
export function addonRevenue(service: ServiceSpec, accounts: number, newPerMonth: number): number {
    if (service.price === null) return 0;
    const { amount, frequency } = service.price;
    return frequency.kind === 'once'
        ? newPerMonth * service.uptake * amount
        : accounts * service.uptake * amount * frequency.perMonth;
}

export function monthlyChurn(tier: TierSpec): number | null {
    const r = tier.retention;
    if (r.kind === 'churn') return compoundToMonthly(r.rate, r.months);
    if (r.kind === 'lifetime') return ratio(1, r.months);
    return null;
}

export function lifetimeMonths(tier: TierSpec): number | null {
    const r = tier.retention;
    if (r.kind === 'lifetime') return r.months > 0 ? r.months : null;
    const cm = monthlyChurn(tier);
    return cm === null ? null : ratio(1, cm);
}

/**
 * Per-role sums of one tier, reused from tier to tier (`stamp` marks the roles the current tier
 * touched), and every tier's roles in the order of its records with their demand, one after the other.
 */
interface TierScratch {
    demand: number[];
    recurring: number[];
    stamp: number[];
    touched: number[];
    roles: number[];
    hours: number[];
}

function tierFigures(
    tier: TierSpec, stamp: number, services: Map<string, ServiceSpec>, roleIndex: Map<string, number>, roles: RoleResult[],
    plainRoleNames: boolean, scratch: TierScratch, findings: Finding[],
): TierResult {
    const { demand: dem, recurring: rec, touched } = scratch;
    touched.length = 0;
    let addons = 0;
    for (const name of tier.services) {
        const service = services.get(name);
        const r = service === undefined ? undefined : roleIndex.get(service.role);
        if (service === undefined || r === undefined) continue;
        const hours = serviceHours(service, tier.accounts, tier.newPerMonth);
        const once = service.frequency.kind === 'once';
        const recurring = once ? 0 : hours;
        if (scratch.stamp[r] !== stamp) {
            scratch.stamp[r] = stamp;
            touched.push(r);
            dem[r] = 0;
            rec[r] = 0;
        }
        dem[r] = dem[r] + recurring + (once ? hours : 0);
        rec[r] = rec[r] + recurring;
        addons += addonRevenue(service, tier.accounts, tier.newPerMonth);
    }

    const demand: Record<string, number> = {};
    let order = touched;
    if (!plainRoleNames) {
        // Whatever order and keys the record itself keeps.
        for (const r of touched) demand[roles[r].name] = dem[r];
        order = Object.keys(demand).map(name => roleIndex.get(name)!);
    }

    const designedEffort: Record<string, number | null> = {};
    const accountsPerFte: Record<string, number | null> = {};
    const requiredFte: Record<string, number | null> = {};
    let costToServe: number | null = 0;
    for (const r of order) {
        const role = roles[r];
        const roleName = role.name;
        const hours = dem[r];
        demand[roleName] = hours;
        scratch.roles.push(r);
        scratch.hours.push(hours);
        role.demandHours += hours;
        const effective = role.effectivePerFte > 0 ? role.effectivePerFte : null;
        const d = ratio(rec[r], tier.accounts);
        designedEffort[roleName] = d;
        accountsPerFte[roleName] = ratio(effective, d);
        requiredFte[roleName] = ratio(hours, effective);
        costToServe = costToServe === null ? null : d === null ? null : add(costToServe, times(d, role.hourlyCost));
    }
    if (tier.accounts === 0) costToServe = null;

    const lifetime = lifetimeMonths(tier);
    const clv = times(tier.revenuePerMonth, tier.margin, lifetime);
    if (clv === null) {
        findings.push({
            code: 'clv-undefined', severity: 'warning', subject: { kind: 'tier', name: tier.name },
            message: `${tier.name} has no churn${tier.retention.kind === 'churn' ? ' (0%)' : ''} and no lifetime, so its expected lifetime and customer lifetime value are undefined: give a churn above 0, e.g. \`churn 8% / year\`, or \`lifetime 24 months\``,
        });
    }
    return {
        name: tier.name,
        touch: tier.touch,
        accounts: tier.accounts,
        newAccounts: tier.newPerMonth,
        revenuePerAccount: tier.revenuePerMonth,
        revenue: tier.accounts * tier.revenuePerMonth,
        churn: monthlyChurn(tier),
        lifetimeMonths: lifetime,
        margin: tier.margin,
        expansion: tier.expansionPerMonth,
        clv,
        clvNet: clv === null || costToServe === null ? null : clv - costToServe * (lifetime as number),
        costToServe,
        addonRevenue: addons,
        designedEffort,
        accountsPerFte,
        demandHours: demand,
        requiredFte,
    };
}

function add(a: number, b: number | null): number | null {
    return b === null ? null : a + b;
}

/** Ramp factor in the agent's k-th month for a role ramping over `rampMonths` (spec section 7). */
export function rampFactor(monthsIn: number, rampMonths: number): number {
    if (rampMonths <= 0) return 1;
    return Math.min(1, (monthsIn + 1) / rampMonths);
}

function agentBase(agent: AgentSpec, role: RoleSpec | undefined, roleResult: RoleResult | undefined, snapshot: number | null): AgentResult {
    let started = true;
    let monthsIn: number | null = null;
    let factor = 1;
    if (agent.start !== null && snapshot !== null) {
        monthsIn = snapshot - agent.start;
        started = monthsIn >= 0;
        factor = started ? rampFactor(monthsIn, role?.rampMonths ?? 0) : 0;
    }
    const effective = roleResult && roleResult.effectivePerFte > 0 ? roleResult.effectivePerFte : 0;
    return {
        name: agent.name,
        role: agent.role,
        fte: agent.fte,
        count: agent.count,
        started,
        monthsIn: started ? monthsIn : null,
        rampFactor: factor,
        capacityHours: agent.fte * agent.count * factor * effective,
        assignedHours: 0,
        load: null,
    };
}

/** An agent's share of its role's work: fte * count * ramp factor (0 before its start). */
function weight(agent: AgentResult): number {
    return agent.started ? agent.fte * agent.count * agent.rampFactor : 0;
}

/** Agents of one role who may serve a tier, in declaration order, and the sum of their weights. */
interface Serving {
    agents: number[];
    total: number;
}

/** Who may serve a role's demand: agents listing a tier, by tier name, and agents listing none. */
interface RoleServing {
    byTier: Map<string, Serving> | null;
    any: Serving;
}

/** The staffing the assignment reads, by agent position. */
interface Teams {
    agents: AgentSpec[];
    /** The result each agent's work is added to. */
    agentOf: AgentResult[];
    weights: number[];
    /** Agent positions grouped by role: role r's agents are `staff[staffStart[r]]` up to `staff[staffStart[r + 1]]`. */
    staff: number[];
    staffStart: number[];
    /** Built for a role the first time one of its tiers needs it. */
    serving: (RoleServing | undefined)[];
}

function servingOf(r: number, teams: Teams): RoleServing {
    const known = teams.serving[r];
    if (known) return known;
    const { staff, staffStart, weights } = teams;
    const any: number[] = [];
    let listed: Map<string, number[]> | null = null;
    for (let k = staffStart[r]; k < staffStart[r + 1]; k++) {
        const i = staff[k];
        // Agents that have not started (weight 0) serve nothing yet.
        if (!(weights[i] > 0)) continue;
        const tiers = teams.agents[i].tiers;
        if (tiers === null) {
            any.push(i);
            continue;
        }
        listed ??= new Map();
        for (const name of tiers) {
            const list = listed.get(name);
            if (!list) listed.set(name, [i]);
            else if (list[list.length - 1] !== i) list.push(i);
        }
    }
    let byTier: Map<string, Serving> | null = null;
    if (listed) {
        byTier = new Map();
        for (const [name, agents] of listed) byTier.set(name, { agents, total: totalWeight(agents, weights) });
    }
    const serving = { byTier, any: { agents: any, total: totalWeight(any, weights) } };
    teams.serving[r] = serving;
    return serving;
}

function totalWeight(agents: number[], weights: number[]): number {
    let s = 0;
    for (const i of agents) if (Number.isFinite(weights[i])) s += weights[i];
    return s;
}

/**
 * Splits a tier's demand for each role among the agents that serve it (spec section 7):
 * agents listing the tier, else agents listing no tiers, in proportion to their weight.
 * Demand nobody serves is reported as unserved, also in a model with no agents at all (the spec
 * makes no exception for it).
 */
function assignTier(tier: TierResult, roles: number[], hours: number[], from: number, to: number, roleList: RoleResult[], teams: Teams, findings: Finding[]): void {
    for (let k = from; k < to; k++) {
        const h = hours[k];
        if (h <= 0) continue;
        const r = roles[k];
        const candidates = servingOf(r, teams);
        const serving = candidates.byTier?.get(tier.name) ?? candidates.any;
        if (serving.agents.length === 0) {
            const roleName = roleList[r].name;
            findings.push({
                code: 'unserved-demand', severity: 'warning', subject: { kind: 'tier', name: tier.name },
                message: `${fmt(h)} h a month of ${roleName} work in ${tier.name} is unserved: no ${roleName} agent serves this tier`,
            });
            continue;
        }
        for (const i of serving.agents) teams.agentOf[i].assignedHours += h * teams.weights[i] / serving.total;
    }
}

function totals(
    model: CapModel, roles: RoleResult[], roleIndex: Map<string, number>, tiers: TierResult[], agents: AgentResult[], agentRole: number[] | null,
): Totals {
    let accounts = 0;
    let revenue = 0;
    for (const t of tiers) {
        if (Number.isFinite(t.accounts)) accounts += t.accounts;
        const r = t.revenue + t.addonRevenue;
        if (Number.isFinite(r)) revenue += r;
    }
    let teamCost = 0;
    if (model.agents.length > 0) {
        // Ramp does not cut pay: a started agent costs its full fte from its first month.
        for (let i = 0; i < agents.length; i++) {
            const a = agents[i];
            if (!a.started) continue;
            const r = agentRole ? agentRole[i] : roleIndex.get(a.role) ?? -1;
            const cost = a.fte * a.count * (r < 0 ? 0 : roles[r].costPerFte);
            if (Number.isFinite(cost)) teamCost += cost;
        }
    } else {
        for (const r of roles) {
            const cost = times(r.requiredFte, r.costPerFte);
            if (cost !== null && Number.isFinite(cost)) teamCost += cost;
        }
    }
    let requiredFte = 0;
    let staffedFte = 0;
    for (const r of roles) {
        if (r.requiredFte !== null && Number.isFinite(r.requiredFte)) requiredFte += r.requiredFte;
        if (Number.isFinite(r.staffedFte)) staffedFte += r.staffedFte;
    }
    return {
        accounts,
        revenue,
        teamCost,
        crc: ratio(teamCost, accounts),
        costToRevenue: ratio(teamCost, revenue),
        requiredFte,
        staffedFte,
    };
}

function percent(x: number): string {
    return `${(x * 100).toFixed(1)}%`;
}

function fmt(x: number): string {
    return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
