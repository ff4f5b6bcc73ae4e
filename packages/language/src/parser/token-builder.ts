import type { GrammarAST } from 'langium';
import { DefaultTokenBuilder, RegExpUtils } from 'langium';

/** Chevrotain's token type, as Langium's token builder returns it. */
type TokenType = Extract<ReturnType<DefaultTokenBuilder['buildTokens']>, unknown[]>[number];

/**
 * Langium's token builder, with each terminal's partial regular expression built once. To find
 * which terminals a keyword could also start (`role` is also the start of an ID), Langium rebuilds
 * the terminal's partial expression for every keyword and terminal pair: about 450 constructions
 * for Cap's grammar at every start of `cap check` and of the language server.
 */
export class CapTokenBuilder extends DefaultTokenBuilder {
    private readonly partials = new Map<string, RegExp>();

    protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
        return terminalTokens.filter(token => {
            const source = (token?.PATTERN as RegExp | undefined)?.source;
            if (!source) return false;
            let partial = this.partials.get(source);
            if (!partial) {
                partial = RegExpUtils.partialRegExp(`^${source}$`);
                this.partials.set(source, partial);
            }
            const match = keyword.value.match(partial);
            return !!match && match[0].length > 0;
        });
    }
}
