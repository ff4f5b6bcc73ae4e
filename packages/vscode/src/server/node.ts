import { setFlagsFromString } from 'node:v8';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startCapLanguageServer } from '@cap/language/lsp';

// The same V8 setting as `cap` (packages/cli/bin/cap.js, which says why); flags set after start
// apply to what the collector decides from then on, which is all of the server's work.
setFlagsFromString('--no-allocation-site-pretenuring');

// Started by the desktop extension over IPC (VS Code passes --node-ipc); the same server as `cap lsp`.
startCapLanguageServer({ connection: createConnection(ProposedFeatures.all), ...NodeFileSystem });
