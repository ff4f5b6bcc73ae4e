import type { AstNode, CstNode, LangiumDocument, LeafCstNode } from 'langium';
import { CstUtils, isLeafCstNode } from 'langium';
// Types only: the class below has the shape of Langium's LSP formatter, checked by the compiler,
// while this package keeps no runtime dependency on Langium's LSP layer.
import type { Formatter } from 'langium/lsp';
import type { DocumentFormattingParams, DocumentRangeFormattingParams } from 'vscode-languageserver';
import type { Range, TextEdit } from 'vscode-languageserver-types';

/**
 * The canonical Cap layout (docs/language.md, "Formatting").
 *
 * The formatter works on the document's tokens, comments included, and only ever rewrites the
 * whitespace between them: every token is printed exactly as written, in the same order, so a
 * formatted file reads to the same model by construction. The only text it changes inside a token
 * is trailing whitespace (and CRLF) inside comments. Which whitespace goes between two tokens is
 * decided by the syntax node a token starts (a declaration or a property starts a line) and by a
 * few token pairs (`$` + number, number + `h`, `%`, `,` and `.` are glued).
 *
 * It needs nothing but the parsed document, so the CLI can use it on core services and the
 * language server can call it as its formatting provider (`CapFormatter`).
 */

export interface CapFormattingOptions {
    /** Columns per indentation level, and the width of a tab when measuring comment columns. */
    tabSize: number;
    /** Indent with spaces (true) or with one tab per level (false). */
    insertSpaces: boolean;
}

/** What `cap fmt` uses, and what the examples are written in. */
export const DEFAULT_FORMATTING_OPTIONS: CapFormattingOptions = { tabSize: 2, insertSpaces: true };

/**
 * The canonical text of a Cap document, or `undefined` when the document has lexing or parsing
 * errors: a broken file is never formatted, since the parser's recovery could make the formatter
 * move text across what the author meant as a boundary.
 */
export function formatCap(document: LangiumDocument, options: Partial<CapFormattingOptions> = {}): string | undefined {
    const layout = layoutDocument(document, options);
    return layout?.pieces.map(p => p.text).join('');
}

/** True when the document is already in the canonical layout (false when it cannot be formatted). */
export function isFormatted(document: LangiumDocument, options: Partial<CapFormattingOptions> = {}): boolean {
    const formatted = formatCap(document, options);
    return formatted !== undefined && formatted === document.textDocument.getText();
}

/**
 * The edits that turn the document into its canonical layout: one edit per run of changed
 * whitespace (or comment), none when it is already formatted or cannot be formatted. Edits never
 * overlap or touch and are in document order, as LSP `textDocument/formatting` requires.
 */
export function formatDocument(document: LangiumDocument, options: Partial<CapFormattingOptions> = {}): TextEdit[] {
    const layout = layoutDocument(document, options);
    return layout ? toEdits(document, layout.pieces) : [];
}

/**
 * `formatDocument` restricted to the edits that touch `range`. The layout is always computed for
 * the whole document, so a formatted range is indented exactly as the whole file would be.
 */
export function formatDocumentRange(
    document: LangiumDocument,
    range: Range,
    options: Partial<CapFormattingOptions> = {},
): TextEdit[] {
    const layout = layoutDocument(document, options);
    if (!layout) return [];
    const start = document.textDocument.offsetAt(range.start);
    const end = document.textDocument.offsetAt(range.end);
    return toEdits(
        document,
        layout.pieces.filter(p => p.end >= start && p.start <= end),
    );
}

/**
 * The shape of Langium's LSP `Formatter` service, so that the language server can register it
 * (`lsp: { Formatter: () => new CapFormatter() }`) without this package depending on Langium's
 * LSP layer. Refused documents (syntax errors) get no edits.
 *
 * The editor's tab size is deliberately not followed: Cap has one canonical layout, the one
 * `cap fmt --check` enforces in CI, so formatting in an editor set to 4 spaces must not produce a
 * file that CI then calls unformatted.
 */
export class CapFormatter implements Formatter {
    formatDocument(document: LangiumDocument, _params: DocumentFormattingParams): TextEdit[] {
        return formatDocument(document);
    }

    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): TextEdit[] {
        return formatDocumentRange(document, params.range);
    }

    /** Formatting as you type would re-layout half-written lines; Cap formats on request only. */
    formatDocumentOnType(): TextEdit[] {
        return [];
    }

    get formatOnTypeOptions(): undefined {
        return undefined;
    }
}

