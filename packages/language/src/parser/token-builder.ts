import type { GrammarAST } from 'langium';
import { DefaultTokenBuilder, RegExpUtils } from 'langium';
import { PROPERTY_WORD, propertyWordPattern, propertyWords } from './property-words.js';

/** Chevrotain's token type, as Langium's token builder returns it. */
type TokenType = Extract<ReturnType<DefaultTokenBuilder['buildTokens']>, unknown[]>[number];

/**
 * Langium's token builder, with two changes. The PROPERTY_WORD terminal is made of the words of
 * validation/property-rules.ts (cap.langium gives it a pattern that matches nothing), so that a new
 * property needs no grammar change. Each terminal's partial regular expression is built once: to
 * find which terminals a keyword could also start (`role` is also the start of an ID), Langium
 * rebuilds the terminal's partial expression for every keyword and terminal pair, about 450
 * constructions for Cap's grammar at every start of `cap check` and of the language server. The
 * same search makes a keyword that starts a property's word (`account`) give way to it.
 */
export class CapTokenBuilder extends DefaultTokenBuilder {
    private readonly partials = new Map<string, RegExp>();

    protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
        const token = super.buildTerminalToken(terminal);
        if (terminal.name === PROPERTY_WORD) token.PATTERN = propertyWordPattern(propertyWords(terminal.$container));
        return token;
    }

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
