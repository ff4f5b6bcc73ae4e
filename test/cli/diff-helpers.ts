import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** `cap diff` as a user runs it: the bundled CLI as a child process, in a scratch git repository. */

export const root = resolve(__dirname, '../..');
const bin = join(root, 'packages/cli/bin/cap.js');

export function requireBundle(): void {
    if (!existsSync(join(root, 'packages/cli/dist/cap.cjs')))
        throw new Error('the CLI bundle is missing: run `npm run build` (npm ci does it)');
}

export function cap(args: string[], cwd: string, env: Record<string, string> = {}) {
    const r = spawnSync(process.execPath, [bin, ...args], {
        cwd,
        encoding: 'utf-8',
        env: { ...process.env, FORCE_COLOR: '0', ...env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function git(cwd: string, ...args: string[]): string {
    const r = spawnSync('git', args, { cwd, encoding: 'utf-8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
}

/** A fresh repository with its own identity, so that commits work on any machine. */
export function repo(files: Record<string, string> = {}): {
    dir: string;
    write: (files: Record<string, string>) => void;
    commit: (message: string) => void;
} {
    const dir = mkdtempSync(join(tmpdir(), 'cap-diff-'));
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.name', 'Cap Test');
    git(dir, 'config', 'user.email', 'cap-test@example.com');
    git(dir, 'config', 'commit.gpgsign', 'false');
    const write = (more: Record<string, string>) => {
        for (const [name, text] of Object.entries(more)) {
            mkdirSync(dirname(join(dir, name)), { recursive: true });
            writeFileSync(join(dir, name), text);
        }
    };
    const commit = (message: string) => {
        git(dir, 'add', '-A');
        git(dir, 'commit', '-q', '-m', message);
    };
    write(files);
    return { dir, write, commit };
}

export function scratch(): string {
    return mkdtempSync(join(tmpdir(), 'cap-diff-'));
}
