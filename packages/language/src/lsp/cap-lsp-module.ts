import type { AstNode, Module } from 'langium';
import { inject } from 'langium';
import type {
    DefaultSharedModuleContext,
    LangiumServices,
    LangiumSharedServices,
    PartialLangiumServices,
    PartialLangiumSharedServices,
} from 'langium/lsp';
import {
    DefaultNodeKindProvider,
    NormalizedTextDocuments,
    createDefaultModule,
    createDefaultSharedModule,
} from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';
import type { CapAddedServices } from '../cap-module.js';
import { CapModule, CapSharedModule, connectCapServices } from '../cap-module.js';
import { CapGeneratedModule, CapGeneratedSharedModule } from '../generated/module.js';
import { CapFormatter } from '../formatting/cap-formatter.js';
import { CapCodeActionProvider } from './code-actions.js';
import { CapDocumentLinkProvider } from './data-links.js';
import { CapCodeLensProvider } from './code-lens.js';
import { CapCompletionProvider } from './completion.js';
import { CapHoverProvider } from './hover.js';
import { ImportLoadingDocumentBuilder } from './import-loading-builder.js';
import { CapInlayHintProvider } from './inlay-hints.js';
import { CapSemanticTokenProvider } from './semantic-tokens.js';
import { CapSettings } from './settings.js';
import { CapServiceRegistry } from './untitled-documents.js';
import { DataUpdateHandler } from './data-update-handler.js';
import { CapWorkspaceManager } from './workspace-manager.js';
import { CapLanguageServer } from './language-server.js';
import { CheckedTextDocument } from './checked-text-documents.js';

export interface CapLspAddedServices {
    lsp: { CapSettings: CapSettings };
}

export type CapLspServices = LangiumServices & CapAddedServices & CapLspAddedServices;

/** The editor features, on top of the same CapModule the CLI uses. */
export const CapLspModule: Module<CapLspServices, PartialLangiumServices & CapLspAddedServices> = {
    lsp: {
        CapSettings: services => new CapSettings(services.shared.workspace.ConfigurationProvider),
        InlayHintProvider: services => new CapInlayHintProvider(services),
        HoverProvider: services => new CapHoverProvider(services),
        CompletionProvider: services => new CapCompletionProvider(services),
        CodeActionProvider: services => new CapCodeActionProvider(services.evaluation.CapEvaluator),
        DocumentLinkProvider: () => new CapDocumentLinkProvider(),
        CodeLensProvider: services => new CapCodeLensProvider(() => services.evaluation.CapEvaluator),
        SemanticTokenProvider: services => new CapSemanticTokenProvider(services),
        Formatter: () => new CapFormatter(),
    },
};

/** Outline and workspace-symbol icons that tell a role from a tier at a glance. */
export class CapNodeKindProvider extends DefaultNodeKindProvider {
    override getSymbolKind(node: AstNode | { type: string }): SymbolKind {
        const type = 'type' in node ? node.type : node.$type;
        switch (type) {
            case 'Role':
                return SymbolKind.Class;
            case 'Service':
                return SymbolKind.Method;
            case 'Tier':
                return SymbolKind.Enum;
            case 'Agent':
                return SymbolKind.Variable;
            case 'Scenario':
                return SymbolKind.Namespace;
            case 'ModelDecl':
                return SymbolKind.Module;
            default:
                return super.getSymbolKind(node as AstNode);
        }
    }

    override getCompletionItemKind(node: AstNode | { type: string }): CompletionItemKind {
        const type = 'type' in node ? node.type : node.$type;
        switch (type) {
            case 'Role':
                return CompletionItemKind.Class;
            case 'Service':
                return CompletionItemKind.Method;
            case 'Tier':
                return CompletionItemKind.Enum;
            case 'Agent':
                return CompletionItemKind.Variable;
            default:
                return super.getCompletionItemKind(node as AstNode);
        }
    }
}

export const CapSharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    ServiceRegistry: services => new CapServiceRegistry(services),
    lsp: {
        LanguageServer: services => new CapLanguageServer(services),
        NodeKindProvider: () => new CapNodeKindProvider(),
        DocumentUpdateHandler: services => new DataUpdateHandler(services),
    },
    workspace: {
        DocumentBuilder: services => new ImportLoadingDocumentBuilder(services),
        WorkspaceManager: services => new CapWorkspaceManager(services),
        TextDocuments: () => new NormalizedTextDocuments(CheckedTextDocument),
    },
};

/** Cap's services with Langium's language-server modules: for `cap lsp`, the extension and tests. */
export function createCapLspServices(context: DefaultSharedModuleContext): {
    shared: LangiumSharedServices;
    Cap: CapLspServices;
} {
    const shared = inject(
        createDefaultSharedModule(context),
        CapGeneratedSharedModule,
        CapSharedModule,
        CapSharedLspModule,
    );
    const Cap = inject(createDefaultModule({ shared }), CapGeneratedModule, CapModule, CapLspModule);
    connectCapServices(shared, Cap);
    const updates = shared.lsp.DocumentUpdateHandler;
    if (updates instanceof DataUpdateHandler) updates.useData(Cap.workspace.DataFiles, Cap.evaluation.CapEvaluator);
    return { shared, Cap };
}
