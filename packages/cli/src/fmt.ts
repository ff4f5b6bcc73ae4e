import { promises as fs } from 'node:fs';
import { relative, resolve } from 'node:path';
import { capFilesUnder } from './cap-files.js';
import { ModelFileError, createCapServices, fileUri, formatCap, readModelFile } from '@cap/language';
import { writeFileAtomic } from './atomic-write.js';
import { UsageError } from './model-run.js';
import type { Io } from './io.js';

export interface FmtOptions {
    /** List the files that are not formatted and write nothing. */
    check?: boolean;
    /** Print the formatted text instead of writing it back. */
    stdout?: boolean;
}

/** A model file to format: where it came from, what it says, and how to name it in messages. */
interface Source {
    /** Absolute path, or undefined for standard input. */
    path: string | undefined;
    label: string;
    text: string;
}

const STDIN = '-';

/**
 * `cap fmt`: rewrites each file in the canonical layout. Each file is formatted on its own: its
 * imports are not read, because formatting never depends on what a file imports and a shared
 * fragment should only change when it is named. Every file is read (and every folder listed)
 * before any is written, so a typo in the last argument leaves the first untouched.
 *
 * Returns the exit code: 0 all formatted, 1 a file has syntax errors (left untouched) or, with
 * `--check`, is not formatted. Unreadable files are usage errors (thrown).
 */
export async function runFmt(args: string[], options: FmtOptions, io: Io): Promise<number> {
    if (args.includes(STDIN) && args.length > 1)
        throw new UsageError('`-` (standard input) cannot be combined with files');
    const sources =
        args[0] === STDIN
            ? [{ path: undefined, label: '<stdin>', text: await readStdin(io) }]
            : await readSources(args, io.cwd);

    const { shared, Cap } = createCapServices();
    let failed = false;
    for (const source of sources) {
        const document = shared.workspace.LangiumDocumentFactory.fromString(
            source.text,
            fileUri(source.path ?? resolve(io.cwd, 'stdin.cap')),
        );
        const formatted = formatCap(document);
        if (formatted === undefined) {
            const diagnostics = await Cap.validation.DocumentValidator.validateDocument(document, {
                categories: ['built-in'],
            });
            const first = diagnostics
                .filter(d => (d.severity ?? 1) === 1)
                .sort(
                    (a, b) =>
                        a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
                )[0];
            const where = first
                ? `${source.label}:${first.range.start.line + 1}:${first.range.start.character + 1}`
                : source.label;
            const what = first ? `error ${first.code ?? ''}: ${first.message}` : 'error: cannot be parsed';
            io.stderr.write(`${where} - ${what}\n`);
            failed = true;
            continue;
        }
        const changed = formatted !== source.text;
        if (options.check) {
            if (changed) {
                io.stdout.write(`${source.label}\n`);
                failed = true;
            }
        } else if (options.stdout || source.path === undefined) {
            io.stdout.write(formatted);
        } else if (changed) {
            // Replace the file a symbolic link points to, not the link, and keep its permissions.
            const target = await fs.realpath(source.path);
            const { mode } = await fs.stat(target);
            await writeFileAtomic(target, formatted, mode & 0o7777);
            io.stdout.write(`${source.label}\n`);
        }
    }
    return failed ? 1 : 0;
}

async function readSources(args: string[], cwd: string): Promise<Source[]> {
    const sources: Source[] = [];
    for (const arg of args) {
        const absolute = resolve(cwd, arg);
        const stat = await fs.stat(absolute).catch(() => undefined);
        if (!stat) throw new UsageError(`cannot read ${arg}: no such file`);
        const paths = stat.isDirectory() ? await capFilesUnder(absolute) : [absolute];
        for (const path of paths) {
            let text: string | undefined;
            try {
                text = await readModelFile(fs, path);
            } catch (err) {
                if (err instanceof ModelFileError)
                    throw new UsageError(`cannot read ${label(path, cwd)}: ${err.message}`);
                throw err;
            }
            if (text === undefined) throw new UsageError(`cannot read ${label(path, cwd)}: no such file`);
            sources.push({ path, label: label(path, cwd), text });
        }
    }
    return sources;
}

function label(path: string, cwd: string): string {
    return relative(cwd, path) || path;
}

async function readStdin(io: Io): Promise<string> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of io.stdin()) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks).toString('utf-8');
}
