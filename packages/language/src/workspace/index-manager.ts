import type { AstNode, LangiumDocument, LangiumSharedCoreServices, ReferenceDescription, Stream, URI } from 'langium';
import type { Cancellation } from 'langium';
import { AstUtils, DefaultIndexManager, stream } from 'langium';
import type { ImportGraph } from './imports.js';

/**
 * A document is affected by a change to any file in its import closure, not only to files its
 * references already point at: a new duplicate name or a changed imported role changes its
 * diagnostics and its figures.
 */
export class CapIndexManager extends DefaultIndexManager {
    private importGraph?: () => ImportGraph;
    /**
     * Reference descriptions by target (`uri#path`), built on first use after any change. Langium
     * scans every reference of the workspace per lookup, and the unused-declaration check looks up
     * every role and service: quadratic on a large plan (10k agents, 5k services).
     */
    private byTarget?: Map<string, ReferenceDescription[]>;

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

    override findAllReferences(targetNode: AstNode, astNodePath: string): Stream<ReferenceDescription> {
        this.byTarget ??= this.indexByTarget();
        return stream(this.byTarget.get(targetKey(AstUtils.getDocument(targetNode).uri.toString(), astNodePath)) ?? []);
    }

    override async updateReferences(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        await super.updateReferences(document, cancelToken);
        this.byTarget = undefined;
    }

    override removeReferences(uri: URI): void {
        super.removeReferences(uri);
        this.byTarget = undefined;
    }

    private indexByTarget(): Map<string, ReferenceDescription[]> {
        const map = new Map<string, ReferenceDescription[]>();
        // Same order as Langium's scan: documents in index order, references in document order.
        for (const refs of this.referenceIndex.values()) {
            for (const ref of refs) {
                const key = targetKey(ref.targetUri.toString(), ref.targetPath);
                const list = map.get(key);
                if (list) list.push(ref);
                else map.set(key, [ref]);
            }
        }
        return map;
    }
}

function targetKey(uri: string, path: string): string {
    return `${uri}#${path}`;
}