// ---------------------------------------------------------------------------------------------

/** A stretch of the original text [start, end) and what it becomes. */
interface Piece {
    start: number;
    end: number;
    text: string;
}

interface Item {
    start: number;
    end: number;
    /** As written. */
    source: string;
    kind: 'code' | 'line-comment' | 'block-comment';
    leaf: LeafCstNode;
}

interface Block {
    /** Written over several lines, or too wide for one. */
    multiline: boolean;
    empty: boolean;
    /** Depth of the statement that opened the block, restored at its `}`. */
    statementDepth: number;
}

/** Nodes that begin on a line of their own (or after two spaces, inside a one-line block). */
const LINE_NODES = new Set([
    'Import',
    'ModelDecl',
    'Role',
    'Service',
    'Tier',
    'Agent',
    'Scenario',
    'Assertion',
    'OverheadItem',
    'MeasureProperty',
    'OverheadProperty',
    'RoleProperty',
    'EffortProperty',
    'PriceProperty',
    'TouchProperty',
    'ServicesProperty',
    'TiersProperty',
    'DateProperty',
    'CurrencyProperty',
    'PeriodProperty',
    'NewProperty',
    'IntakeEntry',
    'Data',
    'FileProperty',
    'KeyColumn',
    'TierColumn',
    'TierPair',
    'RevenueColumn',
    'OwnerColumn',
    'SeparatorProperty',
    'Actuals',
    'DateColumn',
    'AgentColumn',
    'HoursColumn',
    'ServiceColumn',
    'ServicePair',
    'AccountColumn',
    'WindowProperty',
    'ToleranceProperty',
]);

/**
 * A block written on one line stays on one line unless that line would be wider than this (the
 * width of the examples' rulers); comments after the block do not count.
 */
export const MAX_ONE_LINE_WIDTH = 100;

/**
 * Hour units read as part of their number (`160h`, `30min`); every other unit word is spaced (`3 months`,
 * `8,000 EUR`).
 */
const GLUED_UNITS = new Set(['h', 'hr', 'hrs', 'min', 'mins']);

const LINE_BREAK = /\r\n?|\n/g;

function layoutDocument(
    document: LangiumDocument,
    options: Partial<CapFormattingOptions>,
): { pieces: Piece[] } | undefined {
    const { lexerErrors, parserErrors, value } = document.parseResult;
    if (lexerErrors.length > 0 || parserErrors.length > 0) return undefined;
    const text = document.textDocument.getText();
    const items = collectItems(text, value);
    if (!items) return undefined;
    const tabSize =
        options.tabSize !== undefined && options.tabSize > 0
            ? Math.floor(options.tabSize)
            : DEFAULT_FORMATTING_OPTIONS.tabSize;
    const insertSpaces = options.insertSpaces ?? DEFAULT_FORMATTING_OPTIONS.insertSpaces;
    return { pieces: new Printer(text, items, { tabSize, insertSpaces }).print() };
}

/**
 * Every token and comment in document order. `undefined` if the text between two of them is not
 * pure whitespace, which would mean the CST missed something: better not to format than to drop it.
 */
function collectItems(text: string, root: AstNode): Item[] | undefined {
    const items: Item[] = [];
    if (root.$cstNode) {
        for (const node of CstUtils.streamCst(root.$cstNode)) {
            if (!isLeafCstNode(node) || node.length === 0) continue;
            const type = node.tokenType?.name;
            const kind =
                type === 'SL_COMMENT'
                    ? 'line-comment'
                    : type === 'ML_COMMENT'
                      ? 'block-comment'
                      : node.hidden
                        ? undefined
                        : 'code';
            if (kind)
                items.push({
                    start: node.offset,
                    end: node.end,
                    source: text.slice(node.offset, node.end),
                    kind,
                    leaf: node,
                });
        }
    }
    items.sort((a, b) => a.start - b.start);
    let at = 0;
    for (const item of items) {
        if (item.start < at || !/^\s*$/.test(text.slice(at, item.start))) return undefined;
        at = item.end;
    }
    return /^\s*$/.test(text.slice(at)) ? items : undefined;
}

