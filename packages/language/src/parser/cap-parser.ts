import type { AstNode, LangiumCoreServices, ParseResult, ParserOptions } from 'langium';
import { CstUtils, GrammarUtils, LangiumParser, createParser } from 'langium';
import type { CompiledGrammar } from './compiled-grammar.js';
import { compileGrammar } from './compiled-grammar.js';
import { parseTokens } from './event-parser.js';
import { CapLexer } from './cap-lexer.js';
import { LangiumTreeBuilder } from './langium-tree-builder.js';
import { CapParserErrorMessageProvider } from './syntax-messages.js';
import { TokenTable } from './token-table.js';

/**
 * Cap's parser service: Langium's parser, with a faster path in front of it for files without
 * syntax errors (nearly every build). The event parser reads the tokens Langium's lexer makes,
 * driven by the grammar, and `LangiumTreeBuilder` builds the tree Langium's parser would build.
 * At the first token the event parser does not expect, a lexing error, or any failure of the
 * fast path, Langium's parser reads the file, recovers and reports, so diagnostics are Langium's.
 *
 * Langium's parser is made ready (its rules defined and analysed) on the first file that needs
 * it, so a check of correct files does not pay for it.
 */
export class CapLangiumParser extends LangiumParser {
    private readonly services: LangiumCoreServices;
    private readonly grammar: CompiledGrammar | undefined;
    private readonly trees: LangiumTreeBuilder;
    private readonly tokenTypes: ReturnType<typeof TokenTable.typesOf>;
    private ready = false;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.services = services;
        const compiled = compileGrammar(services.Grammar, this.lexer.definition);
        this.grammar = typeof compiled === 'string' ? undefined : compiled;
        this.trees = new LangiumTreeBuilder(services);
        this.tokenTypes = TokenTable.typesOf(this.lexer.definition);
    }

    /** Why the fast path is off for this grammar, or undefined when it is on. */
    static unsupported(services: LangiumCoreServices): string | undefined {
        const compiled = compileGrammar(services.Grammar, services.parser.Lexer.definition);
        return typeof compiled === 'string' ? compiled : undefined;
    }

    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        if (!options?.rule) {
            const result = this.parseCorrect(input);
            if (result) return result as ParseResult<T>;
        }
        if (!this.ready) {
            createParser(this.services.Grammar, this, this.lexer.definition);
            this.finalize();
            this.ready = true;
        }
        const messages = this.services.parser.ParserErrorMessageProvider;
        const lexer = this.lexer;
        if (!(messages instanceof CapParserErrorMessageProvider) || !(lexer instanceof CapLexer))
            return this.parseWithRecovery<T>(input, options);
        return this.parseWithCorrections<T>(input, options, messages, lexer);
    }

    /**
     * A mistyped keyword (`teir`, `hihg`, `service` for `services`) is reported once, and the file
     * is read again as if it had been corrected, so that the rest of it is checked as written
     * rather than through the parser's recovery. A correction is kept when the file then reads
     * with no more errors, the corrected word's own counted, and none at the corrected word;
     * correcting a word may let the parser reach the next mistyped one: two rounds at most. Each
     * error is reported at the word it is about.
     */
    private parseWithCorrections<T extends AstNode>(
        input: string,
        options: ParserOptions | undefined,
        messages: CapParserErrorMessageProvider,
        lexer: CapLexer,
    ): ParseResult<T> {
        const parse = (readAs?: Map<number, string>) => {
            messages.words.clear();
            messages.tokens = () => this.wrapper.input;
            lexer.readAs = readAs;
            try {
                return { result: this.parseWithRecovery<T>(input, options), words: new Map(messages.words) };
            } finally {
                lexer.readAs = undefined;
                messages.tokens = undefined;
                messages.words.clear();
            }
        };
        let current = parse();
        const corrected: ParseResult['parserErrors'] = [];
        const keywords = new Map<number, string>();
        for (let round = 0; round < 2; round++) {
            const found = current.result.parserErrors.flatMap(error => {
                const about = current.words.get(error.token.startOffset);
                return about?.keyword !== undefined && !keywords.has(about.word.startOffset)
                    ? [{ error, word: about.word, keyword: about.keyword }]
                    : [];
            });
            if (found.length === 0) break;
            const tried = new Map(keywords);
            for (const { word, keyword } of found) tried.set(word.startOffset, keyword);
            const again = parse(tried);
            const errors = again.result.parserErrors;
            // Each corrected word keeps its error: a correction that adds one elsewhere is not kept.
            const more = errors.length + found.length > current.result.parserErrors.length;
            if (more || errors.some(e => tried.has(e.token.startOffset))) break;
            for (const [offset, keyword] of tried) keywords.set(offset, keyword);
            for (const { error, word } of found) {
                error.token = word;
                corrected.push(error);
            }
            current = again;
        }
        const { result, words } = current;
        for (const error of result.parserErrors) {
            const about = words.get(error.token.startOffset);
            if (about) error.token = about.word;
        }
        if (corrected.length === 0) return result;
        readKeywordsAs(result.value, keywords);
        const errors = [...corrected, ...result.parserErrors].sort((a, b) => a.token.startOffset - b.token.startOffset);
        return { ...result, parserErrors: errors };
    }

    /** Langium's parser, which recovers from syntax errors and reports them. */
    private parseWithRecovery<T extends AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        try {
            return super.parse<T>(input, options);
        } finally {
            // Chevrotain keeps the tokens of the last parse until the next one.
            this.wrapper.input = [];
        }
    }

    /**
     * The tokens of a text without lexing errors, as tables. A large text is lexed a part at a time
     * (see `lexingParts`) and each part's token objects are copied into the tables at once, so that
     * they die young: all of a large file's at once were copied by each collection of the young
     * generation while the lexer made them, and kept through the parse, again while the tree grew.
     */
    private lex(
        input: string,
    ): { tokens: TokenTable; hidden: TokenTable; report: ParseResult['lexerReport'] } | undefined {
        const parts = lexingParts(input);
        if (parts.length <= 1) return this.lexParts(input, [input.length]);
        // Only a block comment over a cut makes a part fail where the whole text lexes cleanly.
        return this.lexParts(input, parts) ?? (input.includes('/*') ? this.lexParts(input, [input.length]) : undefined);
    }

    /** `input` lexed in parts that end at `ends`; undefined at the first error of any part. */
    private lexParts(input: string, ends: number[]) {
        const tokens = new TokenTable(input, this.tokenTypes);
        const hidden = new TokenTable(input, this.tokenTypes);
        let report: ParseResult['lexerReport'];
        let start = 0;
        let line = 0;
        for (const end of ends) {
            const text = end - start === input.length ? input : input.slice(start, end);
            // A part's blocks may close in a later part: only the last part ends the file.
            const lexed = this.lexer.tokenize(text, end === input.length ? undefined : { mode: 'partial' });
            if (lexed.errors.length > 0 || (lexed.report?.diagnostics.length ?? 0) > 0) return undefined;
            tokens.add(lexed.tokens, start, line);
            hidden.add(lexed.hidden, start, line);
            report = lexed.report;
            if (end < input.length) line += linesIn(text);
            start = end;
        }
        return { tokens, hidden, report };
    }

    /** The tree of a file without lexing or syntax errors; undefined for any other file. */
    parseCorrect(input: string): ParseResult<AstNode> | undefined {
        if (!this.grammar) return undefined;
        try {
            const lexed = this.lex(input);
            if (!lexed) return undefined;
            this.trees.begin(input, lexed.tokens, lexed.hidden);
            if (!parseTokens(this.grammar, lexed.tokens, this.trees)) return undefined;
            return { value: this.trees.finish(), lexerErrors: [], parserErrors: [], lexerReport: lexed.report };
        } catch {
            // A fault of the fast path must not cost the user the file: Langium's parser reads it.
            return undefined;
        } finally {
            this.trees.release();
        }
    }
}

