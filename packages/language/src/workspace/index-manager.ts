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
     * Reference descriptions by target (`uri#path`), and the referenced paths per file, each built
     * on first use after any change. Langium scans every reference of the workspace per lookup,
     * and the unused-declaration check looks up every role and service: quadratic on a large plan
     * (10k agents, 5k services). The check needs only the paths, which every build asks for; the
     * descriptions by target only find references.
     */
    private byTarget?: Map<string, ReferenceDescription[]>;
    private pathsByUri?: Map<string, Set<string>>;

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
        const uri = AstUtils.getDocument(targetNode).uri.toString();
        return stream(this.targets().get(targetKey(uri, astNodePath)) ?? []);
    }

    /** The paths of the nodes in `uri` that some reference of the workspace points at. */
    referencedPaths(uri: string): ReadonlySet<string> {
        return this.referencedPathsByUri().get(uri) ?? new Set();
    }

    override async updateReferences(
        document: LangiumDocument,
        cancelToken?: Cancellation.CancellationToken,
    ): Promise<void> {
        await super.updateReferences(document, cancelToken);
        this.byTarget = undefined;
        this.pathsByUri = undefined;
    }

    override removeReferences(uri: URI): void {
        super.removeReferences(uri);
        this.byTarget = undefined;
        this.pathsByUri = undefined;
    }

    private targets(): Map<string, ReferenceDescription[]> {
        if (this.byTarget) return this.byTarget;
        const refs = new Map<string, ReferenceDescription[]>();
        // Same order as Langium's scan: documents in index order, references in document order.
        for (const list of this.referenceIndex.values()) {
            for (const ref of list) {
                const key = targetKey(ref.targetUri.toString(), ref.targetPath);
                const same = refs.get(key);
                if (same) same.push(ref);
                else refs.set(key, [ref]);
            }
        }
        this.byTarget = refs;
        return refs;
    }

    private referencedPathsByUri(): Map<string, Set<string>> {
        if (this.pathsByUri) return this.pathsByUri;
        const paths = new Map<string, Set<string>>();
        for (const list of this.referenceIndex.values()) {
            let lastUri: URI | undefined;
            let inFile: Set<string> | undefined;
            for (const ref of list) {
                // A file's references mostly point into one file: look its set up when that changes.
                if (ref.targetUri !== lastUri) {
                    lastUri = ref.targetUri;
                    const uri = ref.targetUri.toString();
                    inFile = paths.get(uri);
                    if (!inFile) paths.set(uri, (inFile = new Set()));
                }
                inFile!.add(ref.targetPath);
            }
        }
        this.pathsByUri = paths;
        return paths;
    }
}

function targetKey(uri: string, path: string): string {
    return `${uri}#${path}`;
}