class Printer {
    private readonly blockAt = new Map<number, Block>();
    /** For each item, the index of the next code token (items.length if none). */
    private readonly nextCode: number[] = [];
    private pieces: Piece[] = [];
    /** The output line being written, to measure columns. */
    private line = '';
    /** Whether the item that starts the current output line also started its line in the original. */
    private lineHeadWasLineHead = true;
    private depth = 0;
    private statementDepth = 0;
    private blocks: Block[] = [];
    /** The last comment that trails code (or continues such a comment): its column before and after. */
    private trailing: { item: number; sourceColumn: number; column: number } | undefined;
    /** Whether the current output line holds code (or only comments so far). */
    private lineHasCode = false;
    /** A one-line block turned out too wide: it is laid out again over several lines. */
    private widened = false;

    constructor(
        private readonly text: string,
        private readonly items: Item[],
        private readonly options: CapFormattingOptions,
    ) {
        this.matchBraces();
        let next = items.length;
        for (let i = items.length - 1; i >= 0; i--) {
            this.nextCode[i] = next;
            if (items[i].kind === 'code') next = i;
        }
    }

    /**
     * Lays the document out, again if a one-line block came out too wide: each pass can only
     * widen blocks one level deeper (the outermost too-wide block on a line), so passes are few.
     */
    print(): Piece[] {
        do {
            this.pieces = [];
            this.line = '';
            this.lineHeadWasLineHead = true;
            this.depth = 0;
            this.statementDepth = 0;
            this.blocks = [];
            this.trailing = undefined;
            this.lineHasCode = false;
            this.widened = false;
            this.pass();
        } while (this.widened);
        return this.pieces;
    }

    private pass(): void {
        let previousEnd = 0;
        let previousCode: Item | undefined;
        this.items.forEach((item, i) => {
            const gap = i === 0 ? '' : item.kind === 'code' ? this.beforeCode(i, previousCode) : this.beforeComment(i);
            const body = normaliseComment(item);
            this.pieces.push({ start: previousEnd, end: item.start, text: gap });
            this.pieces.push({ start: item.start, end: item.end, text: body });
            this.write(gap, body);
            if (gap.includes('\n')) this.lineHasCode = false;
            if (item.kind === 'code') this.lineHasCode = true;
            previousEnd = item.end;
            if (item.kind === 'code') {
                previousCode = item;
                if (item.source === '{' && isKeyword(item)) this.open(i);
            } else if (!this.trailing || this.trailing.item !== i) {
                this.trailing = undefined;
            }
        });
        this.pieces.push({ start: previousEnd, end: this.text.length, text: this.items.length > 0 ? '\n' : '' });
    }

    // --- code tokens ---------------------------------------------------------------------------

    private beforeCode(i: number, previousCode: Item | undefined): string {
        const item = this.items[i];
        const previous = this.items[i - 1];
        if (this.startsLine(item)) {
            this.statementDepth = this.depth;
            const block = this.blocks.at(-1);
            // `/* note */ role X {`: a comment that opens the line keeps what followed it.
            if (
                previous.kind === 'block-comment' &&
                !this.lineHasCode &&
                countBreaks(this.text.slice(previous.end, item.start)) === 0
            )
                return ' ';
            if (!block || block.multiline || previous.kind === 'line-comment') return this.newline(i, this.depth, true);
            return previousCode?.source === '{' ? ' ' : '  ';
        }
        if (item.source === '}' && isKeyword(item)) {
            const block = this.blocks.pop()!;
            this.depth--;
            this.statementDepth = block.statementDepth;
            if (block.empty) return '';
            if (block.multiline || previous.kind === 'line-comment') return this.newline(i, this.depth, false);
            const parent = this.blocks.at(-1);
            if ((!parent || parent.multiline) && this.width(this.line) + 2 > MAX_ONE_LINE_WIDTH) {
                block.multiline = true;
                this.widened = true;
            }
            return ' ';
        }
        if (previous.kind === 'line-comment') {
            // The comment ends the line, so the rest of the statement continues on the next one;
            // a `{` there sits under the statement, as a block opener.
            return this.newline(i, item.source === '{' ? this.statementDepth : this.statementDepth + 1, false);
        }
        if (previous.kind === 'block-comment') return ' ';
        return glued(previous, item) ? '' : ' ';
    }

