import type { BuildOptions, LangiumDocument, LangiumSharedCoreServices, MaybePromise, URI } from 'langium';
import { Cancellation, DocumentState, OperationCancelled, UriUtils, delayNextTick } from 'langium';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { CapFile } from '../generated/ast.js';
import type { ImportGraph } from '../workspace/imports.js';
import { CapDocumentBuilder } from '../workspace/document-builder.js';
import { ModelFileError, hasRealPath } from '../workspace/model-files.js';
import { loadDataFiles } from '../workspace/loader.js';

/**
 * A document builder that also loads what the documents being built import. An editor may open a
 * single `.cap` file with no workspace folder, or a plan may import shared roles from outside the
 * folder the editor opened; the model must still link. Imports are loaded after parsing and
 * before indexing, so they join the same build and nothing reports a transient missing import.
 * Only files the model names are read; a missing or unreadable one is left to the validator. With
 * a file system that knows real paths (`cap lsp`), each file is loaded once under its real path.
 */
export class ImportLoadingDocumentBuilder extends CapDocumentBuilder {
    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    protected override async buildDocuments(
        documents: LangiumDocument[],
        options: BuildOptions,
        cancelToken: Cancellation.CancellationToken,
    ): Promise<void> {
        if (cancelToken !== Cancellation.CancellationToken.None) {
            // The connection hands the server one message per event-loop turn, while a build
            // starts in the same turn as the edit that caused it. Without this turn, every
            // keystroke of a burst starts its own parse before the next keystroke can cancel it,
            // and a 10k-agent plan reparses once per keystroke. One turn lets the pending edits in.
            await delayNextTick();
            if (cancelToken.isCancellationRequested) throw OperationCancelled;
        }
        const graph = this.imports;
        if (graph) {
            // Parsing here is the first phase of the build anyway; it lets us read the imports.
            await this.runCancelable(documents, DocumentState.Parsed, cancelToken, doc =>
                this.parseOrKeep(doc, cancelToken),
            );
            const added = await this.loadImports(documents, graph, cancelToken);
            if (added.length > 0) documents = [...documents, ...added];
            const joined = this.joinedModels(documents, graph);
            if (joined.length > 0) documents = [...documents, ...joined];
        }
        // The data files the documents' models read (spec section 14), before anything evaluates
        // them: a file already read (and unchanged) is not read again.
        const data = this.data;
        if (data) {
            await loadDataFiles(documents, data, uri => this.readDataFile(uri));
            if (cancelToken.isCancellationRequested) throw OperationCancelled;
        }
        await super.buildDocuments(documents, options, cancelToken);
    }

    protected override async runCancelable(
        documents: LangiumDocument[],
        targetState: DocumentState,
        cancelToken: Cancellation.CancellationToken,
        callback: (document: LangiumDocument) => MaybePromise<unknown>,
    ): Promise<void> {
        await super.runCancelable(documents, targetState, cancelToken, callback);
        // Inlay hints wait for indexed documents. One event-loop turn here lets them be answered
        // before linking and validation, which they do not need, take the thread.
        if (targetState === DocumentState.IndexedContent && cancelToken !== Cancellation.CancellationToken.None)
            await delayNextTick();
    }

    /**
     * A request waits for its document to reach a state; if the document leaves the workspace
     * meanwhile (closed with its file gone), Langium's wait never ends and the request hangs.
     * Such a wait ends with "server cancelled" instead, which every client handles.
     */
    protected override awaitDocumentState(
        state: DocumentState,
        uri: URI,
        cancelToken: Cancellation.CancellationToken,
    ): Promise<URI> {
        // A data file open in an editor is synchronised with the server but is no Cap document:
        // requests on it (hover, hints) get no answer at once instead of waiting for a build.
        if (!this.serviceRegistry.hasServices(uri)) return Promise.resolve(uri);
        const waiting = super.awaitDocumentState(state, uri, cancelToken);
        return new Promise<URI>((resolve, reject) => {
            const removed = this.onUpdate((_, deleted) => {
                if (!deleted.some(d => UriUtils.equals(d, uri))) return;
                removed.dispose();
                reject(
                    new ResponseError(
                        LSPErrorCodes.ServerCancelled,
                        `${uri.toString()} was closed and is no longer in the workspace`,
                    ),
                );
            });
            waiting.then(
                value => {
                    removed.dispose();
                    resolve(value);
                },
                err => {
                    removed.dispose();
                    reject(err);
                },
            );
        });
    }

