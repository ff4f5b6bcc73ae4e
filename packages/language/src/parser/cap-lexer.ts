import type { LangiumCoreServices, LexerResult, TokenizeOptions } from 'langium';
import { DefaultLexer } from 'langium';
import { startKeywords } from './grammar-keywords.js';
import { PROPERTY_WORD, propertyWords } from './property-words.js';

type Token = LexerResult['tokens'][number];

const MEMBER = 1;
const TOP = 2;
type TokenType = Token['tokenType'];
type LexingError = LexerResult['errors'][number];

/** A `{` that is never closed: where it is, and the edit that closes it. */
export interface UnclosedBlockError extends LexingError {
    unclosed: {
        /** 0-based line and column where `text` goes to close the block. */
        line: number;
        character: number;
        text: string;
    };
}

export function isUnclosedBlockError(error: object): error is UnclosedBlockError {
    return 'unclosed' in error;
}

/** An open `{`, and the tokens that say what it opens: `role CSM`, `scenario Growth`, `overhead`. */
interface Open {
    brace: Token;
    /** The declaration's keyword and name, or the token before the `{` (`overhead`). */
    keyword: Token | undefined;
    name: Token | undefined;
    scenario: boolean;
}

/**
 * Langium's lexer, plus one repair. A missing `}` used to make every declaration after it part of
 * the unclosed block: `role Onboarding` read as the `role` property of the role above, its
 * properties as duplicates, and a dozen errors followed, none of them at the mistake. A
 * declaration cannot start inside a block (only inside a scenario, and only a role, service, tier
 * or agent), so where one does (`role Onboarding "…" {`, `assert …`), the blocks still open
 * before it are closed there: the lexer adds a zero-width `}` for each, and reports one error at
 * each unclosed `{`. The parser then reads the rest of the file as written. At the end of the file
 * the blocks still open are closed the same way, except for a text being completed (`partial`),
 * whose block is open because the user is typing in it.
 */
export class CapLexer extends DefaultLexer {
    private readonly open: TokenType;
    private readonly close: TokenType;
    private readonly id: TokenType;
    /** A property's word (`count`), which may also be a name (`agent count {`). */
    private readonly propertyWord: TokenType;
    private readonly string: TokenType;
    /**
     * By token type index: MEMBER for the keywords that start a declaration inside a scenario or at
     * the top (role, service, tier, agent), TOP for those only at the top (model, scenario, assert,
     * import). One array read per token: the lexer runs on every keystroke's parse.
     */
    private readonly starts: Uint8Array;
    private readonly scenario: TokenType | undefined;
    /** The words a corrected word may be read as that are PROPERTY_WORD tokens, not keywords. */
    private readonly propertyWords: Set<string>;
    /**
     * Words to read as another keyword, by offset: set by the parser for one parse, to read a file
     * again with its mistyped keywords corrected (see CapLangiumParser).
     */
    readAs: Map<number, string> | undefined;

