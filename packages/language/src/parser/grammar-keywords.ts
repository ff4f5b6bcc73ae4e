import type { GrammarAST as G } from 'langium';
import { GrammarAST } from 'langium';

/**
 * The keywords that can start a parser rule (`Element`: model, role, service, …), read from the
 * grammar as Langium loads it, so that messages and suggestions never hold a copy of cap.langium.
 */
export function startKeywords(grammar: G.Grammar, ruleName: string): string[] {
    const rule = grammar.rules.find(r => r.name === ruleName);
    if (!rule || !GrammarAST.isParserRule(rule)) return [];
    return [...new Set(firstKeywords(rule.definition, new Set()))];
}

/** The keywords an element can start with; an optional first part lets the next one start too. */
function firstKeywords(element: G.AbstractElement, visiting: Set<G.ParserRule>): string[] {
    if (GrammarAST.isKeyword(element)) return [element.value];
    if (GrammarAST.isAssignment(element)) return firstKeywords(element.terminal, visiting);
    if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        if (!GrammarAST.isParserRule(rule) || visiting.has(rule)) return [];
        visiting.add(rule);
        const words = firstKeywords(rule.definition, visiting);
        visiting.delete(rule);
        return words;
    }
    if (GrammarAST.isAlternatives(element)) return element.elements.flatMap(e => firstKeywords(e, visiting));
    if (GrammarAST.isGroup(element)) {
        const words: string[] = [];
        for (const part of element.elements) {
            words.push(...firstKeywords(part, visiting));
            if (part.cardinality !== '?' && part.cardinality !== '*') break;
        }
        return words;
    }
    return [];
}
