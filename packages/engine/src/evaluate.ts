import type { AgentSpec, CapModel, RoleSpec, ServiceSpec, TierSpec } from './model.js';
import type { AgentResult, Finding, Results, RoleResult, ServiceResult, TierResult, Totals } from './results.js';
import { ceilTolerant, ratio, sumDefined, times } from './numeric.js';
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
 */
export function evaluate(model: CapModel, options: EvaluateOptions = {}): Results {
    const roles = new Map(model.roles.map(r => [r.name, r]));
    const services = new Map(model.services.map(s => [s.name, s]));
    const findings: Finding[] = [];

    // Lookups and iteration go through Maps: on a 10k-agent model, records in dictionary mode make
    // `Object.values` and keyed reads superlinear. The records are only the output.
    const roleResults: Record<string, RoleResult> = {};
    const roleMap = new Map<string, RoleResult>();
    for (const role of model.roles) {
        roleResults[role.name] = roleBase(role);
        roleMap.set(role.name, roleResults[role.name]);
    }

    const serviceResults: Record<string, ServiceResult> = {};
    for (const service of model.services) serviceResults[service.name] = serviceFigures(service);

    // Demand per tier and role (spec section 6), then the tier figures that follow from it.
    const tierResults: Record<string, TierResult> = {};
    for (const tier of model.tiers) {
        tierResults[tier.name] = tierFigures(tier, services, roleMap, findings);
    }

    // Staffing at the snapshot (spec section 7).
    const agentResults: Record<string, AgentResult> = {};
    const agentMap = new Map<string, AgentResult>();
    const agentList: AgentResult[] = [];
    for (const agent of model.agents) {
        const result = agentBase(agent, roles.get(agent.role), roleMap.get(agent.role), model.start);
        agentResults[agent.name] = result;
        agentMap.set(agent.name, result);
        agentList.push(result);
    }
    // Grouped once, each agent with its result: filtering every agent for every role is quadratic
    // on a large team, and looking results up by name per tier and role was most of the time. A
    // name given twice keeps its last result, as the records do.
    const unique = agentMap.size === model.agents.length;
    const agentsByRole = new Map<string, Staff[]>();
    for (let i = 0; i < model.agents.length; i++) {
        const spec = model.agents[i];
        const staff = { spec, result: unique ? agentList[i] : agentMap.get(spec.name)! };
        const list = agentsByRole.get(spec.role);
        if (list) list.push(staff);
        else agentsByRole.set(spec.role, [staff]);
    }
    for (const role of roleMap.values()) {
        role.requiredFte = ratio(role.demandHours, role.effectivePerFte > 0 ? role.effectivePerFte : null);
        role.staffedFte = sumOf(agentsByRole.get(role.name), a => weight(a.result));
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

    if (options.assign !== false) assign(agentsByRole, tierResults, agentMap, findings);

    for (const agent of agentMap.values()) {
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
        totals: totals(model, roleMap, tierResults, agentMap),
        findings,
    };
}

/** Overhead O and effective availability E = H − O per FTE per month (spec section 3). */
export function availability(role: RoleSpec): { overhead: number; effective: number } {
    const overhead = sumDefined(role.overhead.map(o => o.kind === 'hours' ? o.hoursPerMonth : o.share * role.hoursPerMonth));
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
    const u = service.uptake;
    const x = service.effortHours;
    const seats = service.seats;
    if (service.frequency.kind === 'once') {
        const receivers = newPerMonth * u;
        return { recurring: 0, once: (seats === null ? receivers : sessions(receivers, seats)) * x };
    }
    const receivers = accounts * u;
    const phi = service.frequency.perMonth;
    return { recurring: (seats === null ? receivers : sessions(receivers, seats)) * x * phi, once: 0 };
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

function tierFigures(tier: TierSpec, services: Map<string, ServiceSpec>, roleResults: Map<string, RoleResult>, findings: Finding[]): TierResult {
    const demand: Record<string, number> = {};
    const recurring: Record<string, number> = {};
    let addons = 0;
    for (const name of tier.services) {
        const service = services.get(name);
        if (!service || !roleResults.has(service.role)) continue;
        const d = serviceDemand(service, tier.accounts, tier.newPerMonth);
        demand[service.role] = (demand[service.role] ?? 0) + d.recurring + d.once;
        recurring[service.role] = (recurring[service.role] ?? 0) + d.recurring;
        addons += addonRevenue(service, tier.accounts, tier.newPerMonth);
    }

    const designedEffort: Record<string, number | null> = {};
    const accountsPerFte: Record<string, number | null> = {};
    const requiredFte: Record<string, number | null> = {};
    let costToServe: number | null = 0;
    for (const roleName of Object.keys(demand)) {
        const role = roleResults.get(roleName)!;
        role.demandHours += demand[roleName];
        const effective = role.effectivePerFte > 0 ? role.effectivePerFte : null;
        const d = ratio(recurring[roleName], tier.accounts);
        designedEffort[roleName] = d;
        accountsPerFte[roleName] = ratio(effective, d);
        requiredFte[roleName] = ratio(demand[roleName], effective);
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

interface Staff {
    spec: AgentSpec;
    result: AgentResult;
}

/**
 * Splits each tier's demand for a role among the agents that serve it (spec section 7):
 * agents listing the tier, else agents listing no tiers, in proportion to their weight.
 * Agents that have not started (weight 0) serve nothing yet. Demand nobody serves is reported as
 * unserved, also in a model with no agents at all (the spec makes no exception for it).
 */
function assign(byRole: Map<string, Staff[]>, tiers: Record<string, TierResult>, agents: Map<string, AgentResult>, findings: Finding[]): void {
    for (const tier of Object.values(tiers)) {
        for (const [roleName, hours] of Object.entries(tier.demandHours)) {
            if (hours <= 0) continue;
            const candidates = (byRole.get(roleName) ?? []).filter(a => weight(a.result) > 0);
            let serving = candidates.filter(a => a.spec.tiers !== null && a.spec.tiers.includes(tier.name));
            if (serving.length === 0) serving = candidates.filter(a => a.spec.tiers === null);
            if (serving.length === 0) {
                findings.push({
                    code: 'unserved-demand', severity: 'warning', subject: { kind: 'tier', name: tier.name },
                    message: `${fmt(hours)} h a month of ${roleName} work in ${tier.name} is unserved: no ${roleName} agent serves this tier`,
                });
                continue;
            }
            const total = sumOf(serving, a => weight(a.result));
            for (const a of serving) a.result.assignedHours += hours * weight(a.result) / total;
        }
    }
    for (const agent of agents.values()) agent.load = ratio(agent.assignedHours, agent.capacityHours);
}

function totals(model: CapModel, roles: Map<string, RoleResult>, tiers: Record<string, TierResult>, agents: Map<string, AgentResult>): Totals {
    const accounts = sumDefined(Object.values(tiers).map(t => t.accounts));
    const revenue = sumDefined(Object.values(tiers).map(t => t.revenue + t.addonRevenue));
    // Ramp does not cut pay: a started agent costs its full fte from its first month.
    const teamCost = model.agents.length > 0
        ? sumOf(agents.values(), a => (a.started ? a.fte * a.count * (roles.get(a.role)?.costPerFte ?? 0) : null))
        : sumDefined([...roles.values()].map(r => times(r.requiredFte, r.costPerFte)));
    return {
        accounts,
        revenue,
        teamCost,
        crc: ratio(teamCost, accounts),
        costToRevenue: ratio(teamCost, revenue),
        requiredFte: sumDefined([...roles.values()].map(r => r.requiredFte)),
        staffedFte: sumDefined([...roles.values()].map(r => r.staffedFte)),
    };
}

/** sumDefined over `f` of each item, without the intermediate array. */
function sumOf<T>(items: Iterable<T> | undefined, f: (item: T) => number | null): number {
    let s = 0;
    if (items) {
        for (const item of items) {
            const v = f(item);
            if (v !== null && Number.isFinite(v)) s += v;
        }
    }
    return s;
}

function percent(x: number): string {
    return `${(x * 100).toFixed(1)}%`;
}

function fmt(x: number): string {
    return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
