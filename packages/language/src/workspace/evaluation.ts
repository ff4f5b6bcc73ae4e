import type { LangiumDocument, LangiumSharedCoreServices, URI } from 'langium';
import type { AssertionResult, CapModel, Forecast, Results, ScenarioResults } from '@cap/engine';
import { evaluatePlan } from '@cap/engine';
import type { Assertion, CapFile, Scenario } from '../generated/ast.js';
import { lower } from '../lowering/lower.js';
import type { LoweredModel } from '../lowering/lower.js';
import { assertionsOf, lowerAssertion } from '../lowering/assertions.js';
import { lowerScenario, scenariosOf } from '../lowering/scenarios.js';
import type { ImportGraph } from './imports.js';

/** One scenario of an entry's model: its node, the model it describes and its results. */
export interface ScenarioEvaluation extends ScenarioResults {
    node: Scenario;
    /** The base model with the scenario's blocks applied. */
    model: CapModel;
}

/** One assertion's outcome, with the node it is written at. */
export interface AssertionEvaluation extends AssertionResult {
    node: Assertion;
}

export interface Evaluation extends LoweredModel {
    entry: LangiumDocument;
    /** The base model's snapshot (spec sections 3 to 8), per month. */
    results: Results;
    /** The month-by-month projection and hiring plan (section 9); null without `start` and `horizon`. */
    forecast: Forecast | null;
    /** Every scenario, by name in declaration order, with its difference from the base (section 10). */
    scenarios: Map<string, ScenarioEvaluation>;
    /** Every assertion of the model's files, in the order written (section 11). */
    assertions: AssertionEvaluation[];
}

interface Cached {
    evaluation: Evaluation;
    /** The model's files, and the files its imports point at that are not loaded (yet). */
    files: Set<string>;
}

/**
 * The engine's results for an entry document, computed once per state of the files it reads: the
 * validator (for engine warnings and assertion failures), inlay hints, hovers and the CLI all read
 * the same cached evaluation. Base, forecast, scenarios and assertions are computed together, once.
 * An evaluation is dropped when one of its model's files changes, not on every change in the
 * workspace: a keystroke in one plan of fifty re-evaluates that plan, while the shared files it
 * imports are validated again against the other forty-nine models as they were.
 */
export class CapEvaluator {
    private readonly cache = new Map<string, Cached>();

    constructor(shared: LangiumSharedCoreServices, private readonly imports: () => ImportGraph) {
        shared.workspace.DocumentBuilder.onUpdate((changed, deleted) => this.forget([...changed, ...deleted]));
    }

    evaluate(entry: LangiumDocument): Evaluation {
        const key = entry.uri.toString();
        const cached = this.cache.get(key);
        if (cached && cached.evaluation.entry === entry) return cached.evaluation;
        const graph = this.imports();
        const closure = graph.closure(entry);
        const lowered = lower(closure);
        const scenarioNodes = scenariosOf(closure);
        const scenarioSpecs = scenarioNodes.map(node => lowerScenario(lowered, node));
        const assertionNodes = assertionsOf(closure);
        const plan = evaluatePlan(lowered.model, scenarioSpecs, assertionNodes.map(lowerAssertion));

        const scenarios = new Map<string, ScenarioEvaluation>();
        scenarioNodes.forEach((node, i) => {
            const result = plan.scenarios.get(node.name);
            if (result) scenarios.set(node.name, { ...result, node, model: scenarioSpecs[i].model });
        });
        const assertions = plan.assertions.map((result, i) => ({ ...result, node: assertionNodes[i] }));
        const evaluation: Evaluation = { ...lowered, entry, results: plan.results, forecast: plan.forecast, scenarios, assertions };
        const files = new Set<string>();
        for (const doc of closure) {
            files.add(doc.uri.toString());
            for (const imp of (doc.parseResult.value as CapFile).imports ?? []) {
                if (typeof imp.path === 'string') files.add(graph.resolve(imp, doc.uri).toString());
            }
        }
        this.cache.set(key, { evaluation, files });
        return evaluation;
    }

    /** The evaluations a document takes part in: one per entry file that (transitively) imports it. */
    evaluationsOf(doc: LangiumDocument): Evaluation[] {
        return this.imports().entriesOf(doc).map(entry => this.evaluate(entry));
    }

    private forget(uris: URI[]): void {
        if (uris.length === 0) return;
        const changed = uris.map(uri => uri.toString());
        for (const [key, { files }] of this.cache) {
            if (changed.some(uri => files.has(uri))) this.cache.delete(key);
        }
    }
}
