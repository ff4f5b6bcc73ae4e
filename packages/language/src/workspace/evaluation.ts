import type { LangiumDocument, LangiumSharedCoreServices, URI } from 'langium';
import type { Results } from '@cap/engine';
import { evaluate } from '@cap/engine';
import type { CapFile } from '../generated/ast.js';
import { lower } from '../lowering/lower.js';
import type { LoweredModel } from '../lowering/lower.js';
import type { ImportGraph } from './imports.js';

export interface Evaluation extends LoweredModel {
    entry: LangiumDocument;
    results: Results;
}

interface Cached {
    evaluation: Evaluation;
    /** The model's files, and the files its imports point at that are not loaded (yet). */
    files: Set<string>;
}

/**
 * The engine's results for an entry document, computed once per state of the files it reads: the
 * validator (for engine warnings), inlay hints, hovers and the CLI all read the same cached
 * evaluation. An evaluation is dropped when one of its model's files changes, not on every change
 * in the workspace: a keystroke in one plan of fifty re-evaluates that plan, while the shared
 * files it imports are validated again against the other forty-nine models as they were.
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
        const evaluation = { ...lowered, entry, results: evaluate(lowered.model) };
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
