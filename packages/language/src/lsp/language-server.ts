import { DefaultLanguageServer } from 'langium/lsp';
import type { InitializeParams, InitializeResult } from 'vscode-languageserver';
import { CAP_VERSION } from '../version.js';

/** Langium's language server, answering `initialize` with its name and version as well. */
export class CapLanguageServer extends DefaultLanguageServer {
    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        return { ...super.buildInitializeResult(params), serverInfo: { name: 'cap', version: CAP_VERSION } };
    }
}
