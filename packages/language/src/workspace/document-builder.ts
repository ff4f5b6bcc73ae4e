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
}
