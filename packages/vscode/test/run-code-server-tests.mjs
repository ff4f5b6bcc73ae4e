// Runs the integration suite (test/integration, compiled by `tsc -b` to out/) inside code-server's
// extension host, against the installed .vsix: the workbench is opened in Chromium with VS Code's
// extension-test payload, and VS Code reports the suite's exit code through
// `window.codeAutomationExit`, which this script exposes to the page.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, repo, startCodeServer, workbenchUrl } from './code-server.mjs';

const TIMEOUT_MS = Number(process.env.CAP_VSCODE_TEST_TIMEOUT ?? 300_000);
const started = Date.now();
const testsPath = join(repo, 'packages/vscode/out/test/integration/index.js');
if (!existsSync(testsPath)) throw new Error(`${testsPath} is missing: run \`npx tsc -b\``);

const results = join(repo, 'test-results/vscode');
mkdirSync(results, { recursive: true });
const testLog = join(results, 'integration.log');
writeFileSync(testLog, '');

const server = await startCodeServer({ env: { CAP_TEST_LOG: testLog } });
console.log(
    `code-server ${server.url} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s), workspace ${server.workspace}`,
);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
let code = 1;
try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    page.on('console', msg => {
        if (process.env.CAP_VSCODE_VERBOSE) console.log(`[page ${msg.type()}] ${msg.text()}`);
    });
    const exit = new Promise(res => {
        void page.exposeFunction('codeAutomationExit', c => res(c));
    });
    const remote = p => `vscode-remote://127.0.0.1:${server.port}${p}`;
    await page.goto(
        workbenchUrl(server, server.workspace, [
            ['extensionDevelopmentPath', remote(server.extensionPath)],
            ['extensionTestsPath', remote(testsPath)],
        ]),
    );
    const timeout = new Promise(res => setTimeout(() => res('timeout'), TIMEOUT_MS));
    const result = await Promise.race([exit, timeout]);
    if (result === 'timeout') {
        await page.screenshot({ path: join(results, 'integration-timeout.png') }).catch(() => undefined);
        console.error(`the extension tests did not finish within ${TIMEOUT_MS / 1000} s`);
    } else {
        code = Number(result);
    }
} finally {
    await browser.close();
    await server.stop();
}
process.stdout.write(readFileSync(testLog, 'utf-8'));
if (code !== 0) console.error(server.log().split('\n').slice(-40).join('\n'));
console.log(`extension tests in code-server: exit ${code}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(code === 0 ? 0 : 1);
