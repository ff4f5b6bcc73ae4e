import type { AstNode, CompositeCstNode, CstNode, LangiumCoreServices, ParseResult, ParserOptions } from 'langium';
import { CstNodeBuilder, LangiumParser, createParser } from 'langium';
import { DirectParser } from './direct-parser.js';

type Token = Parameters<CstNodeBuilder['addHiddenNodes']>[0][number];

/**
 * Langium's CST builder with hidden-token placement in constant time. The parser calls
 * `addHiddenNodes` before every token, usually with none; Langium's version then still walks up
 * from the new node and looks it up in its parent with `indexOf`. For the first token of a
 * top-level declaration that parent is the file, so parsing was quadratic in the number of
 * declarations (10k agents). The node being built is always its parent's last child, so the
 * search runs from the end.
 */
export class CapCstNodeBuilder extends CstNodeBuilder {
    override addHiddenNodes(tokens: Token[]): void {
        if (tokens.length === 0) return;
        const nodes: CstNode[] = tokens.map(token => this.createLeafNode(token, true));
        let current: CompositeCstNode = this.current;
        if (current.content.length > 0) {
            this.appendChildren(current, nodes);
            return;
        }
        // A new node with no content yet: the hidden nodes go before it, in the first ancestor
        // where it is not the first child (as Langium places them).
        while (current.container) {
            const index = current.container.content.lastIndexOf(current);
            if (index > 0) {
                this.insertChildren(current.container, index, nodes);
                return;
            }
            current = current.container;
        }
        this.insertChildren(current, 0, nodes);
    }
}

/**
 * Langium's parser with Cap's CST builder, and one that lets go of the tokens: Chevrotain keeps
 * the token vector of the last parse until the next one, about 0.5 KB per line of the last
 * document parsed (35 MB after a 70k-line plan), for nothing.
 */
export class CapLangiumParser extends LangiumParser {
    constructor(services: LangiumCoreServices) {
        super(services);
        // Langium builds its CstNodeBuilder in this constructor and offers no service for it;
        // the builder is only used while parsing, so replacing it before the first parse is safe.
        (this as unknown as { nodeBuilder: CstNodeBuilder }).nodeBuilder = new CapCstNodeBuilder();
        consumeHiddenTokensByCursor(this as unknown as HiddenTokenParser);
    }

    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        try {
            return super.parse<T>(input, options);
        } finally {
            (this as unknown as { wrapper: { input: unknown[] } }).wrapper.input = [];
        }
    }
}

interface HiddenTokenParser {
    lexerResult?: { hidden: Token[] };
    extractHiddenTokens(token: Token): Token[];
    doParse(rule: unknown): unknown;
}

/**
 * Langium hands each token the hidden tokens (comments) before it by splicing them off the front
 * of the lexer's list: every splice moves the whole rest of the list, so a commented 70k-line
 * plan (30k comments) spent more time moving comments than parsing them. Here a cursor moves
 * instead, and the consumed comments leave the list in one splice when the parse ends, before
 * Langium adds the ones after the last token. The same comments reach the same tokens.
 * (Both methods are private in Langium's typings, so they are replaced on the instance.)
 */
function consumeHiddenTokensByCursor(parser: HiddenTokenParser): void {
    let consumed = 0;
    parser.extractHiddenTokens = (token: Token): Token[] => {
        const hidden = parser.lexerResult!.hidden;
        if (consumed >= hidden.length) return [];
        const offset = token.startOffset;
        let end = consumed;
        while (end < hidden.length && !(hidden[end].startOffset > offset)) end++;
        const out = hidden.slice(consumed, end);
        consumed = end;
        return out;
    };
    const doParse = parser.doParse.bind(parser);
    parser.doParse = (rule: unknown): unknown => {
        consumed = 0;
        try {
            return doParse(rule);
        } finally {
            parser.lexerResult?.hidden.splice(0, consumed);
            consumed = 0;
        }
    };
}

/** What Langium's `createLangiumParser` does, with Cap's parser class. */
export function createCapLangiumParser(services: LangiumCoreServices): LangiumParser {
    const parser = createParser(services.Grammar, new CapLangiumParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}

/**
 * Cap's parser service: the direct parser for a file it reads to the end, Langium's parser for
 * one with a syntax error (it recovers and reports). Langium's parser and lexer are built on the
 * first file that needs them, so a CLI run on correct files never builds them (50 to 100 ms).
 */
export class CapParser {
    private readonly direct: DirectParser;
    private langiumParser?: LangiumParser;

    constructor(private readonly services: LangiumCoreServices) {
        this.direct = new DirectParser(services);
    }

    parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        if (!options?.rule) {
            const result = this.direct.parse(input);
            if (result) return result as unknown as ParseResult<T>;
        }
        return this.langium.parse<T>(input, options);
    }

    /** Langium's parser, which also reads the files with errors. */
    get langium(): LangiumParser {
        return (this.langiumParser ??= createCapLangiumParser(this.services));
    }
}

export function createCapParser(services: LangiumCoreServices): LangiumParser {
    // Langium types the service as its parser class; parsing is the only part of it Langium's
    // document factory and async parser call.
    return new CapParser(services) as unknown as LangiumParser;
}
