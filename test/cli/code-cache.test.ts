import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
    chmodSync,
    existsSync,
    mkdirSync,
    readdirSync,
    readFileSync,
    rmSync,
    statSync,
    utimesSync,
    writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { bin, root, scratchDir } from './cli-helpers.js';

/**
 * The code cache `bin/cap.js` keeps of each command (packages/cli/bin/code-cache.js): written once
 * into the user's cache folder, read by later runs, and never a reason for a command to behave
 * differently: a missing, corrupt or unwritable cache gives the same output and exit code.
 */

const { codeCacheFile, cacheDir } = createRequire(import.meta.url)('../../packages/cli/bin/code-cache.js') as {
    codeCacheFile(bytes: Buffer, command: string, env: NodeJS.ProcessEnv): string | undefined;
    cacheDir(env: NodeJS.ProcessEnv): string | undefined;
};

let dir: string;
// As root, file modes change nothing: the read-only case runs as the unprivileged user `nobody`
// (when that user can run this checkout at all), as in test/abuse/cli-failures.test.ts.
const asRoot = process.getuid?.() === 0;
const user = asRoot ? { uid: 65534, gid: 65534 } : {};
const modesApply =
    !asRoot ||
    spawnSync(process.execPath, [bin, '--version'], {
        ...user,
        stdio: 'ignore',
        env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' },
    }).status === 0;

