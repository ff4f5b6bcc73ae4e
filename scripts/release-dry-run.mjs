// Every step of a release that needs no token, so that a release cannot fail on packaging:
//
//   1. the tag (when given) is the version of the CLI, of the cap-lang package and of the extension;
//   2. `npm publish --dry-run` of cap-lang, then `npm pack` of it: the tarball the release publishes;
//   3. `vsce package` of the extension (npm run package): the .vsix both marketplaces get;
//   4. Open VSX: ovsx reads the .vsix's manifest and checks it and the license as its publish does,
//      then `ovsx publish` uploads it to a local stand-in of the registry (127.0.0.1), which checks
//      that it received the .vsix byte for byte.
//
// Usage: npm run release:dry-run -- [--tag vX.Y.Z] [--out DIR]   (DIR gets the .tgz and the .vsix)
// .github/workflows/release.yml runs it before publishing; .ci/run runs it on every change.
// Prints `N passed, N failed` last and exits 1 on any failure.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'packages/vscode/package.json'));
const { values } = parseArgs({ options: { tag: { type: 'string' }, out: { type: 'string' } } });
const out = resolve(values.out ?? mkdtempSync(join(tmpdir(), 'cap-release-')));
mkdirSync(out, { recursive: true });
let passed = 0;
let failed = 0;

function check(name, ok, detail = '') {
    if (ok) passed++;
    else failed++;
    console.log(
        `${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? `\n     ${String(detail).trim().split('\n').slice(-20).join('\n     ')}` : ''}`,
    );
    return ok;
}

function run(command, args, options = {}) {
    const r = spawnSync(command, args, { cwd: root, encoding: 'utf-8', timeout: 300_000, ...options });
    return { code: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}

const json = path => JSON.parse(readFileSync(join(root, path), 'utf-8'));

try {
    // 1. One version.
    const cli = json('packages/cli/package.json');
    const extension = json('packages/vscode/package.json');
    // What the built command says of itself, as a user would see it.
    const capVersion = spawnSync(process.execPath, [join(root, 'packages/cli/bin/cap.js'), '--version'], {
        encoding: 'utf-8',
    }).stdout.trim();
    check(
        `one version: cap-lang ${cli.version}, cap --version ${capVersion}, extension ${extension.version}`,
        cli.version === capVersion && extension.version === cli.version,
    );
    if (values.tag !== undefined) check(`the tag ${values.tag} is v${cli.version}`, values.tag === `v${cli.version}`);

    // 2. The CLI package.
    const dry = run('npm', ['publish', '--dry-run', '-w', 'packages/cli']);
    check(
        'npm publish --dry-run -w packages/cli',
        dry.code === 0 && /\+ cap-lang@/.test(dry.stdout + dry.stderr),
        dry.stdout + dry.stderr,
    );
    const pack = run('npm', ['pack', '-w', 'packages/cli', '--pack-destination', out, '--json']);
    const tarball = pack.code === 0 ? JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')))[0].filename : undefined;
    check(
        `npm pack -w packages/cli: ${tarball ? join(out, tarball) : 'no tarball'}`,
        tarball !== undefined,
        pack.stderr,
    );

    // 3. The extension.
    const packaged = run('npm', ['run', 'package', '-w', 'packages/vscode']);
    const vsix = join(out, `cap-vscode-${extension.version}.vsix`);
    if (
        check(
            'vsce package (npm run package -w packages/vscode)',
            packaged.code === 0,
            packaged.stdout + packaged.stderr,
        )
    ) {
        copyFileSync(join(root, 'packages/vscode/cap.vsix'), vsix);
    }

    // 4. Open VSX, offline.
    const { readVSIXPackage } = require('ovsx/lib/zip');
    const { validateManifest, isLicenseOk } = require('ovsx');
    const manifest = await readVSIXPackage(vsix);
    let valid = true;
    try {
        validateManifest(manifest);
    } catch (err) {
        valid = check('ovsx: the manifest in the .vsix', false, err.message);
    }
    if (valid)
        check(
            `ovsx: the manifest in the .vsix (${manifest.publisher}.${manifest.name} ${manifest.version})`,
            manifest.publisher === 'cap-lang' &&
                manifest.name === 'cap-vscode' &&
                manifest.version === extension.version,
        );
    check('ovsx: the license Open VSX requires', await isLicenseOk(join(root, 'packages/vscode'), manifest));
    await publishToLocalRegistry(vsix);
} catch (err) {
    check('release dry run', false, err?.stack ?? err);
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;

/** `ovsx publish FILE` against a stand-in registry on 127.0.0.1 that keeps what it is sent. */
async function publishToLocalRegistry(vsix) {
    const received = [];
    const server = createServer((req, res) => {
        const chunks = [];
        req.on('data', c => chunks.push(c));
        req.on('end', () => {
            received.push({ method: req.method, url: req.url, body: Buffer.concat(chunks) });
            res.setHeader('Content-Type', 'application/json');
            if (req.method === 'GET' && req.url === '/api/version')
                return res.end(JSON.stringify({ version: '0.1.0' }));
            if (req.method === 'POST' && req.url.startsWith('/api/-/publish')) {
                res.statusCode = 201;
                return res.end(
                    JSON.stringify({
                        namespace: 'cap-lang',
                        name: 'cap-vscode',
                        version: JSON.parse(readFileSync(join(root, 'packages/vscode/package.json'), 'utf-8')).version,
                        targetPlatform: 'universal',
                    }),
                );
            }
            res.statusCode = 404;
            res.end(JSON.stringify({ error: 'not here' }));
        });
    });
    await new Promise(done => server.listen(0, '127.0.0.1', done));
    try {
        const registry = `http://127.0.0.1:${server.address().port}`;
        const ovsx = join(root, 'node_modules/.bin/ovsx');
        // Asynchronous: this process serves the registry.
        const { spawn } = await import('node:child_process');
        const child = spawn(ovsx, ['publish', vsix, '--registryUrl', registry, '--pat', 'dry-run'], {
            cwd: root,
            env: { ...process.env, CI: 'true' },
        });
        let output = '';
        child.stdout.on('data', d => {
            output += d;
        });
        child.stderr.on('data', d => {
            output += d;
        });
        const code = await new Promise(done => child.on('close', done));
        const upload = received.find(r => r.method === 'POST');
        check(
            `ovsx publish to a local stand-in registry: ${output.trim().split('\n').pop()}`,
            code === 0 && /Published cap-lang\.cap-vscode v/.test(output) && upload?.body.equals(readFileSync(vsix)),
            output,
        );
    } finally {
        server.close();
    }
}
