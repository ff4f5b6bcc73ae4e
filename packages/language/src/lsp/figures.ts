import type { AgentResult, RoleResult, ServiceResult, TierResult } from '@cap/engine';
import type { AstNode, LangiumDocument } from 'langium';
import type { Agent, Role, Service, Tier } from '../generated/ast.js';
import { isAgent, isRole, isService, isTier } from '../generated/ast.js';
import type { CapEvaluator, Evaluation } from '../workspace/evaluation.js';

/**
 * The cached evaluation an editor feature shows for a document. A file imported by several models
 * (shared roles) takes part in each; the editor shows the first model by path and says so, since
 * demand-dependent figures differ between them.
 */
export interface DocumentFigures {
    evaluation: Evaluation;
    /** The file belongs to more than one model. */
    shared: boolean;
}

export function figuresFor(evaluator: CapEvaluator, doc: LangiumDocument): DocumentFigures | undefined {
    const evaluations = evaluator.evaluationsOf(doc);
    if (evaluations.length === 0) return undefined;
    const [first] = [...evaluations].sort((a, b) => compare(a.entry.uri.toString(), b.entry.uri.toString()));
    return { evaluation: first, shared: evaluations.length > 1 };
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

export type DeclarationFigures =
    | { kind: 'role'; node: Role; result: RoleResult }
    | { kind: 'service'; node: Service; result: ServiceResult }
    | { kind: 'tier'; node: Tier; result: TierResult }
    | { kind: 'agent'; node: Agent; result: AgentResult };

/**
 * The engine's result for a declaration, only when this node is the declaration the model used:
 * a duplicate or a scenario member has no figures of its own in the base model.
 */
export function resultOf(ev: Evaluation, node: AstNode): DeclarationFigures | undefined {
    if (isRole(node) && ev.nodes.role.get(node.name) === node) {
        const result = ev.results.roles[node.name];
        return result && { kind: 'role', node, result };
    }
    if (isService(node) && ev.nodes.service.get(node.name) === node) {
        const result = ev.results.services[node.name];
        return result && { kind: 'service', node, result };
    }
    if (isTier(node) && ev.nodes.tier.get(node.name) === node) {
        const result = ev.results.tiers[node.name];
        return result && { kind: 'tier', node, result };
    }
    if (isAgent(node) && ev.nodes.agent.get(node.name) === node) {
        const result = ev.results.agents[node.name];
        return result && { kind: 'agent', node, result };
    }
    return undefined;
}