    private startsLine(item: Item): boolean {
        let node: AstNode | undefined = item.leaf.astNode;
        while (node?.$cstNode && node.$cstNode.offset === item.start) {
            if (LINE_NODES.has(node.$type)) return true;
            node = node.$container;
        }
        return false;
    }

    private open(i: number): void {
        const block = this.blockAt.get(i)!;
        block.statementDepth = this.statementDepth;
        this.blocks.push(block);
        this.depth++;
    }

    /** A block stays on one line if it was written on one line (no line break between its braces). */
    private matchBraces(): void {
        const open: number[] = [];
        this.items.forEach((item, i) => {
            if (item.kind !== 'code' || !isKeyword(item)) return;
            if (item.source === '{') open.push(i);
            else if (item.source === '}') {
                const o = open.pop();
                if (o === undefined) return;
                const inside = this.text.slice(this.items[o].end, item.start);
                this.blockAt.set(o, { multiline: /[\r\n]/.test(inside), empty: i === o + 1, statementDepth: 0 });
            }
        });
    }

    // --- comments ------------------------------------------------------------------------------

    private beforeComment(i: number): string {
        const item = this.items[i];
        const previous = this.items[i - 1];
        const between = this.text.slice(previous.end, item.start);
        const breaks = countBreaks(between);
        if (breaks === 0) {
            if (item.kind === 'block-comment') return ' ';
            return this.trailingGap(i);
        }
        const trailing = this.trailing;
        if (
            item.kind === 'line-comment' &&
            breaks === 1 &&
            trailing &&
            trailing.item === i - 1 &&
            this.sourceColumn(item.start) === trailing.sourceColumn
        ) {
            // A comment that continues the comment above it, written under it: keep it under it.
            this.trailing = { item: i, sourceColumn: trailing.sourceColumn, column: trailing.column };
            const indent = this.indentTo(trailing.column);
            this.lineHeadWasLineHead = true;
            return `\n${indent}`;
        }
        const next = this.items[this.nextCode[i]] as Item | undefined;
        let depth = this.depth;
        let statementLevel = true;
        if (next && !this.startsLine(next) && !(next.source === '}' && isKeyword(next))) {
            statementLevel = false;
            depth = next.source === '{' ? this.statementDepth : this.statementDepth + 1;
        }
        return this.newline(i, depth, statementLevel);
    }

    /**
     * A comment after code on the same line stays there. Comments that were lined up in a column
     * (two or more spaces before them) keep their column, which is what lines up a run of them;
     * a comment one space after its code stays one space after it.
     */
    private trailingGap(i: number): string {
        const sourceColumn = this.sourceColumn(this.items[i].start);
        const sourceGap = sourceColumn - this.sourceColumn(this.items[i - 1].end);
        const column = this.width(this.line);
        let gap = 1;
        if (sourceGap >= 2) gap = this.lineHeadWasLineHead ? Math.max(2, sourceColumn - column) : 2;
        this.trailing = { item: i, sourceColumn, column: column + gap };
        return ' '.repeat(gap);
    }

    // --- lines ---------------------------------------------------------------------------------

    /**
     * A line break and indentation before item `i`; one blank line is kept where the author left
     * any between two statements (never just inside `{` or before `}`).
     */
    private newline(i: number, depth: number, statementLevel: boolean): string {
        const item = this.items[i];
        const previous = this.items[i - 1];
        const blank =
            statementLevel &&
            countBreaks(this.text.slice(previous.end, item.start)) >= 2 &&
            !(previous.kind === 'code' && previous.source === '{') &&
            !(item.kind === 'code' && item.source === '}');
        this.lineHeadWasLineHead = this.isLineHead(item.start);
        return (blank ? '\n\n' : '\n') + this.indent(depth);
    }

    private indent(depth: number): string {
        return this.options.insertSpaces ? ' '.repeat(depth * this.options.tabSize) : '\t'.repeat(depth);
    }

