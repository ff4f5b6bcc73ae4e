import type { URI } from 'langium';
import type { CsvSyntaxError } from '../data/csv.js';
import { readCsvHeader } from '../data/csv.js';
import type { ColumnSelection, DataTable } from '../data/table.js';
import { readDataTable } from '../data/table.js';
import type { TimeLog, TimeLogSelection } from '../data/time-log.js';
import { readTimeLog } from '../data/time-log.js';
import { readKeyTiers } from '../data/key-tiers.js';
import { ModelFileError } from './model-files.js';

/**
 * The largest data file Cap reads: 512 MB. A CRM export of a few hundred thousand accounts with
 * a few dozen columns is a few hundred megabytes; Cap keeps its bytes while a model reads it and
 * needs about three times its size while reading it.
 */
export const MAX_DATA_FILE_BYTES = 512 * 1024 * 1024;

/** A data file's bytes: undefined when there is none; ModelFileError when it cannot be data (a folder, too large). */
export type ReadDataFile = (uri: URI) => Promise<Uint8Array | undefined>;

/** A data file as read: its bytes and their sha256, or why there is none. */
export type DataFileState =
    | { kind: 'loaded'; bytes: Uint8Array; sha256: string }
    | { kind: 'missing' }
    | { kind: 'unreadable'; reason: string };

/** How many files read for a selection of columns are kept, across the workspace. */
const KEPT_TABLES = 16;

/**
 * The data files of every model in the workspace (spec section 14), read once and kept until they
 * change: a keystroke in a `.cap` file never reads or parses a CSV again. Files are read before a
 * build's validation (reading is asynchronous, evaluation is not) by the CLI loader and by the
 * server's builder; the text of a file open in an editor wins over the disk. What a block reads of
 * a file (its header, its rows grouped for the selected columns) is kept by the file's content,
 * so a file saved again unchanged is not read again for a model.
 */
export class DataFiles {
    private readonly files = new Map<string, DataFileState>();
    private readonly editorTexts = new Map<string, string>();
    /** By sha256, separator and columns; the most recently used last. */
    private readonly tables = new Map<string, DataTable>();
    private readonly headers = new Map<string, { names: string[] } | CsvSyntaxError | undefined>();
    /** Time logs (§15) and the tier cell of each account key of a data file, by sha256 and columns. */
    private readonly logs = new Map<string, TimeLog>();
    private readonly keyTierMaps = new Map<string, Map<string, string>>();
    /** The sha256 of each file's content as last read. */
    private readonly contents = new Map<string, string>();
    /** Files being read; true once the file changed during the read, which is then not kept. */
    private readonly reading = new Map<string, boolean>();

    /** The file as last read, or undefined when it has not been read since it changed. */
    state(uri: URI): DataFileState | undefined {
        return this.files.get(uri.toString());
    }

    /** Reads a file unless it is already read: the text of an editor holding it, else `read`. */
    async load(uri: URI, read: ReadDataFile): Promise<DataFileState> {
        const key = uri.toString();
        const known = this.files.get(key);
        if (known) return known;
        let state: DataFileState;
        const text = this.editorTexts.get(key);
        this.reading.set(key, false);
        let changedMeanwhile = false;
        try {
            const bytes = text !== undefined ? new TextEncoder().encode(text) : await read(uri);
            state =
                bytes === undefined
                    ? { kind: 'missing' }
                    : (checked(bytes) ?? { kind: 'loaded', bytes, sha256: await sha256(bytes) });
        } catch (err) {
            if (!(err instanceof ModelFileError)) throw err;
            state = { kind: 'unreadable', reason: err.message };
        } finally {
            changedMeanwhile = this.reading.get(key) === true;
            this.reading.delete(key);
        }
        // A change while it was read, in an editor or on disk: the next build reads the newer content.
        if (this.editorTexts.get(key) === text && !changedMeanwhile) {
            this.files.set(key, state);
            this.forgetContent(key, state.kind === 'loaded' ? state.sha256 : undefined);
        }
        return state;
    }

    /**
     * What was read of a file's previous content is dropped once the file has other content: it
     * holds that content's bytes. A file saved again unchanged keeps it.
     */
    private forgetContent(key: string, sha: string | undefined): void {
        const previous = this.contents.get(key);
        if (sha === undefined) this.contents.delete(key);
        else this.contents.set(key, sha);
        if (previous === undefined || previous === sha || [...this.contents.values()].includes(previous)) return;
        for (const cache of [this.tables, this.headers, this.logs, this.keyTierMaps] as Map<string, unknown>[]) {
            for (const k of [...cache.keys()]) if (k.startsWith(previous)) cache.delete(k);
        }
    }

    /** The file changed on disk or in an editor: it is read again when a build next needs it. */
    changed(uri: URI): void {
        const key = uri.toString();
        this.files.delete(key);
        if (this.reading.has(key)) this.reading.set(key, true);
    }

