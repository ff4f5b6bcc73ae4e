import type { BuildOptions, LangiumDocument, LangiumSharedCoreServices, MaybePromise, URI } from 'langium';
import { Cancellation, DocumentState, OperationCancelled, delayNextTick } from 'langium';
import type { CapFile } from '../generated/ast.js';
import type { ImportGraph } from '../workspace/imports.js';
import { CapDocumentBuilder } from '../workspace/document-builder.js';

/**
 * A document builder that also loads what the documents being built import. An editor may open a
 * single `.cap` file with no workspace folder, or a plan may import shared roles from outside the
 * folder the editor opened; the model must still link. Imports are loaded after parsing and
 * before indexing, so they join the same build and nothing reports a transient missing import.
 * Only files the model names are read; a missing or unreadable one is left to the validator.
 */
export class ImportLoadingDocumentBuilder extends CapDocumentBuilder {
    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
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
            await this.runCancelable(documents, DocumentState.Parsed, cancelToken, doc => this.langiumDocumentFactory.update(doc, cancelToken));
            const added = await this.loadImports(documents, graph, cancelToken);
            if (added.length > 0) documents = [...documents, ...added];
        }
        await super.buildDocuments(documents, options, cancelToken);
    }

    protected override async runCancelable(documents: LangiumDocument[], targetState: DocumentState, cancelToken: Cancellation.CancellationToken, callback: (document: LangiumDocument) => MaybePromise<unknown>): Promise<void> {
        await super.runCancelable(documents, targetState, cancelToken, callback);
        // Inlay hints wait for indexed documents. One event-loop turn here lets them be answered
        // before linking and validation, which they do not need, take the thread.
        if (targetState === DocumentState.IndexedContent && cancelToken !== Cancellation.CancellationToken.None) await delayNextTick();
    }

    private async loadImports(documents: LangiumDocument[], graph: ImportGraph, cancelToken: Cancellation.CancellationToken): Promise<LangiumDocument[]> {
        const added: LangiumDocument[] = [];
        const queue = [...documents];
        const tried = new Set<string>();
        while (queue.length > 0) {
            const doc = queue.shift()!;
            for (const imp of (doc.parseResult.value as CapFile).imports ?? []) {
                if (typeof imp.path !== 'string' || !imp.path.endsWith('.cap')) continue;
                const target = graph.resolve(imp, doc.uri);
                const key = target.toString();
                if (tried.has(key) || this.langiumDocuments.hasDocument(target)) continue;
                tried.add(key);
                const loaded = await this.tryLoad(target, cancelToken);
                if (loaded) {
                    added.push(loaded);
                    queue.push(loaded);
                }
            }
        }
        return added;
    }

    private async tryLoad(uri: URI, cancelToken: Cancellation.CancellationToken): Promise<LangiumDocument | undefined> {
        try {
            return await this.langiumDocuments.getOrCreateDocument(uri, cancelToken);
        } catch {
            return undefined;
        }
    }
}
