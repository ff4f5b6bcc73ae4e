import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startCapLanguageServer } from '@cap/language/lsp';

// Started by the desktop extension over IPC (VS Code passes --node-ipc); the same server as `cap lsp`.
startCapLanguageServer({ connection: createConnection(ProposedFeatures.all), ...NodeFileSystem });
