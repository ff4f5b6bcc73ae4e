import type { AstNode, LangiumCoreServices, ParseResult, ParserOptions } from 'langium';
import { LangiumParser, createParser } from 'langium';
import type { CompiledGrammar } from './compiled-grammar.js';
import { compileGrammar } from './compiled-grammar.js';
import { parseTokens } from './event-parser.js';
import { LangiumTreeBuilder } from './langium-tree-builder.js';
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
        try {
            return super.parse<T>(input, options);
        } finally {
            // Chevrotain keeps the tokens of the last parse until the next one.
            this.wrapper.input = [];
        }
    }

    /**
     * The tokens of a text without lexing errors, as tables: the lexer's token objects are left
     * behind here, so that they die young instead of being kept through the parse.
     */
    private lex(
        input: string,
    ): { tokens: TokenTable; hidden: TokenTable; report: ParseResult['lexerReport'] } | undefined {
        const lexed = this.lexer.tokenize(input);
        if (lexed.errors.length > 0 || (lexed.report?.diagnostics.length ?? 0) > 0) return undefined;
        return {
            tokens: new TokenTable(input, lexed.tokens, this.tokenTypes),
            hidden: new TokenTable(input, lexed.hidden, this.tokenTypes),
            report: lexed.report,
        };
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
