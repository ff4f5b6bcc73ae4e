import type { LangiumDocument } from 'langium';
import { DocumentState } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { CodeLensRefreshRequest, InlayHintRefreshRequest } from 'vscode-languageserver';
import type { FileSystemProvider, LangiumSharedCoreServices } from 'langium';
import { createCapLspServices } from './cap-lsp-module.js';
import { CapInlayHintProvider } from './inlay-hints.js';
import { clientWantsPreviews, sendPreviews } from './preview-notification.js';
import { DataDiagnosticsPublisher } from './data-diagnostics-publisher.js';
import { DataUpdateHandler } from './data-update-handler.js';

export interface CapServerContext {
    connection: Connection;
    fileSystemProvider: (services: LangiumSharedCoreServices) => FileSystemProvider;
}

/**
 * Starts the Cap language server on a connection (stdio, socket, IPC or a browser worker). The
 * same server runs behind VS Code and behind `cap lsp` for every other editor.
 */
export function startCapLanguageServer(context: CapServerContext): ReturnType<typeof createCapLspServices> {
    const services = createCapLspServices(context);
    const { shared } = services;
    let refresh = { inlayHints: false, codeLens: false };
    let previews = false;
    shared.lsp.LanguageServer.onInitialize((params: InitializeParams) => {
        refresh = {
            inlayHints: params.capabilities.workspace?.inlayHint?.refreshSupport === true,
            codeLens: params.capabilities.workspace?.codeLens?.refreshSupport === true,
        };
        previews = clientWantsPreviews(params);
    });
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, (built: LangiumDocument[]) => {
        if (previews) sendPreviews(context.connection, services.Cap, built);
    });
    // Switching a kind of hint off changes no document, so no build would ask the client to re-read.
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section === 'cap' && refresh.inlayHints)
            void context.connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
    });
    // A client re-asks for the hints of the document it changed on its own; when a build reached
    // other documents (an imported role's overhead moves every plan that imports it), their hints
    // changed too, and only a refresh request tells the client so.
    // Hints are answered before validation, so they learn of a check's new error (or its fix)
    // only from a refresh after it.
    const hints = services.Cap.lsp.InlayHintProvider;
    const dataDiagnostics = new DataDiagnosticsPublisher(
        context.connection,
        shared.workspace.LangiumDocuments,
        services.Cap.evaluation.CapEvaluator,
    );
    const updates = shared.lsp.DocumentUpdateHandler;
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, (built: LangiumDocument[]) => {
        dataDiagnostics.publish();
        // A data file's change rebuilt the models that read it: the client changed no `.cap` file,
        // so it asks for their hints again only when told to.
        const dataChanged = updates instanceof DataUpdateHandler && updates.dataChangedSinceBuild;
        if (dataChanged) updates.dataChangedSinceBuild = false;
        const partialChanged = hints instanceof CapInlayHintProvider && hints.errorsChanged(built);
        if (built.length < 2 && !dataChanged && !partialChanged) return;
        if (refresh.inlayHints)
            void context.connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
        if (built.length < 2 && !dataChanged) return;
        if (refresh.codeLens) void context.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    });
    // Hints need the parse and the evaluation, nothing else: lowering reads names, not linked
    // references. Waiting only until the edited document is indexed (its imports are loaded by
    // then) keeps linking, reference indexing and validation out of keystroke → hints.
    startLanguageServer(shared, { InlayHintProvider: DocumentState.IndexedContent });
    return services;
}