function cap(args: string[], env: NodeJS.ProcessEnv, cwd = dir, asUser = false) {
    const r = spawnSync(process.execPath, [bin, ...args], {
        cwd,
        encoding: 'utf-8',
        env: { ...process.env, FORCE_COLOR: '0', NODE_DISABLE_COMPILE_CACHE: '', ...env },
        ...(asUser ? user : {}),
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A cache file as code-cache.js writes it: the crc32 of the data, then V8's data. */
const intact = (bytes: Buffer) => bytes.length > 1000 && bytes.readUInt32LE(0) === crc32(bytes.subarray(4));
const caches = (folder: string) =>
    existsSync(folder)
        ? readdirSync(folder)
              .filter(name => name.endsWith('.v8cache'))
              .sort()
        : [];

let expected: ReturnType<typeof cap>;

beforeAll(() => {
    dir = scratchDir('cap-code-cache-');
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'plan.cap'), readFileSync(join(root, 'examples/seed/seed.cap'), 'utf-8'));
    expected = cap(['check', 'plan.cap'], { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(expected.code).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the code cache of `cap`', () => {
    it('is written by the first run of a command into $XDG_CACHE_HOME/cap, and read (not rewritten) by the next', () => {
        const xdg = join(dir, 'xdg-first');
        expect(cap(['check', 'plan.cap'], { XDG_CACHE_HOME: xdg })).toEqual(expected);
        const written = caches(join(xdg, 'cap'));
        expect(written).toHaveLength(1);
        expect(written[0]).toMatch(/^check-[0-9a-f]{8}-\d+\.v8cache$/);
        const file = join(xdg, 'cap', written[0]);
        // Whole seconds, which every file system keeps exactly.
        const past = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
        utimesSync(file, past, past);
        expect(cap(['check', 'plan.cap'], { XDG_CACHE_HOME: xdg })).toEqual(expected);
        expect(statSync(file).mtimeMs).toBe(past.getTime());
        // Another command gets its own cache.
        expect(cap(['fmt', '--check', 'plan.cap'], { XDG_CACHE_HOME: xdg }).code).toBe(0);
        expect(caches(join(xdg, 'cap')).map(name => name.split('-')[0])).toEqual(['check', 'fmt']);
    });

    it('is not written by a run that ended in a usage error (it would lack what a real run compiles)', () => {
        const xdg = join(dir, 'xdg-usage');
        expect(cap(['check', 'missing.cap'], { XDG_CACHE_HOME: xdg }).code).toBe(2);
        expect(cap(['check', '--no-such-flag', 'plan.cap'], { XDG_CACHE_HOME: xdg }).code).toBe(2);
        expect(caches(join(xdg, 'cap'))).toEqual([]);
        expect(cap(['check', 'plan.cap'], { XDG_CACHE_HOME: xdg })).toEqual(expected);
        expect(caches(join(xdg, 'cap'))).toHaveLength(1);
    });

    it('is not written under NODE_DISABLE_COMPILE_CACHE', () => {
        const xdg = join(dir, 'xdg-disabled');
        expect(cap(['check', 'plan.cap'], { XDG_CACHE_HOME: xdg, NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual(expected);
        expect(existsSync(xdg)).toBe(false);
    });

    it('a damaged cache is not used but replaced; the command runs as without one', () => {
        const xdg = join(dir, 'xdg-damaged');
        cap(['check', 'plan.cap'], { XDG_CACHE_HOME: xdg });
        const [name] = caches(join(xdg, 'cap'));
        const file = join(xdg, 'cap', name);
        const good = readFileSync(file);
        expect(intact(good)).toBe(true);
        const damaged = [
            Buffer.from(good.map((byte, i) => (i > 64 ? byte ^ 0x5a : byte))),
            good.subarray(0, good.length >> 1),
            Buffer.from('not a code cache'),
            Buffer.alloc(0),
        ];
        for (const bytes of damaged) {
            writeFileSync(file, bytes);
            expect(cap(['check', 'plan.cap'], { XDG_CACHE_HOME: xdg })).toEqual(expected);
            expect(intact(readFileSync(file))).toBe(true);
        }
    });

    it.skipIf(!modesApply)('a cache folder that cannot be written changes nothing but the speed', () => {
        const xdg = join(dir, 'xdg-read-only');
        mkdirSync(xdg);
        chmodSync(xdg, 0o555);
        try {
            expect(cap(['check', 'plan.cap'], { XDG_CACHE_HOME: xdg }, dir, true)).toEqual(expected);
            expect(readdirSync(xdg)).toEqual([]);
        } finally {
            chmodSync(xdg, 0o755);
        }
    });

    it('a cache "folder" that is a file changes nothing but the speed', () => {
        const xdg = join(dir, 'xdg-file');
        writeFileSync(xdg, 'a file');
        expect(cap(['check', 'plan.cap'], { XDG_CACHE_HOME: xdg })).toEqual(expected);
        expect(readFileSync(xdg, 'utf-8')).toBe('a file');
    });

    it('never goes into the working folder: a relative XDG_CACHE_HOME is ignored for ~/.cache', () => {
        const home = join(dir, 'home');
        mkdirSync(home);
        const work = join(dir, 'work');
        mkdirSync(work);
        writeFileSync(join(work, 'plan.cap'), readFileSync(join(dir, 'plan.cap')));
        expect(cap(['check', 'plan.cap'], { XDG_CACHE_HOME: 'relative-cache', HOME: home }, work)).toEqual(expected);
        expect(readdirSync(work)).toEqual(['plan.cap']);
        expect(caches(join(home, '.cache', 'cap'))).toHaveLength(1);
    });

    it('keeps the newest 16 caches in its folder', () => {
        const xdg = join(dir, 'xdg-prune');
        const folder = join(xdg, 'cap');
        mkdirSync(folder, { recursive: true });
        const old = new Date(Date.now() - 3_600_000);
        for (let i = 0; i < 20; i++) {
            const file = join(folder, `check-${String(i).padStart(8, '0')}-1.v8cache`);
            writeFileSync(file, 'an old cache');
            utimesSync(file, old, old);
        }
        expect(cap(['check', 'plan.cap'], { XDG_CACHE_HOME: xdg })).toEqual(expected);
        const kept = caches(folder);
        expect(kept).toHaveLength(16);
        expect(kept.filter(name => !name.endsWith('-1.v8cache'))).toHaveLength(1);
    });

    it('is named by the bundle bytes, the command, Node and its options; V8 itself only compares lengths', () => {
        const env = { XDG_CACHE_HOME: '/cache' };
        const a = Buffer.from('let x = 1;');
        const b = Buffer.from('let x = 2;');
        expect(codeCacheFile(a, 'check', env)).toMatch(/^\/cache\/cap\/check-[0-9a-f]{8}-10\.v8cache$/);
        expect(codeCacheFile(a, 'check', env)).toBe(codeCacheFile(Buffer.from('let x = 1;'), 'check', env));
        expect(codeCacheFile(a, 'check', env)).not.toBe(codeCacheFile(b, 'check', env));
        expect(codeCacheFile(a, 'check', env)).not.toBe(codeCacheFile(a, 'build', env));
        expect(codeCacheFile(a, 'check', { ...env, NODE_DISABLE_COMPILE_CACHE: '1' })).toBeUndefined();
        expect(cacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/cap');
    });
});