    /** Indentation to a column: the current depth's indentation, then spaces. */
    private indentTo(column: number): string {
        const base = this.indent(this.depth);
        const baseWidth = this.width(base);
        return baseWidth <= column ? base + ' '.repeat(column - baseWidth) : ' '.repeat(column);
    }

    private write(gap: string, body: string): void {
        const chunk = gap + body;
        const lastBreak = chunk.lastIndexOf('\n');
        if (lastBreak < 0) {
            this.line += chunk;
            return;
        }
        // A block comment that spans lines leaves us on its last line, which did not start the line.
        if (body.includes('\n')) this.lineHeadWasLineHead = false;
        this.line = chunk.slice(lastBreak + 1);
    }

    private isLineHead(offset: number): boolean {
        let k = offset - 1;
        while (
            k >= 0 &&
            (this.text[k] === ' ' || this.text[k] === '\t' || this.text[k] === '\f' || this.text[k] === '\v')
        )
            k--;
        return k < 0 || this.text[k] === '\n' || this.text[k] === '\r';
    }

    /** The column of an offset in the original text, tabs expanded. */
    private sourceColumn(offset: number): number {
        let k = offset;
        while (k > 0 && this.text[k - 1] !== '\n' && this.text[k - 1] !== '\r') k--;
        return this.width(this.text.slice(k, offset));
    }

    /** Display width in columns: one per code point, tabs to the next tab stop. */
    private width(s: string): number {
        let w = 0;
        for (const ch of s) w = ch === '\t' ? (Math.floor(w / this.options.tabSize) + 1) * this.options.tabSize : w + 1;
        return w;
    }
}

/**
 * A node's code tokens on one line, spaced as the formatter spaces them (`$9,500 / month`, `85%`):
 * what a report quotes of a quantity, the same whatever whitespace or comments it was written with.
 */
export function canonicalText(node: CstNode): string {
    let out = '';
    let previous: Item | undefined;
    for (const leaf of CstUtils.streamCst(node)) {
        if (!isLeafCstNode(leaf) || leaf.hidden || leaf.length === 0) continue;
        const item: Item = { start: leaf.offset, end: leaf.end, source: leaf.text, kind: 'code', leaf };
        out += previous === undefined || glued(previous, item) ? item.source : ` ${item.source}`;
        previous = item;
    }
    return out;
}

function isKeyword(item: Item): boolean {
    return item.leaf.tokenType?.name === item.source;
}

/** Pairs written without a space: `$9,500`, `160h`, `12.5%`, `QBR, CheckIn`, `Enterprise.clv`. */
function glued(previous: Item, item: Item): boolean {
    const prevType = previous.leaf.tokenType?.name;
    const type = item.leaf.tokenType?.name;
    if (type === ',' || type === '.' || prevType === '.') return true;
    if (prevType === 'CURRENCY_SYMBOL') return true;
    if (
        prevType !== 'NUMBER' ||
        previous.leaf.astNode.$type !== 'Measure' ||
        item.leaf.astNode !== previous.leaf.astNode
    )
        return false;
    if (type === '%') return true;
    // `12k h` must keep its space: `12kh` would read as 12 with the unit `kh`.
    return GLUED_UNITS.has(item.source) && /[0-9]$/.test(previous.source);
}

/** Comments are kept as written, less trailing whitespace; line breaks become `\n`. */
function normaliseComment(item: Item): string {
    if (item.kind === 'line-comment') return item.source.trimEnd();
    if (item.kind === 'block-comment') return item.source.replace(LINE_BREAK, '\n').replace(/[ \t\f\v]+\n/g, '\n');
    return item.source;
}

function countBreaks(s: string): number {
    return s.match(LINE_BREAK)?.length ?? 0;
}

function toEdits(document: LangiumDocument, pieces: Piece[]): TextEdit[] {
    const text = document.textDocument.getText();
    const edits: Piece[] = [];
    for (const piece of pieces) {
        if (text.slice(piece.start, piece.end) === piece.text) continue;
        const last = edits.at(-1);
        if (last && last.end === piece.start)
            edits[edits.length - 1] = { start: last.start, end: piece.end, text: last.text + piece.text };
        else edits.push({ ...piece });
    }
    return edits.map(e => ({
        range: { start: document.textDocument.positionAt(e.start), end: document.textDocument.positionAt(e.end) },
        newText: e.text,
    }));
}
