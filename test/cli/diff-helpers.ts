import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Scratch folders and git repositories for the `cap diff` suites. */

export const root = resolve(__dirname, '../..');

/** Options for `git commit`: one spawn instead of a `git config` per setting. */
export const IDENTITY = [
    '-c',
    'user.name=Cap Test',
    '-c',
    'user.email=cap-test@example.com',
    '-c',
    'commit.gpgsign=false',
];

export function git(cwd: string, ...args: string[]): string {
    const r = spawnSync('git', args, { cwd, encoding: 'utf-8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
}

/** A fresh repository; each commit names its own identity, so that commits work on any machine. */
export function repo(files: Record<string, string> = {}): {
    dir: string;
    write: (files: Record<string, string>) => void;
    commit: (message: string) => void;
} {
    const dir = mkdtempSync(join(tmpdir(), 'cap-diff-'));
    git(dir, 'init', '-q', '-b', 'main');
    const write = (more: Record<string, string>) => {
        for (const [name, text] of Object.entries(more)) {
            mkdirSync(dirname(join(dir, name)), { recursive: true });
            writeFileSync(join(dir, name), text);
        }
    };
    const commit = (message: string) => {
        git(dir, 'add', '-A');
        git(dir, ...IDENTITY, 'commit', '-q', '-m', message);
    };
    write(files);
    return { dir, write, commit };
}

export function scratch(): string {
    return mkdtempSync(join(tmpdir(), 'cap-diff-'));
}
