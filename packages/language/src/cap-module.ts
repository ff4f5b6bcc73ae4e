import type {
    DeepPartial,
    LangiumCoreServices,
    LangiumSharedCoreServices,
    Module,
    PartialLangiumCoreServices,
} from 'langium';
import { EmptyFileSystem, createDefaultCoreModule, createDefaultSharedCoreModule, inject } from 'langium';
import type { DefaultSharedCoreModuleContext } from 'langium';
import { CapGeneratedModule, CapGeneratedSharedModule } from './generated/module.js';
import { CapValueConverter } from './value-converter.js';
import { CapDocumentValidator, CapValidationRegistry } from './document-validator.js';
import { CapLinker } from './linker.js';
import { CapScopeProvider } from './workspace/scope-provider.js';
import { CapScopeComputation } from './workspace/scope-computation.js';
import { CapAstNodeDescriptionProvider, CapReferenceDescriptionProvider } from './workspace/descriptions.js';
import { CapLangiumParser } from './parser/cap-parser.js';
import { CapTokenBuilder } from './parser/token-builder.js';
import { CapLexer } from './parser/cap-lexer.js';
import { CapLexerErrorMessages, CapParserErrorMessageProvider } from './parser/syntax-messages.js';
import { ImportGraph } from './workspace/imports.js';
import { DataFiles } from './workspace/data-files.js';
import { CapIndexManager } from './workspace/index-manager.js';
import { CapDocumentFactory } from './workspace/incremental-parse.js';
import { CapDocumentBuilder } from './workspace/document-builder.js';
import { CapEvaluator } from './workspace/evaluation.js';
import { CapValidator, registerValidationChecks } from './validation/cap-validator.js';

/** Services Cap adds to Langium's. */
export interface CapAddedServices {
    workspace: { ImportGraph: ImportGraph; DataFiles: DataFiles };
    evaluation: { CapEvaluator: CapEvaluator };
    validation: { CapValidator: CapValidator };
}

export type CapServices = LangiumCoreServices & CapAddedServices;

/** Cap's language module: overrides and additions on top of Langium's defaults. */
export const CapModule: Module<CapServices, PartialLangiumCoreServices & CapAddedServices> = {
    parser: {
        ValueConverter: () => new CapValueConverter(),
        LangiumParser: services => new CapLangiumParser(services),
        TokenBuilder: () => new CapTokenBuilder(),
        Lexer: services => new CapLexer(services),
        ParserErrorMessageProvider: services => new CapParserErrorMessageProvider(services.Grammar),
        LexerErrorMessageProvider: () => new CapLexerErrorMessages(),
    },
    references: {
        ScopeComputation: services => new CapScopeComputation(services),
        ScopeProvider: services => new CapScopeProvider(services),
        Linker: services => new CapLinker(services),
    },
    workspace: {
        ImportGraph: services => new ImportGraph(services.shared),
        DataFiles: () => new DataFiles(),
        AstNodeDescriptionProvider: services => new CapAstNodeDescriptionProvider(services),
        ReferenceDescriptionProvider: services => new CapReferenceDescriptionProvider(services),
    },
    evaluation: {
        CapEvaluator: services =>
            new CapEvaluator(
                services.shared,
                () => services.workspace.ImportGraph,
                () => services.workspace.DataFiles,
            ),
    },
    validation: {
        DocumentValidator: services => new CapDocumentValidator(services),
        ValidationRegistry: services => new CapValidationRegistry(services),
        CapValidator: services => new CapValidator(services),
    },
};

export const CapSharedModule: Module<LangiumSharedCoreServices, DeepPartial<LangiumSharedCoreServices>> = {
    workspace: {
        IndexManager: services => new CapIndexManager(services),
        LangiumDocumentFactory: services => new CapDocumentFactory(services),
        DocumentBuilder: services => new CapDocumentBuilder(services),
    },
};

/** Wires what needs both the shared and the language container, once both exist. */
export function connectCapServices(shared: LangiumSharedCoreServices, cap: CapServices): void {
    shared.ServiceRegistry.register(cap);
    registerValidationChecks(cap);
    const index = shared.workspace.IndexManager;
    if (index instanceof CapIndexManager) index.useImportGraph(() => cap.workspace.ImportGraph);
    const builder = shared.workspace.DocumentBuilder;
    if (builder instanceof CapDocumentBuilder) {
        builder.useImportGraph(() => cap.workspace.ImportGraph);
        builder.useDataFiles(() => cap.workspace.DataFiles);
    }
}

/**
 * Cap's services without a language server: for the CLI, tests and tools. The language server
 * builds its own container with Langium's LSP modules on top of the same CapModule.
 */
export function createCapServices(context: DefaultSharedCoreModuleContext = EmptyFileSystem): {
    shared: LangiumSharedCoreServices;
    Cap: CapServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), CapGeneratedSharedModule, CapSharedModule);
    const Cap = inject(createDefaultCoreModule({ shared }), CapGeneratedModule, CapModule);
    connectCapServices(shared, Cap);
    return { shared, Cap };
}
