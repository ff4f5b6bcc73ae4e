import type { LangiumDocument } from 'langium';
import type { AgentSpec, CapModel, DataSpec, ScenarioSpec } from '@cap/engine';
import { matchData } from '../data/match.js';
import type { DataEvaluation } from './data.js';
import type { CapFile, Property, Scenario, ScenarioMember } from '../generated/ast.js';
import { isAgent, isRole, isScenario, isService, isTier } from '../generated/ast.js';
import type { DeclarationKind, LoweredModel } from './lower.js';
import { lowerAgent, lowerRole, lowerService, lowerTier } from './lower.js';
import type { Block } from './properties.js';

/**
 * Scenarios (spec section 10): the base model with each scenario's blocks applied. A block whose
 * kind and name exist in the base overrides the properties it lists and keeps the others; a new
 * name adds a declaration. The merged declarations are lowered by the same functions as the base,
 * so a scenario can never compute a figure differently from the model it varies.
 */

/**
 * Properties that stand for one another: a tier gives its revenue one way and its retention one
 * way. Overriding one of a group replaces the whole group, so `lifetime 36 months` in a scenario
 * replaces the base's `churn` instead of clashing with it.
 */
const GROUPS: string[][] = [
    ['arr', 'mrr', 'revenue'],
    ['churn', 'lifetime'],
];

/** The base declaration's properties with the override's merged in, by keyword. */
export function mergeProperties(base: Property[], override: Property[]): Property[] {
    const replaced = new Set<string>();
    for (const p of override) {
        if (!p.key) continue;
        for (const key of GROUPS.find(g => g.includes(p.key)) ?? [p.key]) replaced.add(key);
    }
    return [...base.filter(p => !replaced.has(p.key)), ...override];
}

export function memberKind(member: ScenarioMember): DeclarationKind {
    return isRole(member) ? 'role' : isService(member) ? 'service' : isTier(member) ? 'tier' : 'agent';
}

/** The scenarios of a model, first declaration per name, in import order (entry file first). */
export function scenariosOf(closure: LangiumDocument[]): Scenario[] {
    const seen = new Set<string>();
    const out: Scenario[] = [];
    for (const doc of closure) {
        for (const el of (doc.parseResult.value as CapFile).elements ?? []) {
            if (!isScenario(el) || !el.name || seen.has(el.name)) continue;
            seen.add(el.name);
            out.push(el);
        }
    }
    return out;
}

/** The model a scenario describes: the base with its blocks applied, lowered in full. */
export function lowerScenario(base: LoweredModel, scenario: Scenario): ScenarioSpec {
    const model: CapModel = {
        ...base.model,
        roles: [...base.model.roles],
        services: [...base.model.services],
        tiers: [...base.model.tiers],
        agents: [...base.model.agents],
    };
    const applied = new Set<string>();
    let agentsChanged = false;
    for (const member of scenario.members ?? []) {
        if (!member.name) continue;
        const kind = memberKind(member);
        const key = `${kind}:${member.name}`;
        if (applied.has(key)) continue; // a second block of the same name is an error (CAP010); the first counts
        applied.add(key);
        const original = base.nodes[kind].get(member.name) as Block | undefined;
        const block: Block = original
            ? {
                  name: member.name,
                  title: member.title ?? original.title,
                  props: mergeProperties(original.props ?? [], member.props ?? []),
              }
            : member;
        if (kind === 'role') put(model.roles, lowerRole(block));
        else if (kind === 'service') put(model.services, lowerService(block));
        else if (kind === 'tier') put(model.tiers, lowerTier(block));
        else if (isAgent(member)) {
            put(model.agents, lowerAgent(block));
            agentsChanged = true;
        }
    }
    // Spec section 14: an owner is the agent of the column's role whose name or title equals the
    // value, among the scenario's agents (a scenario is computed in full): an agent it adds, retitles
    // or moves to another role owns the rows that name it there.
    if (agentsChanged) model.data = base.data.flatMap(d => (d.spec ? [ownedIn(d, d.spec, model.agents)] : []));
    return { name: scenario.name, title: scenario.title ?? null, model };
}

/** A data block's books matched again to a scenario's agents; its tiers, rows and revenue stay the base's. */
function ownedIn(data: DataEvaluation, spec: DataSpec, agents: AgentSpec[]): DataSpec {
    if (data.table === undefined || data.binding === undefined) return spec;
    const owners = data.binding.owners.map(({ role }) => ({
        role,
        agents: agents.filter(a => role !== '' && a.role === role).map(a => ({ name: a.name, title: a.title })),
    }));
    return { ...spec, owners: matchData(data.table, { ...data.binding, owners }).owners };
}

/** Replaces the declaration of the same name where it stands, or adds it at the end. */
function put<T extends { name: string }>(list: T[], spec: T): void {
    const at = list.findIndex(x => x.name === spec.name);
    if (at >= 0) list[at] = spec;
    else list.push(spec);
}
