import type { FileSystemProvider, LangiumCoreServices, LangiumSharedCoreServices } from 'langium';
import { DefaultServiceRegistry, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DefaultDocumentUpdateHandler } from 'langium/lsp';
import type { TextDocument, TextDocumentChangeEvent } from 'vscode-languageserver';

/**
 * Langium finds a document's language by its open text document's language id, else by the file
 * extension. An editor's unsaved buffer (`untitled:Untitled-1`) has no extension: while open it
 * carries the Cap language id, but once closed a build that visits it would throw, and every later
 * build with it. So an `untitled:` document is Cap; every other document is Cap only by its
 * language id or its `.cap` extension. Langium's workspace scan asks `hasServices` of every file it
 * finds: a README or a YAML workflow must answer no, or it is parsed as Cap and shown as errors.
 */
export class CapServiceRegistry extends DefaultServiceRegistry {
    constructor(services?: LangiumSharedCoreServices) {
        super(services);
    }

    override getServices(uri: URI): LangiumCoreServices {
        try {
            return super.getServices(uri);
        } catch (err) {
            const all = this.all;
            if (uri.scheme === 'untitled' && all.length === 1) return all[0];
            throw err;
        }
    }
}

/**
 * A closed buffer that was never saved has no file to read again: it leaves the workspace, so it
 * is no longer built, evaluated or previewed. So does a closed document whose file is gone (a
 * file deleted or never written while it was open): a later build would otherwise try to read it
 * from disk and fail. Saved files stay, as Langium keeps them.
 */
export class CapDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly fileSystem: FileSystemProvider;
    private readonly openDocuments: LangiumSharedServices['workspace']['TextDocuments'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.fileSystem = services.workspace.FileSystemProvider;
        this.openDocuments = services.workspace.TextDocuments;
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        if (uri.scheme === 'untitled') {
            this.fireDocumentUpdate([], [uri]);
            return;
        }
        // Opened again before the check answered: the editor's text is the document again.
        const gone = () => {
            if (!this.openDocuments.get(event.document.uri)) this.fireDocumentUpdate([], [uri]);
        };
        void this.fileSystem.exists(uri).then(exists => {
            if (!exists) gone();
        }, gone);
    }
}
