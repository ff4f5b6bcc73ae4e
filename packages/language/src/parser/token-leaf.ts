import type { CompositeCstNode, GrammarAST, LeafCstNode } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { LeafCstNodeImpl } from 'langium';

/** Chevrotain's token type, as Langium's token builder returns it. */
export type TokenType = ConstructorParameters<typeof LeafCstNodeImpl>[6];

/**
 * The leaf of a token the direct parser read: a Langium leaf (its prototype is
 * `LeafCstNodeImpl`'s, so `instanceof`, `offset`, `text` and the rest are Langium's) that keeps
 * five fields instead of ten. Its line and column come from the line table of the text it
 * belongs to, when asked for.
 *
 * Why: a syntax tree lives as long as its document, and V8 copies every node of a new one out of
 * the young generation. Four numbers of position per token made a leaf 104 bytes, 2.6 of the
 * 8 MB a 7,000-line plan holds; without them it is 64. Ranges are read for a screenful of hints,
 * a hover or the diagnostics of a build, a bisection in the line table each, and an edit that
 * reparses one block (incremental-parse.ts) moves its later leaves by offset alone.
 */
export class TokenLeaf {
    constructor(
        public container: CompositeCstNode,
        public grammarSource: GrammarAST.AbstractElement,
        public _offset: number,
        public _length: number,
        public _tokenType: TokenType,
    ) {}

    get range(): Range {
        const starts = lineStarts(this);
        const offset = this._offset;
        // The last line that starts at or before the token: tokens never span lines.
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= offset) lo = mid;
            else hi = mid - 1;
        }
        const character = offset - starts[lo];
        return { start: { line: lo, character }, end: { line: lo, character: character + this._length } };
    }
}

// Typed as a Langium leaf; `hidden` reads `_hidden`, false for every token the parser reads.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface TokenLeaf extends LeafCstNode {}
Object.setPrototypeOf(TokenLeaf.prototype, LeafCstNodeImpl.prototype);
Object.defineProperty(TokenLeaf.prototype, '_hidden', { value: false, writable: true });

/** Where each line of a text starts: lines end at \n, \r\n and a lone \r, as the lexer counts them. */
export function lineStartsOf(text: string): Int32Array {
    let count = 1;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
    }
    const starts = new Int32Array(count);
    let n = 1;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts[n++] = i + 1;
    }
    return starts;
}

/**
 * The line table of a text after an edit replaced old [start, oldEnd) with new [start, newEnd),
 * from the table before it: counting the whole text again took 13 ms on a 70,000-line plan, on
 * every keystroke that then asked for a range. A line start is decided by the two characters
 * around it, so the starts next to the edit are counted again in the new text.
 */
export function editLineStarts(starts: Int32Array, text: string, start: number, oldEnd: number, newEnd: number): Int32Array {
    const keep = Math.max(start - 1, 0);
    const head = firstAfter(starts, keep);
    const tail = firstAfter(starts, oldEnd + 1);
    const middle: number[] = [];
    for (let i = Math.max(start - 1, 0); i <= newEnd && i < text.length; i++) {
        const c = text.charCodeAt(i);
        if ((c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) && i + 1 > keep) middle.push(i + 1);
    }
    const out = new Int32Array(head + middle.length + starts.length - tail);
    out.set(starts.subarray(0, head));
    out.set(middle, head);
    const delta = newEnd - oldEnd;
    for (let k = tail, j = head + middle.length; k < starts.length; k++, j++) out[j] = starts[k] + delta;
    return out;
}

/** The index of the first entry above `offset` in ascending `starts`. */
function firstAfter(starts: Int32Array, offset: number): number {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] <= offset) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/**
 * Gives a root whose text an edit changed the line table of its new text, when it has the old
 * text's: otherwise the first range asked for counts it.
 */
export function moveLineStarts(root: object, oldText: string, newText: string, start: number, oldEnd: number, newEnd: number): void {
    const lines = (root as Root).capLines;
    if (lines === undefined || lines.text !== oldText) return;
    (root as Root).capLines = { text: newText, starts: editLineStarts(lines.starts, newText, start, oldEnd, newEnd) };
}

/** A root's line table and the text it was made from (an edit gives the root a new text). */
interface Lines {
    text: string;
    starts: Int32Array;
}

type Root = { container?: unknown; fullText?: string; capLines?: Lines };

/** Gives a root the line table of its text, which the scanner counted as it read. */
export function setLineStarts(root: object, text: string, starts: Int32Array): void {
    (root as Root).capLines = { text, starts };
}

const NO_LINES = new Int32Array(1);

function lineStarts(leaf: TokenLeaf): Int32Array {
    let node = leaf as unknown as Root;
    while (node.container) node = node.container as Root;
    const text = node.fullText;
    // A leaf taken out of its tree has no text to count in: its offset is its column.
    if (text === undefined) return NO_LINES;
    let lines = node.capLines;
    if (lines === undefined || lines.text !== text) node.capLines = lines = { text, starts: lineStartsOf(text) };
    return lines.starts;
}
