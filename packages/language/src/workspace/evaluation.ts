import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { WorkspaceCache } from 'langium';
import type { Results } from '@cap/engine';
import { evaluate } from '@cap/engine';
import { lower } from '../lowering/lower.js';
import type { LoweredModel } from '../lowering/lower.js';
import type { ImportGraph } from './imports.js';

export interface Evaluation extends LoweredModel {
    entry: LangiumDocument;
    results: Results;
}

/**
 * The engine's results for an entry document, computed once per workspace state: the validator
 * (for engine warnings), inlay hints, hovers and the CLI all read the same cached evaluation.
 */
export class CapEvaluator {
    private readonly cache: WorkspaceCache<string, Evaluation>;

    constructor(shared: LangiumSharedCoreServices, private readonly imports: () => ImportGraph) {
        this.cache = new WorkspaceCache(shared);
    }

    evaluate(entry: LangiumDocument): Evaluation {
        return this.cache.get(entry.uri.toString(), () => {
            const lowered = lower(this.imports().closure(entry));
            return { ...lowered, entry, results: evaluate(lowered.model) };
        });
    }

    /** The evaluations a document takes part in: one per entry file that (transitively) imports it. */
    evaluationsOf(doc: LangiumDocument): Evaluation[] {
        return this.imports().entriesOf(doc).map(entry => this.evaluate(entry));
    }
}
