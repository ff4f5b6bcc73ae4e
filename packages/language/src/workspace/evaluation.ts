import type { LangiumDocument, LangiumSharedCoreServices, URI } from 'langium';
import type { AssertionResult, PlanResults, ScenarioResults } from '@cap/engine';
import { evaluatePlan } from '@cap/engine';
import type { Assertion, CapFile, Scenario } from '../generated/ast.js';
import { lower } from '../lowering/lower.js';
import type { LoweredModel } from '../lowering/lower.js';
import { assertionsOf, lowerAssertion } from '../lowering/assertions.js';
import { lowerScenario, scenariosOf } from '../lowering/scenarios.js';
import type { ImportGraph } from './imports.js';
import type { DataFiles } from './data-files.js';

/** One scenario of an entry's model, with the node it is declared at. */
export interface ScenarioEvaluation extends ScenarioResults {
    node: Scenario;
}

/** One assertion's outcome, with the node it is written at. */
export interface AssertionEvaluation extends AssertionResult {
    node: Assertion;
}

/**
 * Everything the engine computes for an entry document's model (the base snapshot and forecast,
 * every scenario with its forecast and delta, every assertion), with the syntax behind it.
 */
export interface Evaluation extends LoweredModel, PlanResults {
    entry: LangiumDocument;
    scenarios: Map<string, ScenarioEvaluation>;
    assertions: AssertionEvaluation[];
}

/** What the editor's explanations read of an evaluation: a scenario's hover passes the scenario's own. */
export type EvaluationView = Pick<Evaluation, 'entry' | 'model' | 'results' | 'forecast'>;

/** Lowers an entry document's model (its import closure and the data it reads) and evaluates the whole plan. */
export function evaluateModel(entry: LangiumDocument, closure: LangiumDocument[], files?: DataFiles): Evaluation {
    const lowered = lower(closure, files);
    const scenarioNodes = scenariosOf(closure);
    const assertionNodes = assertionsOf(closure);
    const scenarioSpecs = scenarioNodes.map(node => lowerScenario(lowered, node));
    const plan = evaluatePlan(lowered.model, scenarioSpecs, assertionNodes.map(lowerAssertion));
    const scenarios = new Map<string, ScenarioEvaluation>();
    for (const node of scenarioNodes) scenarios.set(node.name, { ...plan.scenarios.get(node.name)!, node });
    return {
        ...lowered,
        entry,
        results: plan.results,
        forecast: plan.forecast,
        scenarios,
        assertions: plan.assertions.map((result, i) => ({ ...result, node: assertionNodes[i] })),
    };
}

interface Cached {
    evaluation: Evaluation;
    /** The model's files, and the files its imports point at that are not loaded (yet). */
    files: Set<string>;
}

/**
 * The evaluation of each entry document, computed once per state of the files it reads: the
 * validator (engine warnings, assertion failures), inlay hints, hovers, the preview and the CLI all
 * read the same one. It is dropped when one of its model's files changes, not on every change in
 * the workspace: a keystroke in one plan of fifty re-evaluates that plan, while the shared files
 * it imports are validated again against the other forty-nine models as they were.
 */
export class CapEvaluator {
    private readonly cache = new Map<string, Cached>();

    constructor(
        shared: LangiumSharedCoreServices,
        private readonly imports: () => ImportGraph,
        private readonly data?: () => DataFiles,
    ) {
        shared.workspace.DocumentBuilder.onUpdate((changed, deleted) => this.forget([...changed, ...deleted]));
    }

    evaluate(entry: LangiumDocument): Evaluation {
        const key = entry.uri.toString();
        const cached = this.cache.get(key);
        if (cached && cached.evaluation.entry === entry) return cached.evaluation;
        const graph = this.imports();
        const closure = graph.closure(entry);
        const evaluation = evaluateModel(entry, closure, this.data?.());
        const files = new Set<string>();
        for (const d of [...evaluation.data, ...evaluation.actuals]) if (d.uri) files.add(d.uri.toString());
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
        return this.imports()
            .entriesOf(doc)
            .map(entry => this.evaluate(entry));
    }

    /** A data file changed: the evaluations of the models that read it are computed again when next asked. */
    forgetData(uri: URI): void {
        this.forget([uri]);
    }

    /** The entry documents whose models read a data file, as last evaluated. */
    readersOf(uri: URI): string[] {
        const key = uri.toString();
        return [...this.cache].filter(([, { files }]) => files.has(key)).map(([entry]) => entry);
    }

    private forget(uris: URI[]): void {
        if (uris.length === 0) return;
        const changed = uris.map(uri => uri.toString());
        for (const [key, { files }] of this.cache) {
            if (changed.some(uri => files.has(uri))) this.cache.delete(key);
        }
    }
}
