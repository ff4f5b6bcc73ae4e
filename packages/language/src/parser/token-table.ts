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
    count = 0;
    private types = new Uint16Array(0);
    private positions = new Int32Array(0);

    constructor(
        readonly text: string,
        private readonly typesByIndex: readonly TokenType[],
    ) {}

    /**
     * Adds tokens lexed from a part of `text` that starts a line: at `offset`, on the 0-based line
     * `line`. Their columns are the text's own.
     */
    add(tokens: Token[], offset = 0, line = 0): void {
        const start = this.count;
        this.reserve(start + tokens.length);
        tokens.forEach((token, n) => {
            const i = start + n;
            const at = i * FIELDS;
            this.types[i] = token.tokenTypeIdx;
            this.positions[at] = offset + token.startOffset;
            this.positions[at + 1] = token.image.length;
            this.positions[at + 2] = line + (token.startLine ?? 1) - 1;
            this.positions[at + 3] = (token.startColumn ?? 1) - 1;
            this.positions[at + 4] = line + (token.endLine ?? 1) - 1;
            this.positions[at + 5] = token.endColumn ?? 0;
        });
        this.count = start + tokens.length;
    }

    private reserve(count: number): void {
        if (count <= this.types.length) return;
        const size = Math.max(count, this.types.length * 2);
        const types = new Uint16Array(size);
        types.set(this.types.subarray(0, this.count));
        const positions = new Int32Array(size * FIELDS);
        positions.set(this.positions.subarray(0, this.count * FIELDS));
        this.types = types;
        this.positions = positions;
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
