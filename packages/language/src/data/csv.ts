import { CsvError, parse } from 'csv-parse/sync';
import type { InfoRecord } from 'csv-parse/sync';

/**
 * CSV as spec section 14 reads it (RFC 4180: a header row, fields separated by one character,
 * quoted with `"`, LF or CRLF line ends, UTF-8 with an optional byte-order mark), read by
 * csv-parse of the node-csv project. The file is read as bytes, record by record, and never
 * held as one string; a record is handed over with where its bytes start and end, so that a
 * cell can be located (line and column) when it needs a diagnostic, which is rare, instead of
 * for every cell.
 */

/** 0-based line and character (UTF-16 code units, as editors count them) and the length of a cell or row. */
export interface CsvLocation {
    line: number;
    character: number;
    length: number;
}

export interface CsvSyntaxError {
    message: string;
    at: CsvLocation;
}

/** A row longer than this is refused: a quote left open would otherwise swallow the rest of the file. */
export const MAX_CSV_RECORD_BYTES = 1024 * 1024;

const RECORD_DELIMITERS = ['\r\n', '\n'];

/**
 * Calls `onRecord` with each record's fields (the header is record 0), the byte offsets where the
 * record starts and ends (its line end included), in order. Returns the first syntax error, after
 * which nothing more is read.
 */
export function readCsvRecords(
    bytes: Uint8Array,
    separator: string,
    onRecord: (fields: string[], index: number, start: number, end: number) => void,
    limit = -1,
): CsvSyntaxError | undefined {
    let start = 0;
    let index = 0;
    try {
        parse(input(bytes), {
            delimiter: separator,
            record_delimiter: RECORD_DELIMITERS,
            bom: true,
            relax_column_count: true,
            max_record_size: MAX_CSV_RECORD_BYTES,
            to: limit,
            on_record: (fields: string[], context: InfoRecord) => {
                const end = context.bytes;
                onRecord(fields, index++, start, end);
                start = end;
                return null; // nothing is collected: the caller keeps what it needs
            },
        });
    } catch (err) {
        if (!isCsvError(err)) throw err;
        return { message: syntaxMessage(err, index), at: rowAt(bytes, start) };
    }
    return undefined;
}

/** The header's cells, or undefined for a file with no row at all. */
export function readCsvHeader(bytes: Uint8Array, separator: string): { names: string[] } | CsvSyntaxError | undefined {
    let names: string[] | undefined;
    const error = readCsvRecords(bytes, separator, fields => (names = fields), 1);
    return error ?? (names === undefined ? undefined : { names });
}

/**
 * What csv-parse reads: the bytes themselves on Node. Its browser build (the web extension's server
 * runs in a Web Worker, without Node's Buffer) reads only its own Buffer, which it makes from a
 * string: there the file is decoded first, its byte-order mark kept so that offsets stay the same.
 */
function input(bytes: Uint8Array): Uint8Array | string {
    return (globalThis as { Buffer?: unknown }).Buffer === undefined ? withBom.decode(bytes) : bytes;
}

const withBom = new TextDecoder('utf-8', { ignoreBOM: true });

function isCsvError(err: unknown): err is CsvError {
    return err instanceof CsvError;
}

/** What went wrong, in the words of someone who exported the file from a CRM. */
function syntaxMessage(err: CsvError, record: number): string {
    const row = record === 0 ? 'The header row' : 'This row';
    switch (err.code) {
        case 'CSV_QUOTE_NOT_CLOSED':
            return (
                `${row} opens a quoted field that is never closed: a \`"\` is missing, ` +
                'so the rest of the file would be one field'
            );
        case 'INVALID_OPENING_QUOTE':
            return (
                `${row} has a \`"\` inside a field that is not quoted: ` +
                'quote the whole field and double the quote (`"12"" screen"`)'
            );
        case 'CSV_INVALID_CLOSING_QUOTE':
        case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
            return (
                `${row} has text right after a closing \`"\`: ` +
                'a quoted field ends at its separator or at the end of the row'
            );
        case 'CSV_MAX_RECORD_SIZE':
            return (
                `${row} is longer than ${MAX_CSV_RECORD_BYTES / 1024 / 1024} MB: ` +
                'a `"` is probably missing or extra'
            );
        default:
            return `${row} cannot be read as CSV: ${err.message}`;
    }
}

/** A whole row, from its start, for a diagnostic about the row rather than one of its cells. */
function rowAt(bytes: Uint8Array, start: number): CsvLocation {
    const lines = new LineCounter(bytes);
    const line = lines.lineAt(start);
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    const text = decode(bytes.subarray(start, end)).replace(/\r$/, '');
    return { line, character: 0, length: text.length };
}

/**
 * Finds lines and cells of one file from byte offsets of its records. Offsets are asked in
 * increasing order while a file is read, so the line count moves forward through the file once.
 */
export class CellLocator {
    private readonly lines: LineCounter;

    constructor(
        private readonly bytes: Uint8Array,
        private readonly separator: string,
    ) {
        this.lines = new LineCounter(bytes);
    }

    /** A record's row, for a diagnostic about the whole row. */
    row(start: number, end: number): CsvLocation {
        const text = this.recordText(start, end);
        return {
            line: this.lines.lineAt(start),
            character: 0,
            length: text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'),
        };
    }

    /**
     * Where field `field` of the record between `start` and `end` is: the record is read again by
     * the library to learn which fields are quoted, and each field's width follows from its value
     * (a quoted field is its value with its quotes doubled, between two quotes). A field the row
     * lacks is located at the row's end.
     */
    cell(start: number, end: number, field: number): CsvLocation {
        const text = this.recordText(start, end);
        const fields: { value: string; quoted: boolean }[] = [];
        try {
            parse(text, {
                delimiter: this.separator,
                record_delimiter: RECORD_DELIMITERS,
                relax_column_count: true,
                to: 1,
                cast: (value: string, context: { quoting: boolean }) => {
                    fields.push({ value, quoted: context.quoting });
                    return value;
                },
            });
        } catch {
            return this.row(start, end);
        }
        const width = (f: { value: string; quoted: boolean }) =>
            f.quoted ? f.value.length + 2 + (f.value.split('"').length - 1) : f.value.length;
        let offset = 0;
        for (let k = 0; k < Math.min(field, fields.length); k++) offset += width(fields[k]) + this.separator.length;
        if (field >= fields.length) offset = Math.max(0, offset - this.separator.length);
        const length = field < fields.length ? width(fields[field]) : 0;
        const before = text.slice(0, offset);
        const breaks = before.split('\n').length - 1;
        return {
            line: this.lines.lineAt(start) + breaks,
            character: offset - (before.lastIndexOf('\n') + 1),
            length,
        };
    }

    /** The record's text without its line end, and without the byte-order mark editors do not show. */
    private recordText(start: number, end: number): string {
        let text = decode(this.bytes.subarray(start, end));
        if (start === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        return text.replace(/\r?\n$/, '');
    }
}

/** The 0-based line of a byte offset: counts line feeds, moving forward from the last offset asked. */
class LineCounter {
    private offset = 0;
    private line = 0;

    constructor(private readonly bytes: Uint8Array) {}

    lineAt(offset: number): number {
        if (offset < this.offset) {
            this.offset = 0;
            this.line = 0;
        }
        for (;;) {
            const next = this.bytes.indexOf(10, this.offset);
            if (next < 0 || next >= offset) break;
            this.line++;
            this.offset = next + 1;
        }
        return this.line;
    }
}

const decoder = new TextDecoder('utf-8');

function decode(bytes: Uint8Array): string {
    return decoder.decode(bytes);
}
