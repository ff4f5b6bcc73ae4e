import type { GrammarAST as G } from 'langium';
import { AstUtils, GrammarAST } from 'langium';
import { PROPERTY_RULES } from '../validation/property-rules.js';

/** The name of the terminal that the words below make (cap.langium). */
export const PROPERTY_WORD = 'PROPERTY_WORD';

/**
 * The properties written as a measure whose word is not a keyword of the grammar (`accounts`,
 * `churn`, `fte`, ...): the words of the PROPERTY_WORD token, read from validation/property-rules.ts
 * so that a new property is written there alone. Every property of the rules is either one of
 * these or a keyword of a rule of its own (`effort`, `services`, `hours`, ...).
 */
export function propertyWords(grammar: G.Grammar): string[] {
    const keywords = new Set(
        AstUtils.streamAllContents(grammar)
            .filter(GrammarAST.isKeyword)
            .map(k => k.value),
    );
    const words = Object.values(PROPERTY_RULES).flatMap(rules => Object.keys(rules));
    return [...new Set(words)].filter(word => !keywords.has(word));
}

/** The pattern of the PROPERTY_WORD token: one of the words, not the start of a longer name. */
export function propertyWordPattern(words: string[]): RegExp {
    return new RegExp(`(?:${words.join('|')})(?![A-Za-z0-9_])`);
}