    /**
     * A document closed in the editor while its build waited is read from disk; when its file is
     * gone (never saved, deleted) there is nothing to read. It keeps the text it was last parsed
     * from, and the update handler takes it out of the workspace.
     */
    private async parseOrKeep(doc: LangiumDocument, cancelToken: Cancellation.CancellationToken): Promise<void> {
        try {
            await this.langiumDocumentFactory.update(doc, cancelToken);
        } catch (err) {
            if (err === OperationCancelled || doc.parseResult === undefined) throw err;
        }
    }

    /**
     * Files that an edit made part of another model: a plan that now imports a file the server
     * already had. The builder revalidated the models the changed files were in before the edit;
     * these joined one only with it, so they are validated again in this build.
     */
    private joinedModels(documents: LangiumDocument[], graph: ImportGraph): LangiumDocument[] {
        const inBuild = new Set(documents.map(doc => doc.uri.toString()));
        const joined: LangiumDocument[] = [];
        for (const doc of documents) {
            for (const entry of graph.entriesOf(doc)) {
                for (const member of graph.closure(entry)) {
                    const key = member.uri.toString();
                    if (inBuild.has(key) || member.state <= DocumentState.IndexedReferences) continue;
                    inBuild.add(key);
                    this.resetToState(member, DocumentState.IndexedReferences);
                    joined.push(member);
                }
            }
        }
        return joined;
    }

    private async loadImports(
        documents: LangiumDocument[],
        graph: ImportGraph,
        cancelToken: Cancellation.CancellationToken,
    ): Promise<LangiumDocument[]> {
        const added: LangiumDocument[] = [];
        const queue = [...documents];
        const tried = new Set<string>();
        let realPathsKnown = false;
        while (queue.length > 0) {
            const doc = queue.shift()!;
            for (const imp of (doc.parseResult.value as CapFile).imports ?? []) {
                if (typeof imp.path !== 'string' || !imp.path.endsWith('.cap')) continue;
                if (this.langiumDocuments.hasDocument(graph.resolve(imp, doc.uri))) continue;
                // Only now that something must be read from disk: the open documents' real paths,
                // so that an import of one of them through a link reaches the open document.
                if (!realPathsKnown) {
                    realPathsKnown = true;
                    for (const open of documents) await this.noteRealPath(open.uri, graph);
                }
                await this.noteRealPath(graph.resolve(imp, doc.uri), graph);
                const target = graph.resolve(imp, doc.uri);
                const key = target.toString();
                if (tried.has(key) || this.langiumDocuments.hasDocument(target)) continue;
                tried.add(key);
                const loaded = await this.tryLoad(target, graph, cancelToken);
                if (loaded) {
                    added.push(loaded);
                    queue.push(loaded);
                }
            }
        }
        return added;
    }

    /** Each file is loaded once, under its real path: a link to it is another name for the same document. */
    private async noteRealPath(uri: URI, graph: ImportGraph): Promise<void> {
        if (!hasRealPath(this.fileSystemProvider)) return;
        const real = await this.fileSystemProvider.realPath(uri);
        if (!real || real.toString() === uri.toString()) return;
        if (this.langiumDocuments.hasDocument(uri)) graph.alias(real, uri);
        else graph.alias(uri, graph.canonical(real));
    }

    /**
     * A data file's bytes through the workspace's file system: undefined when there is none;
     * ModelFileError when it is not a regular file or cannot be read (the lowering says why at
     * the block's `file`).
     */
    private async readDataFile(uri: URI): Promise<Uint8Array | undefined> {
        let node: { isFile: boolean };
        try {
            node = await this.fileSystemProvider.stat(uri);
        } catch {
            return undefined;
        }
        if (!node.isFile) throw new ModelFileError('not a file');
        try {
            return await this.fileSystemProvider.readBinary(uri);
        } catch (err) {
            if (err instanceof ModelFileError) throw err;
            const code = (err as { code?: string }).code;
            if (code === 'ENOENT') return undefined;
            throw new ModelFileError(
                code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(err)),
            );
        }
    }

    /** A file that cannot be a model (too large, binary, a pipe) is not read; the validator says why at the import. */
    private async tryLoad(
        uri: URI,
        graph: ImportGraph,
        cancelToken: Cancellation.CancellationToken,
    ): Promise<LangiumDocument | undefined> {
        try {
            const document = await this.langiumDocuments.getOrCreateDocument(uri, cancelToken);
            graph.setUnreadable(uri, undefined);
            return document;
        } catch (err) {
            graph.setUnreadable(uri, err instanceof ModelFileError ? err.message : undefined);
            return undefined;
        }
    }
}
