import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';

// Two ways to run `cap`: `capInProcess` runs the CLI's source in this process, without a Node start
// per command, for what a command says and writes; `cap` spawns the bundle, for what only a process shows.

export const root = resolve(__dirname, '../..');
export const bin = join(root, 'packages/cli/bin/cap.js');

export interface CapRun {
    code: number | null;
    stdout: string;
    stderr: string;
}

export interface InProcessOptions {
    /** Added to this process's environment, as `cap()` adds them to the child's. */
    env?: Record<string, string>;
    /** Standard input, for `cap fmt -`. */
    stdin?: string;
    /** Standard output and error are a terminal (80 columns), not a pipe. */
    tty?: boolean;
}

/**
 * `cap args` in the folder `cwd`, run in process: as through a pipe unless `tty`, with this
 * process's environment and FORCE_COLOR=0 as `cap()` gives the child. Each run builds its own
 * services, so it behaves as a fresh process would.
 */
export async function capInProcess(args: string[], cwd = root, options: InProcessOptions = {}): Promise<CapRun> {
    // Imported here: the suites that only spawn the bundle do not load the CLI's source.
    const { main } = await import('../../packages/cli/src/main.js');
    let stdout = '';
    let stderr = '';
    const terminal = { isTTY: options.tty === true, columns: 80 };
    const code = await main(args, {
        stdout: { write: text => void (stdout += text), ...terminal },
        stderr: { write: text => void (stderr += text), ...terminal },
        stdin: () => Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
        cwd,
        env: { ...process.env, FORCE_COLOR: '0', ...options.env },
    });
    return { code, stdout, stderr };
}

/** `cap args` in the folder `cwd` as a user runs it: a child process on the bundled CLI. */
export function cap(args: string[], cwd = root): CapRun {
    const r = spawnSync(process.execPath, [bin, ...args], {
        cwd,
        encoding: 'utf-8',
        env: { ...process.env, FORCE_COLOR: '0' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh scratch folder, after checking the bundle the tests run exists. */
export function scratchDir(prefix: string): string {
    if (!existsSync(join(root, 'packages/cli/dist/cap.cjs')))
        throw new Error('the CLI bundle is missing: run `npm run build` (npm ci does it)');
    return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a file into a folder and returns its path. */
export function writeIn(dir: string, name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
}
