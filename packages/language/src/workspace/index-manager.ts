import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { DefaultIndexManager } from 'langium';
import type { ImportGraph } from './imports.js';

/**
 * A document is affected by a change to any file in its import closure, not only to files its
 * references already point at: a new duplicate name or a changed imported role changes its
 * diagnostics and its figures.
 */
export class CapIndexManager extends DefaultIndexManager {
    private importGraph?: () => ImportGraph;

    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    /** Set once the language services exist (the shared index manager is built before them). */
    useImportGraph(provider: () => ImportGraph): void {
        this.importGraph = provider;
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.isAffected(document, changedUris)) return true;
        const graph = this.importGraph?.();
        if (!graph) return false;
        return graph.closure(document).some(d => d !== document && changedUris.has(d.uri.toString()));
    }
}
