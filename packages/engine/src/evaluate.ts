import type { AgentSpec, CapModel, ServiceSpec } from './model.js';
import type { AgentResult, Finding, Results, RoleResult, TierResult, Totals } from './results.js';
import { roleFigures, serviceFigures, tierFigures } from './demand.js';
import { agentFigures, assign, byRole, staffRole } from './staffing.js';
import { ratio, sum, times } from './numeric.js';
import { assignBooks, dataFigures, withData } from './books.js';
import { formatMonth } from './units.js';
import { actualsFigures } from './actuals.js';

/**
 * The snapshot: every formula of spec sections 3 to 8 and 14, once, per month and unrounded
 * (demand.ts, staffing.ts, books.ts). report-sections.ts scales its figures to the reporting period (§12).
 *
 * A model from the language gives each name once. One built by hand may give a name twice: it then
 * reads like a record assigned in declaration order (the name keeps its first position and its last
 * declaration), and every declaration of a tier or an agent still counts.
 */
export function evaluate(input: CapModel): Results {
    const model = withData(input);
    const findings: Finding[] = [];
    const { roles, tiers, agents, staff, totals } = demandAndStaffing(model, byName(model.services), findings);
    assign(tiers, staff, agents, findings, assignBooks(model, tiers, agents, findings), model.period);
    const services: Results['services'] = {};
    for (const s of model.services) services[s.name] = serviceFigures(s);
    const data: Results['data'] = {};
    for (const d of model.data) data[d.name] = dataFigures(d);
    const results: Results = {
        model: {
            name: model.name,
            title: model.title,
            currency: model.currency,
            period: model.period,
            start: model.start === null ? null : formatMonth(model.start),
            horizonMonths: model.horizonMonths,
        },
        roles: record(roles),
        services,
        tiers,
        agents: record(agents),
        totals,
        data,
        actuals: {},
        findings,
    };
    for (const a of model.actuals ?? []) results.actuals[a.name] ??= actualsFigures(a, model, results, findings);
    return results;
}

/** A snapshot before its demand is assigned to agents: by name, in declaration order. */
export interface DemandAndStaffing {
    roles: Map<string, RoleResult>;
    tiers: Record<string, TierResult>;
    agents: Map<string, AgentResult>;
    /** Each role's agents, in declaration order. */
    staff: Map<string, AgentSpec[]>;
    totals: Totals;
}

/**
 * Each role's demand and staffing, each tier's figures and the totals: the whole snapshot but who
 * serves which tier (§7's assignment), which none of these depend on. A forecast month reads no
 * more than this. `services` is the model's service menu by name.
 */
export function demandAndStaffing(
    model: CapModel,
    services: Map<string, ServiceSpec>,
    findings: Finding[] = [],
): DemandAndStaffing {
    const roles = new Map<string, RoleResult>();
    for (const role of model.roles) roles.set(role.name, roleFigures(role));

    const tiers: Record<string, TierResult> = {};
    for (const tier of model.tiers) tiers[tier.name] = tierFigures(tier, services, roles, findings, model.start);

    const agents = new Map<string, AgentResult>();
    for (const agent of model.agents) agents.set(agent.name, agentFigures(agent, roles.get(agent.role), model.start));
    const staff = byRole(model.agents);
    for (const role of roles.values()) staffRole(role, staff.get(role.name) ?? [], agents, findings);

    return { roles, tiers, agents, staff, totals: totalsOf(model, roles, tiers, agents) };
}

/** The totals (§8). */
function totalsOf(
    model: CapModel,
    roles: Map<string, RoleResult>,
    tiers: Record<string, TierResult>,
    agents: Map<string, AgentResult>,
): Totals {
    const tierList = Object.values(tiers);
    const accounts = sum(tierList, t => t.accounts);
    const revenue = sum(tierList, t => t.revenue + t.addonRevenue);
    // Ramp does not cut pay: a started agent costs its full fte from its first month.
    const teamCost =
        model.agents.length > 0
            ? sum(agents.values(), a => (a.started ? a.fte * a.count * (roles.get(a.role)?.costPerFte ?? 0) : null))
            : sum(roles.values(), r => times(r.requiredFte, r.costPerFte));
    return {
        accounts,
        revenue,
        teamCost,
        crc: ratio(teamCost, accounts), // team cost / total accounts
        costToRevenue: ratio(teamCost, revenue),
        requiredFte: sum(roles.values(), r => r.requiredFte),
        staffedFte: sum(roles.values(), r => r.staffedFte),
    };
}

/** Each spec by its name; a name given twice, its last declaration. */
export function byName<T extends { name: string }>(specs: T[]): Map<string, T> {
    const map = new Map<string, T>();
    for (const spec of specs) map.set(spec.name, spec);
    return map;
}

/** A map's values as a record, assigned in the map's order like every name-keyed record of the results. */
function record<T>(map: Map<string, T>): Record<string, T> {
    const out: Record<string, T> = {};
    for (const [name, value] of map) out[name] = value;
    return out;
}
