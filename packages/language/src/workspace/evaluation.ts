import type { LangiumDocument, LangiumSharedCoreServices, URI } from 'langium';
import type { AssertionResult, CapModel, Forecast, Results, ScenarioResults, ScenarioSpec } from '@cap/engine';
import { Plan } from '@cap/engine';
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

/**
 * The base results are computed with the evaluation; the forecast, the scenarios and the
 * assertions the first time each is read (then kept with it): inlay hints on declarations and the
 * engine's warnings need only the base, and a plan's forecast is one evaluation per month.
 */
export interface Evaluation extends LoweredModel {
    entry: LangiumDocument;
    /** The base model's snapshot (spec sections 3 to 8), per month. */
    results: Results;
    /** The month-by-month projection and hiring plan (section 9); null without `start` and `horizon`. */
    readonly forecast: Forecast | null;
    /** Every scenario, by name in declaration order, with its difference from the base (section 10). */
    readonly scenarios: Map<string, ScenarioEvaluation>;
    /** Every assertion of the model's files, in the order written (section 11). */
    readonly assertions: AssertionEvaluation[];
}

class LazyEvaluation implements Evaluation {
    readonly model: CapModel;
    readonly nodes: LoweredModel['nodes'];
    readonly modelDecl: LoweredModel['modelDecl'];
    readonly results: Results;
    private readonly plan: Plan;
    private scenarioNodes: Scenario[] | undefined;
    private scenarioSpecs: ScenarioSpec[] | undefined;
    private assertionNodes: Assertion[] | undefined;
    private scenariosPart: Map<string, ScenarioEvaluation> | undefined;
    private assertionsPart: AssertionEvaluation[] | undefined;

    constructor(readonly entry: LangiumDocument, private readonly closure: LangiumDocument[], lowered: LoweredModel) {
        this.model = lowered.model;
        this.nodes = lowered.nodes;
        this.modelDecl = lowered.modelDecl;
        this.plan = new Plan(lowered.model, () => this.lowerScenarios(), () => this.assertionNodesOf().map(lowerAssertion));
        this.results = this.plan.results;
    }

    get forecast(): Forecast | null {
        return this.plan.forecast;
    }

    get scenarios(): Map<string, ScenarioEvaluation> {
        if (!this.scenariosPart) {
            const computed = this.plan.scenarios;
            const specs = this.lowerScenarios();
            const scenarios = new Map<string, ScenarioEvaluation>();
            this.scenarioNodes!.forEach((node, i) => {
                const result = computed.get(node.name);
                if (result) scenarios.set(node.name, scenarioEvaluation(result, node, specs[i].model));
            });
            this.scenariosPart = scenarios;
        }
        return this.scenariosPart;
    }

    get assertions(): AssertionEvaluation[] {
        if (!this.assertionsPart) {
            const nodes = this.assertionNodesOf();
            this.assertionsPart = this.plan.assertions.map((result, i) => ({ ...result, node: nodes[i] }));
        }
        return this.assertionsPart;
    }

    private lowerScenarios(): ScenarioSpec[] {
        if (!this.scenarioSpecs) {
            this.scenarioNodes = scenariosOf(this.closure);
            this.scenarioSpecs = this.scenarioNodes.map(node => lowerScenario(this, node));
        }
        return this.scenarioSpecs;
    }

    private assertionNodesOf(): Assertion[] {
        this.assertionNodes ??= assertionsOf(this.closure);
        return this.assertionNodes;
    }
}

/** The engine's scenario with its node and model; its forecast is still computed only when read. */
function scenarioEvaluation(result: ScenarioResults, node: Scenario, model: CapModel): ScenarioEvaluation {
    return {
        name: result.name,
        title: result.title,
        results: result.results,
        get forecast(): Forecast | null {
            return result.forecast;
        },
        delta: result.delta,
        node,
        model,
    };
}

interface Cached {
    evaluation: Evaluation;
    /** The model's files, and the files its imports point at that are not loaded (yet). */
    files: Set<string>;
}

/**
 * The engine's results for an entry document, computed once per state of the files it reads: the
 * validator (for engine warnings and assertion failures), inlay hints, hovers and the CLI all read
 * the same cached evaluation. The base results come with it; the forecast, scenarios and
 * assertions once, when first read (see Evaluation).
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
        const evaluation = new LazyEvaluation(entry, closure, lower(closure));
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