    constructor(services: LangiumCoreServices) {
        super(services);
        const types = this.definition;
        const grammar = services.Grammar;
        this.open = types['{'];
        this.close = types['}'];
        this.id = types.ID;
        this.propertyWord = types[PROPERTY_WORD];
        this.propertyWords = new Set(propertyWords(grammar));
        this.string = types.STRING;
        this.starts = new Uint8Array(Math.max(...Object.values(types).map(t => t.tokenTypeIdx ?? 0)) + 1);
        for (const word of [...startKeywords(grammar, 'Element'), ...startKeywords(grammar, 'Import')])
            if (types[word]) this.starts[types[word].tokenTypeIdx!] = TOP;
        for (const word of startKeywords(grammar, 'ScenarioMember'))
            if (types[word]) this.starts[types[word].tokenTypeIdx!] = MEMBER;
        this.scenario = types[startKeywords(grammar, 'Scenario')[0]];
    }

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        if (this.readAs) result.tokens = result.tokens.map(t => this.corrected(t, this.readAs!));
        const tokens = result.tokens;
        let stack: Open[] | undefined;
        let repaired: Token[] | undefined;
        for (let i = 0; i < tokens.length; i++) {
            const token = tokens[i];
            const type = token.tokenType;
            if (type === this.open) {
                stack ??= [];
                stack.push(this.opened(tokens, i));
            } else if (type === this.close) {
                stack?.pop();
            } else if (stack && stack.length > 0 && this.starts[token.tokenTypeIdx] !== 0) {
                const unclosed = this.unclosedBefore(tokens, i, stack);
                if (unclosed > 0) {
                    repaired ??= tokens.slice(0, i);
                    this.closeBlocks(
                        text,
                        stack,
                        unclosed,
                        tokens[i - 1],
                        token,
                        this.startOf(tokens, i),
                        repaired,
                        result.errors,
                    );
                }
            }
            repaired?.push(token);
        }
        if (stack && stack.length > 0 && options?.mode !== 'partial' && tokens.length > 0) {
            repaired ??= tokens.slice();
            this.closeBlocks(
                text,
                stack,
                stack.length,
                tokens[tokens.length - 1],
                undefined,
                '',
                repaired,
                result.errors,
            );
        }
        if (repaired) result.tokens = repaired;
        if (text.includes('\0')) this.reportNulBytes(text, result.errors);
        return result;
    }

    /**
     * A NUL byte is invisible in every editor and terminal; inside a comment or a title the lexer
     * takes it as text. It is reported wherever it is (outside them the lexer already has).
     */
    private reportNulBytes(text: string, errors: LexingError[]): void {
        const reported = new Set(errors.map(e => e.offset));
        let line = 1;
        let lineStart = 0;
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c === 10) {
                line++;
                lineStart = i + 1;
            } else if (c === 0 && !reported.has(i)) {
                const message = this.errorMessageProvider.buildUnexpectedCharactersMessage(
                    text,
                    i,
                    1,
                    line,
                    i - lineStart + 1,
                );
                errors.push({ offset: i, line, column: i - lineStart + 1, length: 1, message });
            }
        }
        errors.sort((a, b) => a.offset - b.offset);
    }

    private corrected(token: Token, readAs: Map<number, string>): Token {
        const keyword = readAs.get(token.startOffset);
        const type =
            keyword === undefined
                ? undefined
                : this.propertyWords.has(keyword)
                  ? this.propertyWord
                  : this.definition[keyword];
        return type ? { ...token, tokenType: type, tokenTypeIdx: type.tokenTypeIdx! } : token;
    }

    /** A token that names a declaration: a name, or a property's word (`agent count {`). */
    private isName(type: TokenType | undefined): boolean {
        return type === this.id || type === this.propertyWord;
    }

    /** What the `{` at `i` opens: a declaration (`role CSM "title" {`), or the word before it. */
    private opened(tokens: Token[], i: number): Open {
        const brace = tokens[i];
        let name = i - 1;
        if (tokens[name]?.tokenType === this.string) name--;
        const keyword = tokens[name - 1];
        if (this.isName(tokens[name]?.tokenType) && keyword && this.starts[keyword.tokenTypeIdx] !== 0)
            return { brace, keyword, name: tokens[name], scenario: keyword.tokenType === this.scenario };
        return { brace, keyword: tokens[i - 1], name: undefined, scenario: false };
    }

    /** `role CSM`, `` `overhead` `` */
    private static what(open: Open): string {
        if (open.keyword && open.name) return `${open.keyword.image} ${open.name.image}`;
        return open.keyword ? `\`${open.keyword.image}\`` : 'this block';
    }

    /**
     * How many of the open blocks must have ended before the token at `i`: all of them before a
     * declaration that only the top level holds, those inside the innermost scenario before a
     * role, service, tier or agent block; none before anything else.
     */
    private unclosedBefore(tokens: Token[], i: number, stack: Open[]): number {
        const start = this.starts[tokens[i].tokenTypeIdx];
        const next = tokens[i + 1]?.tokenType;
        if (start === TOP) return this.isName(next) || next === this.string ? stack.length : 0;
        if (start !== MEMBER || !this.isName(next)) return 0;
        const after = tokens[i + 2]?.tokenType === this.string ? tokens[i + 3] : tokens[i + 2];
        if (after?.tokenType !== this.open) return 0;
        let inside = 0;
        while (inside < stack.length && !stack[stack.length - 1 - inside].scenario) inside++;
        return inside;
    }

    /** How the declaration at `i` starts: `role Onboarding`, `assert`. */
    private startOf(tokens: Token[], i: number): string {
        const name = tokens[i + 1];
        const after = tokens[i + 2]?.tokenType;
        return this.isName(name?.tokenType) && (after === this.open || after === this.string)
            ? `${tokens[i].image} ${name.image}`
            : tokens[i].image;
    }

    /** Closes `count` open blocks right after `last`, with one error at each unclosed `{`. */
    private closeBlocks(
        text: string,
        stack: Open[],
        count: number,
        last: Token,
        before: Token | undefined,
        declaration: string,
        out: Token[],
        errors: LexingError[],
    ): void {
        const where = before ? `before \`${declaration}\` on line ${before.startLine}` : 'at the end of the file';
        for (let n = 0; n < count; n++) {
            const open = stack.pop()!;
            const error: UnclosedBlockError = {
                offset: open.brace.startOffset,
                line: open.brace.startLine,
                column: open.brace.startColumn,
                length: 1,
                message: `This \`{\` of ${CapLexer.what(open)} is never closed: add \`}\` ${where}`,
                unclosed: closingEdit(text, last, before, open.brace),
            };
            errors.push(error);
            out.push(this.closing(last));
        }
    }

    /** A zero-width `}` right after `last`: the parser reads a closed block, the text is unchanged. */
    private closing(last: Token): Token {
        const at = last.startOffset + last.image.length;
        return {
            image: '',
            startOffset: at,
            endOffset: at - 1,
            startLine: last.endLine,
            endLine: last.endLine,
            startColumn: (last.endColumn ?? 0) + 1,
            endColumn: last.endColumn,
            tokenType: this.close,
            tokenTypeIdx: this.close.tokenTypeIdx!,
        };
    }
}

/**
 * Where a `}` closes the block: on a line of its own after the last line of the block (after any
 * comment on that line), indented like the line the block opens on; or right after the block's
 * last token when the next declaration starts on that same line.
 */
function closingEdit(
    text: string,
    last: Token,
    before: Token | undefined,
    brace: Token,
): { line: number; character: number; text: string } {
    const line = (last.endLine ?? 1) - 1;
    const end = last.startOffset + last.image.length;
    const lineStart = end - (last.endColumn ?? 0);
    let lineEnd = text.indexOf('\n', end);
    if (lineEnd < 0) lineEnd = text.length;
    if (text[lineEnd - 1] === '\r') lineEnd--;
    const sameLine = before !== undefined && before.startOffset < lineEnd;
    if (sameLine || text.slice(end, lineEnd).includes('/*'))
        return { line, character: last.endColumn ?? 0, text: ' }' };
    const braceLineStart = brace.startOffset + 1 - (brace.startColumn ?? 1);
    const indent = /^[ \t]*/.exec(text.slice(braceLineStart, brace.startOffset))![0];
    return { line, character: lineEnd - lineStart, text: `\n${indent}}` };
}
