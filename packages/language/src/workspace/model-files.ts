import type { URI } from 'langium';
import { URI as Uri } from 'langium';

/**
 * The largest model file Cap reads: 10 MiB. The largest plan a team writes is a few hundred
 * kilobytes; a 1 GB file named `.cap` (a log, a dump, a mistake) would take the memory and the
 * minutes of everyone who opens the model, so it is refused with a diagnostic instead.
 */
export const MAX_MODEL_FILE_BYTES = 10 * 1024 * 1024;

/** A file that exists but cannot be a model; the message says why, in the user's words. */
export class ModelFileError extends Error {}

/** The parts of `node:fs/promises` that reading a model file uses. */
export interface ModelFs {
    stat(path: string): Promise<{ isFile(): boolean; size: number }>;
    open(
        path: string,
        flags: 'r',
    ): Promise<{
        read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
        close(): Promise<void>;
    }>;
    realpath(path: string): Promise<string>;
}

/**
 * Reads a model file from disk. Undefined when there is no such file; ModelFileError when the
 * file cannot be a model: a folder, a device or a pipe (reading `/dev/zero` never ends and a
 * pipe may block forever, so only regular files are opened), more than MAX_MODEL_FILE_BYTES
 * (never read past the limit, even if the file grows), binary (see isBinary), or not readable.
 */
export async function readModelFile(fs: ModelFs, path: string): Promise<string | undefined> {
    const bytes = await readFileBytes(fs, path, MAX_MODEL_FILE_BYTES, 'a model file');
    if (bytes === undefined) return undefined;
    if (isBinary(bytes)) throw new ModelFileError('a binary file, not a text file');
    // Like `readFile(path, 'utf-8')`: invalid sequences become U+FFFD (the lexer then points at them), a BOM is kept.
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/**
 * The bytes of a regular file of at most `limit` bytes, by the same rules as a model file: what a
 * model reads of a data file (spec section 14) is read like an import, with a limit of its own.
 */
export async function readFileBytes(
    fs: ModelFs,
    path: string,
    limit: number,
    what: string,
): Promise<Uint8Array | undefined> {
    let size: number;
    try {
        const stat = await fs.stat(path);
        if (!stat.isFile()) throw new ModelFileError('not a file');
        size = stat.size;
    } catch (err) {
        if (err instanceof ModelFileError) throw err;
        return failure(err);
    }
    if (size > limit) throw tooLarge(limit, what, size);
    let handle: Awaited<ReturnType<ModelFs['open']>>;
    try {
        handle = await fs.open(path, 'r');
    } catch (err) {
        return failure(err);
    }
    // Never read past the limit, even when the file grows between stat and read.
    let buffer = new Uint8Array(Math.min(size, limit) + 1);
    let length = 0;
    try {
        for (;;) {
            if (length === buffer.length) {
                if (length > limit) throw tooLarge(limit, what);
                const grown = new Uint8Array(Math.min(buffer.length * 2, limit + 1));
                grown.set(buffer);
                buffer = grown;
            }
            const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
            if (bytesRead === 0) break;
            length += bytesRead;
        }
    } finally {
        await handle.close().catch(() => undefined);
    }
    return buffer.subarray(0, length);
}

/** The path a file is read from, with symbolic links resolved; undefined when there is no such file. */
export async function realModelPath(fs: ModelFs, uri: URI): Promise<URI | undefined> {
    try {
        return Uri.file(await fs.realpath(uri.fsPath));
    } catch {
        return undefined;
    }
}

function tooLarge(limit: number, what: string, bytes?: number): ModelFileError {
    const mb = (n: number) => `${Math.round(n / 1024 / 102.4) / 10} MB`;
    return new ModelFileError(
        `too large: ${bytes === undefined ? `more than ${mb(limit)}` : mb(bytes)} (${what} is at most ${mb(limit)})`,
    );
}

function failure(err: unknown): undefined {
    const code = (err as { code?: string }).code;
    if (code === 'EACCES' || code === 'EPERM') throw new ModelFileError('permission denied');
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'ENAMETOOLONG') return undefined;
    throw new ModelFileError(code ?? String(err));
}

/** A Langium file system provider that also knows real paths (the node one `cap lsp` runs with). */
export interface RealPathProvider {
    realPath(uri: URI): Promise<URI | undefined>;
}

export function hasRealPath(provider: object): provider is RealPathProvider {
    return typeof (provider as Partial<RealPathProvider>).realPath === 'function';
}

/**
 * A file with NUL bytes is binary (an image, an archive, UTF-16 text) unless the rest of it is
 * UTF-8 and NULs are at most one byte in a hundred (a single NUL always): then it is a text with a
 * stray character, which the lexer reports at its line and column (docs/language.md, 29b).
 */
export function isBinary(bytes: Uint8Array): boolean {
    let nuls = 0;
    for (let i = bytes.indexOf(0); i >= 0; i = bytes.indexOf(0, i + 1)) nuls++;
    if (nuls === 0) return false;
    if (nuls > 1 && nuls * 100 > bytes.length) return true;
    try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return false;
    } catch {
        return true;
    }
}
