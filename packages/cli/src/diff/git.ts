import { execFile } from 'node:child_process';
import { relative, sep } from 'node:path';
import type { ReadFile } from '@cap/language';
import type { URI } from 'langium';
import { UsageError } from '../model-run.js';

/**
 * A model as it was at a git ref, read straight from the object database (`git cat-file`):
 * never by checking the ref out, so the working tree, the index and the user's editor buffers
 * are untouched and a dirty tree is fine.
 */

interface GitOutput {
    code: number;
    stdout: string;
    stderr: string;
}

function git(args: string[], cwd: string): Promise<GitOutput> {
    return new Promise((resolvePromise, reject) => {
        execFile('git', args, { cwd, encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
            const e = error as (NodeJS.ErrnoException & { code?: string | number }) | null;
            if (e && e.code === 'ENOENT')
                return reject(new UsageError('--git needs the git command, and it is not installed'));
            resolvePromise({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr });
        });
    });
}

/** The top folder of the repository that holds `dir`. */
export async function repositoryTop(dir: string): Promise<string> {
    const r = await git(['rev-parse', '--show-toplevel'], dir);
    if (r.code !== 0) throw new UsageError(`--git needs a git repository, and ${dir} is not in one`);
    return r.stdout.trim();
}

const NO_SUCH_REF =
    "no branch, tag or commit of that name (for a pull request's base, fetch it first: git fetch origin main)";

/** The commit a ref names; a ref that names none is a usage error with git's own words left out. */
export async function resolveCommit(top: string, ref: string): Promise<string> {
    // A ref starting with `-` would be read by git as an option.
    if (ref === '' || ref.startsWith('-')) throw new UsageError(`unknown git ref '${ref}'`);
    const r = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top);
    if (r.code !== 0) throw new UsageError(`unknown git ref '${ref}': ${NO_SUCH_REF}`);
    return r.stdout.trim();
}

/** A path inside the repository as git names it: relative to the top, with `/`. */
export function repoPath(top: string, absolute: string): string | undefined {
    const rel = relative(top, absolute);
    if (rel === '' || rel.startsWith('..') || rel.startsWith(sep + sep)) return undefined;
    return rel.split(sep).join('/');
}

/** Reads files as they are in `commit`; a file absent there reads as undefined, like a missing file on disk. */
export function gitFileReader(top: string, commit: string): ReadFile {
    return async uri => {
        const path = repoPath(top, uri.fsPath);
        if (path === undefined) return undefined;
        const r = await git(['cat-file', 'blob', `${commit}:${path}`], top);
        return r.code === 0 ? r.stdout : undefined;
    };
}

/** Reads a data file's bytes as they are in `commit` (a CRM export is data: its bytes, not a text, are compared). */
export function gitDataReader(top: string, commit: string): (uri: URI) => Promise<Uint8Array | undefined> {
    return uri =>
        new Promise(resolvePromise => {
            const path = repoPath(top, uri.fsPath);
            if (path === undefined) return resolvePromise(undefined);
            execFile(
                'git',
                ['cat-file', 'blob', `${commit}:${path}`],
                { cwd: top, encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024 },
                (error, stdout) => resolvePromise(error ? undefined : new Uint8Array(stdout)),
            );
        });
}

export async function existsAt(top: string, commit: string, path: string): Promise<boolean> {
    return (await git(['cat-file', '-e', `${commit}:${path}`], top)).code === 0;
}

/** `.cap` files of the working tree, tracked or new (ignored files left out), relative to the top. */
export async function workingTreeCapFiles(top: string): Promise<string[]> {
    const r = await git(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '*.cap'], top);
    if (r.code !== 0) return [];
    return [...new Set(r.stdout.split('\0').filter(p => p.endsWith('.cap')))].sort();
}
