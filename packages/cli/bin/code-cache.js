// Runs the CommonJS bundle of the `cap` command with a V8 code cache of everything the command
// compiled, so that a second `cap check` does not parse and compile Langium's functions again.
//
// Node's own compile cache (module.enableCompileCache) stores a module's code as V8 compiled it
// on loading: the top level only, since V8 compiles a function when it first runs. Almost all of
// a bundle is functions, so that cache leaves most of the compiling to every run. Here the cache
// is written after the command ran (Script#createCachedData then holds every function compiled so
// far), once per command, Node and bundle, by a run that did its work; later runs deserialize it
// instead of compiling.
//
// The cache lives in the user's cache folder ($XDG_CACHE_HOME/cap, else ~/.cache/cap), never in
// the working folder. NODE_DISABLE_COMPILE_CACHE (Node's switch for its own cache) turns it off.
// Every failure to read or write it (a read-only home, a full disk, a stale or foreign file,
// which V8 rejects) only means compiling as without a cache.
'use strict';
const { isAscii } = require('node:buffer');
const { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { homedir } = require('node:os');
const { dirname, isAbsolute, join } = require('node:path');
const { Script } = require('node:vm');
const zlib = require('node:zlib');

/** Commands that get a cache each (what one command compiles says little about another); `cap`
 * alone, `--help`, `--version` and mistyped commands share one. */
const COMMANDS = new Set(['check', 'build', 'forecast', 'fmt', 'diff', 'lsp', 'export', 'init']);

/** Cache files kept in the folder (a few commands on one or two Node versions, a previous build). */
const KEEP = 16;

/**
 * Runs the CommonJS file `file` as the main program with `argv` (process.argv), through the code
 * cache of its command when there is one.
 * @param {string} file absolute path of the bundle
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 */
function runBundle(file, argv, env = process.env) {
    // Node maps stack traces through the bundle's source map only for modules it loads itself.
    if (process.sourceMapsEnabled) {
        require(file);
        return;
    }
    const bytes = readFileSync(file);
    // esbuild escapes non-ASCII characters in strings but not in regular expressions: decode as
    // Latin-1 (cheaper) only when that gives the same text.
    const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
    const cacheFile = codeCacheFile(bytes, COMMANDS.has(argv[2]) ? argv[2] : 'cap', env);
    const cachedData = cacheFile ? readCodeCache(cacheFile) : undefined;
    // CommonJS's wrapper, on the bundle's first line so that line numbers stay the bundle's.
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
        filename: file,
        cachedData,
    });
    if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
        // Only a run that did its work (exit 0, or 1 for a model with errors) compiled what later
        // runs need: a usage error (2) stops before Langium, and its cache would be kept.
        process.once('exit', code => {
            if (code === 0 || code === 1) writeCodeCache(script, cacheFile);
        });
    }
    const bundle = { exports: {} };
    script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, dirname(file));
}

/**
 * Where the cache of this command on this Node for exactly these bundle bytes is, or undefined
 * when there is to be none. V8 checks its own version, flags and the source's length; the name
 * adds the content (crc32, as Node's compile cache does), the command and Node's options.
 * @param {Buffer} bytes
 * @param {string} command
 * @param {NodeJS.ProcessEnv} env
 * @returns {string | undefined}
 */
function codeCacheFile(bytes, command, env = process.env) {
    if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
    // zlib.crc32 is Node 20.15+ and 22.2+; an older Node runs without the cache.
    if (typeof zlib.crc32 !== 'function') return undefined;
    const dir = cacheDir(env);
    if (!dir) return undefined;
    const key = zlib.crc32(`${process.version} ${process.arch} ${process.execArgv.join(' ')}`, zlib.crc32(bytes));
    return join(dir, `${command}-${key.toString(16).padStart(8, '0')}-${bytes.length}.v8cache`);
}

/**
 * The cached data in `file`, or undefined when there is none or it is damaged. The file is a
 * crc32 of the data, then the data: V8 checks that a cache belongs to its version, flags and a
 * source of this length, but (outside debug builds) not that the bytes are intact.
 * @param {string} file
 * @returns {Buffer | undefined}
 */
function readCodeCache(file) {
    let bytes;
    try {
        bytes = readFileSync(file);
    } catch {
        return undefined; // No cache yet, or unreadable: compile, and write one at exit.
    }
    const data = bytes.subarray(4);
    return bytes.length > 4 && bytes.readUInt32LE(0) === zlib.crc32(data) ? data : undefined;
}

/**
 * $XDG_CACHE_HOME/cap, else ~/.cache/cap; undefined when neither is an absolute path (a relative
 * one would put the cache in whatever folder cap runs in).
 * @param {NodeJS.ProcessEnv} env
 * @returns {string | undefined}
 */
function cacheDir(env = process.env) {
    const xdg = env.XDG_CACHE_HOME;
    if (xdg && isAbsolute(xdg)) return join(xdg, 'cap');
    let home;
    try {
        home = homedir();
    } catch {
        return undefined;
    }
    return home && isAbsolute(home) ? join(home, '.cache', 'cap') : undefined;
}

/**
 * Writes the cache atomically (a concurrent run reads the old file or the new one, never half of
 * one) and keeps the folder to the newest KEEP caches. Never throws: this runs as the process exits.
 * @param {Script} script
 * @param {string} file
 */
function writeCodeCache(script, file) {
    const dir = dirname(file);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const data = script.createCachedData();
        const sum = Buffer.alloc(4);
        sum.writeUInt32LE(zlib.crc32(data));
        writeFileSync(temporary, Buffer.concat([sum, data]), { mode: 0o600 });
        renameSync(temporary, file);
    } catch {
        try {
            unlinkSync(temporary);
        } catch {
            // Never written.
        }
        return;
    }
    try {
        const caches = readdirSync(dir)
            .filter(name => name.endsWith('.v8cache'))
            .map(name => ({ path: join(dir, name), time: statSync(join(dir, name)).mtimeMs }))
            .sort((a, b) => b.time - a.time);
        for (const old of caches.slice(KEEP)) unlinkSync(old.path);
    } catch {
        // Another run pruned at the same time: nothing lost.
    }
}

module.exports = { runBundle, codeCacheFile, cacheDir };