/**
 * A corrected word is read as its keyword, but a keyword's value in the tree is the text it was
 * written as (`key` of `service Orientation` would be `service`): the values become the keywords.
 */
function readKeywordsAs(root: AstNode, keywords: Map<number, string>): void {
    const cst = root.$cstNode;
    if (!cst) return;
    for (const [offset, keyword] of keywords) {
        if (keyword === 'ID') continue;
        const leaf = CstUtils.findLeafNodeAtOffset(cst, offset);
        if (leaf?.offset !== offset) continue;
        const assignment = GrammarUtils.findAssignment(leaf);
        if (assignment?.operator === '=') Reflect.set(leaf.astNode, assignment.feature, keyword);
    }
}

/** About 64 KB of text: a part's token objects fit in V8's young generation with room to spare. */
const PART = 1 << 16;

/**
 * Where a text is cut to be lexed in parts: after a line's end, every PART characters. Every
 * token but a block comment ends on its line, and a cut inside a block comment leaves the part
 * before it with a lone `/*`, which the lexer rejects (no token starts with `*`); the caller then
 * lexes the text whole. So a text lexes the same in parts as whole whenever the parts lex cleanly.
 */
export function lexingParts(text: string): number[] {
    const ends: number[] = [];
    let start = 0;
    while (start < text.length) {
        const newline = text.indexOf('\n', start + PART);
        start = newline < 0 ? text.length : newline + 1;
        ends.push(start);
    }
    return ends;
}

/** The line breaks in `text`, counted as the lexer counts them: `\n`, `\r\n` and a lone `\r`. */
function linesIn(text: string): number {
    let lines = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++;
    }
    return lines;
}
