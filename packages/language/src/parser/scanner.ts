/**
 * A scanner for Cap's tokens, written out by hand for the direct parser (direct-parser.ts). It
 * reads the text the way the lexer Langium builds from cap.langium does, token for token, and
 * gives up (returns undefined) on anything that lexer would report as an error or that this
 * scanner does not mirror exactly (whitespace outside ASCII). The caller then falls back to
 * Langium's lexer and parser, which report the error. test/language/direct-parser.test.ts holds
 * both to the same tokens.
 */

/** Token kinds: the terminals first, then one kind per keyword (see `keywordKinds`). */
export const ID = 0;
export const NUMBER = 1;
export const DATE = 2;
export const STRING = 3;
export const CURRENCY_SYMBOL = 4;
export const FIRST_KEYWORD = 5;

export const TERMINAL_NAMES = ['ID', 'NUMBER', 'DATE', 'STRING', 'CURRENCY_SYMBOL'];

/** A comment: the hidden tokens that the CST keeps. */
export interface Comment {
    name: 'SL_COMMENT' | 'ML_COMMENT';
    start: number;
    end: number;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

export interface Tokens {
    count: number;
    kind: Int32Array;
    start: Int32Array;
    end: Int32Array;
    /** Where each line starts: the first `lines` entries. */
    lineStarts: Int32Array;
    lines: number;
    comments: Comment[];
}

/**
 * Every token of `text`, or undefined where the lexer would not read it as this scanner does.
 * `keywords` maps each keyword to its kind (`FIRST_KEYWORD` and up).
 */
export function scan(text: string, keywords: Map<string, number>): Tokens | undefined {
    // Flat arrays of small integers: a token object each would be most of the garbage a parse makes.
    let capacity = (text.length >> 3) + 16;
    let kind = new Int32Array(capacity);
    let start = new Int32Array(capacity);
    let end = new Int32Array(capacity);
    let count = 0;
    let lineStarts = new Int32Array((text.length >> 5) + 16);
    const comments: Comment[] = [];
    const table = keywordTable(keywords);
    const length = text.length;
    let lineNo = 0;
    let lineStart = 0;
    let i = 0;
    const newLine = (at: number) => {
        lineNo++;
        lineStart = at;
        if (lineNo === lineStarts.length) {
            const more = new Int32Array(lineStarts.length * 2);
            more.set(lineStarts);
            lineStarts = more;
        }
        lineStarts[lineNo] = at;
    };

    const grow = (a: Int32Array) => {
        const b = new Int32Array(capacity);
        b.set(a);
        return b;
    };
    const push = (k: number, from: number, to: number) => {
        if (count === kind.length) {
            capacity *= 2;
            kind = grow(kind);
            start = grow(start);
            end = grow(end);
        }
        kind[count] = k;
        start[count] = from;
        end[count] = to;
        count++;
    };

    while (i < length) {
        const c = text.charCodeAt(i);
        // Whitespace, counting lines as the lexer does: \n, \r\n and a lone \r each end one.
        if (c === 32 || c === 9 || c === 11 || c === 12) {
            i++;
            continue;
        }
        if (c === 10 || c === 13) {
            i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
            newLine(i);
            continue;
        }
        if (isIdStart(c)) {
            let j = i + 1;
            while (j < length && isIdPart(text.charCodeAt(j))) j++;
            const keyword = lookup(table, text, i, j);
            push(keyword >= 0 ? keyword : ID, i, j);
            i = j;
            continue;
        }
        if (isDigit(c) || (c === 45 /* - */ && isDigit(text.charCodeAt(i + 1)))) {
            const date = c !== 45 ? dateEnd(text, i) : -1;
            if (date > 0) {
                push(DATE, i, date);
                i = date;
            } else {
                const j = numberEnd(text, c === 45 ? i + 1 : i);
                push(NUMBER, i, j);
                i = j;
            }
            continue;
        }
        if (c === 34 /* " */) {
            const j = stringEnd(text, i);
            if (j < 0) return undefined;
            push(STRING, i, j);
            i = j;
            continue;
        }
        if (c === 47 /* / */) {
            const next = text.charCodeAt(i + 1);
            if (next === 47) {
                let j = i + 2;
                while (j < length) {
                    const d = text.charCodeAt(j);
                    if (d === 10 || d === 13) break;
                    j++;
                }
                comments.push({ name: 'SL_COMMENT', start: i, end: j, line: lineNo, column: i - lineStart, endLine: lineNo, endColumn: j - lineStart });
                i = j;
                continue;
            }
            if (next === 42 /* * */) {
                const close = text.indexOf('*/', i + 2);
                if (close < 0) return undefined;
                const j = close + 2;
                const comment: Comment = { name: 'ML_COMMENT', start: i, end: j, line: lineNo, column: i - lineStart, endLine: 0, endColumn: 0 };
                for (let k = i + 2; k < close; k++) {
                    const d = text.charCodeAt(k);
                    if (d === 10 || d === 13) {
                        if (d === 13 && text.charCodeAt(k + 1) === 10) k++;
                        newLine(k + 1);
                    }
                }
                comment.endLine = lineNo;
                comment.endColumn = j - lineStart;
                comments.push(comment);
                i = j;
                continue;
            }
        }
        if (c === 36 /* $ */ || c === 0x20ac /* € */ || c === 0xa3 /* £ */) {
            push(CURRENCY_SYMBOL, i, i + 1);
            i++;
            continue;
        }
        // Punctuation: the two-character operators before their one-character prefixes.
        const two = i + 1 < length ? lookup(table, text, i, i + 2) : -1;
        if (two >= 0) {
            push(two, i, i + 2);
            i += 2;
            continue;
        }
        const one = lookup(table, text, i, i + 1);
        if (one < 0) return undefined;
        push(one, i, i + 1);
        i++;
    }
    return { count, kind, start, end, lineStarts, lines: lineNo + 1, comments };
}

/**
 * Keywords grouped by first character and length. The scanner looks every word and punctuation
 * mark up by its place in the text: a lookup by its text would cut a string out of the source for
 * each token, most of a parse's garbage after the tree itself.
 */
type KeywordTable = Map<number, Array<[string, number]>>;

const tables = new WeakMap<Map<string, number>, KeywordTable>();

function keywordTable(keywords: Map<string, number>): KeywordTable {
    let table = tables.get(keywords);
    if (!table) {
        table = new Map();
        for (const [word, kind] of keywords) {
            const key = shape(word.charCodeAt(0), word.length);
            const list = table.get(key);
            if (list) list.push([word, kind]);
            else table.set(key, [[word, kind]]);
        }
        tables.set(keywords, table);
    }
    return table;
}

function shape(first: number, length: number): number {
    return first * 64 + length;
}

/** The kind of the keyword that is exactly text[from, to), or -1. */
function lookup(table: KeywordTable, text: string, from: number, to: number): number {
    const length = to - from;
    if (length >= 64) return -1;
    const list = table.get(shape(text.charCodeAt(from), length));
    if (list === undefined) return -1;
    for (const [word, kind] of list) if (text.startsWith(word, from)) return kind;
    return -1;
}

function isIdStart(c: number): boolean {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isIdPart(c: number): boolean {
    return isIdStart(c) || isDigit(c);
}

function isDigit(c: number): boolean {
    return c >= 48 && c <= 57;
}

/** `[0-9]{4}-[0-9]{2}(?![0-9])` at `i`: the end of the date, or -1. */
function dateEnd(text: string, i: number): number {
    for (let k = 0; k < 4; k++) if (!isDigit(text.charCodeAt(i + k))) return -1;
    if (text.charCodeAt(i + 4) !== 45) return -1;
    if (!isDigit(text.charCodeAt(i + 5)) || !isDigit(text.charCodeAt(i + 6)) || isDigit(text.charCodeAt(i + 7))) return -1;
    return i + 7;
}

/** `[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?:[kM](?![A-Za-z0-9_]))?` from the first digit at `i`. */
function numberEnd(text: string, i: number): number {
    let j = i;
    while (isDigit(text.charCodeAt(j))) j++;
    while (text.charCodeAt(j) === 44 /* , */ && isDigit(text.charCodeAt(j + 1)) && isDigit(text.charCodeAt(j + 2)) && isDigit(text.charCodeAt(j + 3))) j += 4;
    if (text.charCodeAt(j) === 46 /* . */ && isDigit(text.charCodeAt(j + 1))) {
        j += 2;
        while (isDigit(text.charCodeAt(j))) j++;
    }
    const m = text.charCodeAt(j);
    if ((m === 107 /* k */ || m === 77 /* M */) && !isIdPart(text.charCodeAt(j + 1))) j++;
    return j;
}

/** `"(?:[^"\\\r\n]|\\.)*"` from the quote at `i`: the end of the string, or -1. */
function stringEnd(text: string, i: number): number {
    let j = i + 1;
    for (;;) {
        if (j >= text.length) return -1;
        const c = text.charCodeAt(j);
        if (c === 34) return j + 1;
        if (c === 10 || c === 13) return -1;
        if (c === 92 /* \ */) {
            const next = text.charCodeAt(j + 1);
            // `.` matches anything but a line terminator.
            if (Number.isNaN(next) || next === 10 || next === 13 || next === 0x2028 || next === 0x2029) return -1;
            j += 2;
            continue;
        }
        j++;
    }
}
