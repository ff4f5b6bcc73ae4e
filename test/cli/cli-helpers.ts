import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The `cap` command as a user runs it: a child process on the bundled CLI. */

export const root = resolve(__dirname, '../..');
export const bin = join(root, 'packages/cli/bin/cap.js');

export function cap(args: string[], cwd = root) {
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