    /** An editor holds the file with this text (undefined: closed, the disk counts again). */
    setEditorText(uri: URI, text: string | undefined): void {
        const key = uri.toString();
        if (text === undefined) this.editorTexts.delete(key);
        else this.editorTexts.set(key, text);
        this.files.delete(key);
    }

    /** Whether a file is known to the workspace: read for a model (or being read), or open in an editor. */
    isDataFile(uri: URI): boolean {
        const key = uri.toString();
        return this.files.has(key) || this.reading.has(key) || this.editorTexts.has(key);
    }

    /** The header's cells of a loaded file, a syntax error in it, or undefined for an empty file. */
    header(
        file: { bytes: Uint8Array; sha256: string },
        separator: string,
    ): { names: string[] } | CsvSyntaxError | undefined {
        const key = `${file.sha256}\u0000${separator}`;
        if (!this.headers.has(key)) {
            if (this.headers.size >= KEPT_TABLES) this.headers.delete(this.headers.keys().next().value!);
            this.headers.set(key, readCsvHeader(file.bytes, separator));
        }
        return this.headers.get(key);
    }

    /** A loaded file's rows for a selection of columns, read once per content and selection. */
    table(file: { bytes: Uint8Array; sha256: string }, selection: ColumnSelection, header: string[]): DataTable {
        const key = [
            file.sha256,
            selection.separator,
            selection.tier,
            selection.revenue,
            selection.key,
            ...selection.owners,
        ].join('\u0000');
        let table = this.tables.get(key);
        if (table === undefined) {
            table = readDataTable(file.bytes, selection, header);
            if (this.tables.size >= KEPT_TABLES) this.tables.delete(this.tables.keys().next().value!);
        } else {
            this.tables.delete(key);
        }
        this.tables.set(key, table);
        return table;
    }

    /** A loaded time log's groups for a selection of columns (§15), read once per content and selection. */
    timeLog(file: { bytes: Uint8Array; sha256: string }, selection: TimeLogSelection, header: string[]): TimeLog {
        const { separator, date, agent, hours, minutes, service, account, tier } = selection;
        const key = [file.sha256, separator, date, agent, hours, minutes, service, account, tier].join('\u0000');
        return kept(this.logs, key, () => readTimeLog(file.bytes, selection, header));
    }

    /** Each key of a data file with its row's tier cell (trimmed), for a time log's `account … in D`. */
    keyTiers(file: { bytes: Uint8Array; sha256: string }, separator: string, key: number, tier: number) {
        const id = [file.sha256, separator, key, tier].join('\u0000');
        return kept(this.keyTierMaps, id, () => readKeyTiers(file.bytes, separator, key, tier));
    }
}

/** A cache entry, made when missing; the most recently used last, at most KEPT_TABLES. */
function kept<T>(cache: Map<string, T>, key: string, make: () => T): T {
    let value = cache.get(key);
    if (value === undefined) {
        value = make();
        if (cache.size >= KEPT_TABLES) cache.delete(cache.keys().next().value!);
    } else {
        cache.delete(key);
    }
    cache.set(key, value);
    return value;
}

/** Why bytes cannot be a data file, or undefined. */
function checked(bytes: Uint8Array): DataFileState | undefined {
    if (bytes.length > MAX_DATA_FILE_BYTES)
        return {
            kind: 'unreadable',
            reason: `too large: ${megabytes(bytes.length)} (a data file is at most ${megabytes(MAX_DATA_FILE_BYTES)})`,
        };
    if (bytes.indexOf(0) >= 0)
        return {
            kind: 'unreadable',
            reason: 'a binary file, not a CSV export (it holds NUL bytes): export the data as CSV',
        };
    return undefined;
}

export function megabytes(n: number): string {
    return `${Math.round(n / 1024 / 102.4) / 10} MB`;
}

/**
 * The sha256 of bytes in hexadecimal. On Node, by node:crypto, which hashes a large export several
 * times faster than Web Crypto there (Web Crypto copies the bytes and hashes them on another
 * thread); in a browser or a Web Worker, by Web Crypto. `process.getBuiltinModule` is how code
 * that is also bundled for the browser reaches a Node module without importing it.
 */
export async function sha256(bytes: Uint8Array): Promise<string> {
    if (nodeCrypto !== undefined) return nodeCrypto.createHash('sha256').update(bytes).digest('hex');
    const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
    let hex = '';
    for (const b of digest) hex += b.toString(16).padStart(2, '0');
    return hex;
}

interface NodeCrypto {
    createHash(algorithm: 'sha256'): { update(bytes: Uint8Array): { digest(encoding: 'hex'): string } };
}

const nodeCrypto = (
    globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
