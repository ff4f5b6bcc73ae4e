import type { LangiumDocument, LangiumDocuments, URI } from 'langium';
import { URI as Uri } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { TextDocument } from 'langium';
import type { DidChangeWatchedFilesParams, TextDocumentChangeEvent } from 'vscode-languageserver';
import type { CapFile } from '../generated/ast.js';
import { dataFileUri } from '../lowering/data.js';
import type { CapEvaluator } from '../workspace/evaluation.js';
import type { DataFiles } from '../workspace/data-files.js';
import { CapDocumentUpdateHandler } from './untitled-documents.js';

/**
 * The data files a model reads (spec section 14) change outside Cap: the CRM export is saved again
 * on disk, or edited in an editor (the client synchronises CSV files it has open). Neither is a
 * Cap document: Langium would parse it as one. Here a change to a data file drops what was read of
 * it and rebuilds the `.cap` files that name it, which read it again; every other change goes to
 * Langium as before.
 */
export class DataUpdateHandler extends CapDocumentUpdateHandler {
    private readonly documents: LangiumDocuments;
    private data?: { files: DataFiles; evaluator: CapEvaluator };
    /** Set when a data file changed; the server refreshes hints after the next build and clears it. */
    dataChangedSinceBuild = false;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.documents = services.workspace.LangiumDocuments;
    }

    /** Set once the language services exist. */
    useData(files: DataFiles, evaluator: CapEvaluator): void {
        this.data = { files, evaluator };
    }

    override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
        const uri = Uri.parse(change.document.uri);
        if (this.serviceRegistry.hasServices(uri) || !this.data) {
            super.didChangeContent(change);
            return;
        }
        this.data.files.setEditorText(uri, change.document.getText());
        this.dataChanged([uri]);
    }

    override didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = Uri.parse(event.document.uri);
        if (this.serviceRegistry.hasServices(uri) || !this.data) {
            super.didCloseDocument(event);
            return;
        }
        // The editor's unsaved text is gone: the file on disk counts again.
        this.data.files.setEditorText(uri, undefined);
        this.dataChanged([uri]);
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        const files = this.data?.files;
        const isData = (change: { uri: string }) =>
            files?.isDataFile(Uri.parse(change.uri)) && !this.serviceRegistry.hasServices(Uri.parse(change.uri));
        const data = params.changes.filter(isData);
        const rest = params.changes.filter(change => !isData(change));
        if (data.length > 0) {
            const uris = data.map(change => Uri.parse(change.uri));
            for (const uri of uris) files!.changed(uri);
            this.dataChanged(uris);
        }
        if (rest.length > 0 || data.length === 0) super.didChangeWatchedFiles({ changes: rest });
    }

    /** Rebuilds the `.cap` files whose data blocks name one of `uris`: they read it again. */
    private dataChanged(uris: URI[]): void {
        if (!this.data) return;
        const changed = new Set(uris.map(uri => uri.toString()));
        for (const uri of uris) this.data.evaluator.forgetData(uri);
        const readers = this.documents.all
            .filter(doc => readsAny(doc, changed))
            .map(doc => doc.uri)
            .toArray();
        if (readers.length === 0) return;
        this.dataChangedSinceBuild = true;
        this.fireDocumentUpdate(readers, []);
    }
}

/** Whether a document declares a data block whose file is one of `uris`. */
function readsAny(document: LangiumDocument, uris: Set<string>): boolean {
    const root = document.parseResult?.value as CapFile | undefined;
    for (const el of root?.elements ?? []) {
        if (el.$type !== 'Data' && el.$type !== 'Actuals') continue;
        const uri = dataFileUri(el, document);
        if (uri && uris.has(uri.toString())) return true;
    }
    return false;
}
