import type { GrammarAST as G } from 'langium';
import type { CompiledGrammar, Step, TokenStep } from './compiled-grammar.js';
import type { TokenTable } from './token-table.js';

/**
 * What the parser tells whoever builds a tree. The parser knows the grammar and the tokens and
 * nothing of the tree it feeds; `LangiumTreeBuilder` turns the events into Langium's nodes.
 */
export interface ParseEvents {
    /**
     * A parser rule starts: `call` is the rule call (or the cross-reference read by a datatype rule)
     * that invoked it, undefined for the entry rule.
     */
    startRule(rule: G.ParserRule, call: G.RuleCall | G.CrossReference | undefined): void;
    /** The next token (its index in the table), read for `element` of the innermost rule that has started. */
    token(index: number, element: TokenStep['element']): void;
    /** The innermost rule that has started ends. */
    finishRule(): void;
}

/**
 * Reads the tokens (without the hidden ones, which the lexer sets apart) as the grammar's entry rule, looking
 * one token ahead: at alternatives it takes the first that can start with the next token, and it
 * reads an optional or repeated part while the next token can start it. It returns false at the
 * first token the grammar does not allow where it stands, or when tokens are left over; the
 * events sent until then are to be thrown away.
 *
 * Langium's parser looks further ahead when one token does not decide (an overhead item's measure
 * may end in a unit name or be followed by the next item's name). Where this parser reads a file
 * to the end, every decision it took was the first alternative that leads to a complete parse,
 * which is the one Langium's parser takes too; where it would have to look further, it stops
 * and Langium's parser reads the file. test/language/event-parser.test.ts holds both to the
 * same trees.
 */
export function parseTokens(grammar: CompiledGrammar, tokens: TokenTable, events: ParseEvents): boolean {
    const reader = new TokenReader(tokens, events, grammar.endOfInput);
    events.startRule(grammar.entry.rule, undefined);
    if (!reader.read(grammar.entry.body) || reader.position < tokens.count) return false;
    events.finishRule();
    return true;
}

class TokenReader {
    position = 0;

    constructor(
        private readonly tokens: TokenTable,
        private readonly events: ParseEvents,
        private readonly endOfInput: number,
    ) {}

    /** The type index of the next token. */
    private next(): number {
        return this.position < this.tokens.count ? this.tokens.type(this.position) : this.endOfInput;
    }

    read(step: Step): boolean {
        switch (step.kind) {
            case 'token':
                if (this.next() !== step.type) return false;
                this.events.token(this.position++, step.element);
                return true;
            case 'rule':
                this.events.startRule(step.rule.rule, step.call);
                if (!this.read(step.rule.body)) return false;
                this.events.finishRule();
                return true;
            case 'group':
                for (const part of step.steps) if (!this.read(part)) return false;
                return true;
            case 'choice': {
                const index = step.byToken[this.next()];
                return index >= 0 && this.read(step.alternatives[index]);
            }
            case 'optional':
                return !step.body.first[this.next()] || this.read(step.body);
            case 'many':
                while (step.body.first[this.next()]) if (!this.read(step.body)) return false;
                return true;
            case 'atLeastOne':
                do if (!this.read(step.body)) return false;
                while (step.body.first[this.next()]);
                return true;
        }
    }
}
