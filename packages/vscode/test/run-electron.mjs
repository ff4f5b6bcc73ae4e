// The same integration suite in desktop VS Code, through @vscode/test-electron: where a VS Code
// build can be downloaded (a developer machine, a hosted CI with internet), or one is given with
// CAP_VSCODE_EXECUTABLE=/path/to/code (then nothing is downloaded). The extension is loaded from
// packages/vscode (build it first: `npm run package`); the workspace is a scratch copy of examples/.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repo } from './code-server.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'cap-vscode-electron-'));
const workspace = join(scratch, 'examples');
cpSync(join(repo, 'examples'), workspace, { recursive: true });
let code = 1;
try {
    code = await runTests({
        ...(process.env.CAP_VSCODE_EXECUTABLE
            ? { vscodeExecutablePath: process.env.CAP_VSCODE_EXECUTABLE }
            : { version: 'stable' }),
        extensionDevelopmentPath: join(repo, 'packages/vscode'),
        extensionTestsPath: join(repo, 'packages/vscode/out/test/integration/index.js'),
        launchArgs: [
            workspace,
            '--disable-extensions',
            '--disable-workspace-trust',
            '--skip-welcome',
            '--user-data-dir',
            join(scratch, 'user-data'),
        ],
    }).then(() => 0);
} catch (err) {
    console.error(`the extension tests failed or could not start: ${err?.message ?? err}`);
} finally {
    rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
