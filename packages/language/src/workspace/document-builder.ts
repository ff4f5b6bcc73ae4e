import type { LangiumDocument, LangiumSharedCoreServices, URI } from 'langium';
import { Cancellation, DefaultDocumentBuilder, DocumentState } from 'langium';
import type { ImportGraph } from './imports.js';
import type { DataFiles } from './data-files.js';

/**
 * Langium's document builder, aware that a file is validated in the context of every model it
 * belongs to. A shared roles file gets the duplicate names, unused declarations and engine
 * warnings (a role over capacity) of each plan that imports it: when one plan changes, the files
 * of its model are validated again (not reparsed, not relinked), so their diagnostics do not go
 * stale. Relinking is the index manager's business (CapIndexManager.isAffected).
 */
export class CapDocumentBuilder extends DefaultDocumentBuilder {
    private importGraph?: () => ImportGraph;

    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    /** Set once the language services exist (the shared builder is built before them). */
    useImportGraph(graph: () => ImportGraph): void {
        this.importGraph = graph;
    }

    protected get imports(): ImportGraph | undefined {
        return this.importGraph?.();
    }

    private dataFiles?: () => DataFiles;

    /** The workspace's data files (spec section 14), set like the import graph. */
    useDataFiles(files: () => DataFiles): void {
        this.dataFiles = files;
    }

    protected get data(): DataFiles | undefined {
        return this.dataFiles?.();
    }

    override async update(
        changed: URI[],
        deleted: URI[],
        cancelToken = Cancellation.CancellationToken.None,
    ): Promise<void> {
        // The graph before the change: which models the changed files were part of.
        this.revalidateModelsOf([...changed, ...deleted]);
        await super.update(changed, deleted, cancelToken);
    }

    private revalidateModelsOf(uris: URI[]): void {
        const graph = this.imports;
        if (!graph || uris.length === 0) return;
        const changed = new Set(uris.map(uri => uri.toString()));
        const done = new Set<string>();
        for (const uri of uris) {
            const document = this.langiumDocuments.getDocument(uri);
            if (!document) continue;
            for (const entry of graph.entriesOf(document)) {
                if (done.has(entry.uri.toString())) continue;
                done.add(entry.uri.toString());
                for (const member of graph.closure(entry)) {
                    if (!changed.has(member.uri.toString()) && member.state > DocumentState.IndexedReferences)
                        this.revalidate(member);
                }
            }
        }
    }

    private revalidate(document: LangiumDocument): void {
        this.resetToState(document, DocumentState.IndexedReferences);
    }

    /**
     * Documents validated by a build that was cancelled before it reached the end of validation,
     * where Langium tells the Validated phase's listeners (the server's preview push, the data
     * files' diagnostics, hint refreshes). Langium counts such a document as built and never
     * builds it again until it changes, so the next build that finishes validation announces it
     * with its own documents; else a model whose build an edit elsewhere cancelled never gets a
     * report.
     */
    private readonly unannounced = new Set<LangiumDocument>();

    protected override async notifyDocumentPhase(
        document: LangiumDocument,
        state: DocumentState,
        cancelToken: Cancellation.CancellationToken,
    ): Promise<void> {
        if (state === DocumentState.Validated) this.unannounced.add(document);
        await super.notifyDocumentPhase(document, state, cancelToken);
    }

    protected override async notifyBuildPhase(
        documents: LangiumDocument[],
        state: DocumentState,
        cancelToken: Cancellation.CancellationToken,
    ): Promise<void> {
        if (state !== DocumentState.Validated) return super.notifyBuildPhase(documents, state, cancelToken);
        // One changed again since is no longer validated: the build that validates it announces it.
        const validated = [...this.unannounced].filter(doc => doc.state === DocumentState.Validated);
        await super.notifyBuildPhase([...new Set([...documents, ...validated])], state, cancelToken);
        this.unannounced.clear();
    }
}
