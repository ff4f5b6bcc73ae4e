import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { WorkspaceCache } from 'langium';
import type { AssertionResult, CapModel, Forecast, Results, ScenarioResults } from '@cap/engine';
import { evaluatePlan } from '@cap/engine';
import type { Assertion, Scenario } from '../generated/ast.js';
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

/**
 * The engine's results for an entry document, computed once per workspace state: the validator
 * (for engine warnings and assertion failures), inlay hints, hovers and the CLI all read the same
 * cached evaluation. Base, forecast, scenarios and assertions are computed together, once.
 */
export class CapEvaluator {
    private readonly cache: WorkspaceCache<string, Evaluation>;

    constructor(shared: LangiumSharedCoreServices, private readonly imports: () => ImportGraph) {
        this.cache = new WorkspaceCache(shared);
    }

    evaluate(entry: LangiumDocument): Evaluation {
        return this.cache.get(entry.uri.toString(), () => {
            const closure = this.imports().closure(entry);
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
            return { ...lowered, entry, results: plan.results, forecast: plan.forecast, scenarios, assertions };
        });
    }

    /** The evaluations a document takes part in: one per entry file that (transitively) imports it. */
    evaluationsOf(doc: LangiumDocument): Evaluation[] {
        return this.imports().entriesOf(doc).map(entry => this.evaluate(entry));
    }
}
