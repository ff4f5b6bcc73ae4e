import type { LexerResult } from 'langium';
import { LeafCstNodeImpl } from 'langium';

export type Token = LexerResult['tokens'][number];
type TokenType = Token['tokenType'];

/** The numbers kept per token: offset, length, start line and column, end line and column. */
const FIELDS = 6;

/**
 * The tokens of a text as numbers, with the positions Langium's CST builder gives their leaves
 * (0-based lines and columns, the end column exclusive). The lexer's token objects are copied in
 * here as soon as the text is lexed, so that they die young: kept through a parse, every one of
 * them was copied by each collection of the young generation while the tree was being built.
 */
export class TokenTable {
    readonly count: number;
    private readonly types: Uint16Array;
    private readonly positions: Int32Array;

    constructor(
        readonly text: string,
        tokens: Token[],
        private readonly typesByIndex: readonly TokenType[],
    ) {
        this.count = tokens.length;
        this.types = new Uint16Array(tokens.length);
        this.positions = new Int32Array(tokens.length * FIELDS);
        tokens.forEach((token, i) => {
            const at = i * FIELDS;
            this.types[i] = token.tokenTypeIdx;
            this.positions[at] = token.startOffset;
            this.positions[at + 1] = token.image.length;
            this.positions[at + 2] = (token.startLine ?? 1) - 1;
            this.positions[at + 3] = (token.startColumn ?? 1) - 1;
            this.positions[at + 4] = (token.endLine ?? 1) - 1;
            this.positions[at + 5] = token.endColumn ?? 0;
        });
    }

    /** The token types of a lexer's definition, by their index. */
    static typesOf(definition: Record<string, TokenType>): TokenType[] {
        const types: TokenType[] = [];
        for (const type of Object.values(definition))
            if (type.tokenTypeIdx !== undefined) types[type.tokenTypeIdx] = type;
        return types;
    }

    /** The type index of token `i`. */
    type(i: number): number {
        return this.types[i];
    }

    offset(i: number): number {
        return this.positions[i * FIELDS];
    }

    /** The text of token `i`. */
    image(i: number): string {
        const at = i * FIELDS;
        return this.text.substring(this.positions[at], this.positions[at] + this.positions[at + 1]);
    }

    /** A CST leaf for token `i`, as Langium's CST builder makes it. */
    leaf(i: number, hidden: boolean): LeafCstNodeImpl {
        const p = this.positions;
        const at = i * FIELDS;
        return new LeafCstNodeImpl(
            p[at],
            p[at + 1],
            p[at + 2],
            p[at + 3],
            p[at + 4],
            p[at + 5],
            this.typesByIndex[this.types[i]],
            hidden,
        );
    }
}
