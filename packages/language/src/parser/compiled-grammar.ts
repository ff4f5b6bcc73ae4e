import type { GrammarAST as G, Lexer } from 'langium';
import { GrammarAST, GrammarUtils } from 'langium';

/**
 * The grammar (cap.langium, as Langium loads it) in the form the event parser walks: every
 * element of every reachable parser rule as a step, each with the token types that can start it
 * (`first`, indexed by Chevrotain's token type index) and whether it can match nothing.
 *
 * Only what Cap's grammar uses is supported: keywords, terminal and parser rule calls,
 * assignments, cross-references read by a terminal or a datatype rule (`[Tier:Name]`), groups,
 * alternatives and the three cardinalities.
 * Anything else (actions, unordered groups, guards, rule parameters, fragments, infix rules, an
 * optional or repeated part that can match nothing) makes `compileGrammar` return why, and every
 * file is then read by Langium's parser alone.
 */
export type Step = TokenStep | RuleStep | GroupStep | ChoiceStep | RepeatStep;

interface Sets {
    first: Uint8Array;
    nullable: boolean;
}

/** A token of one type, consumed for a keyword, a terminal rule call or a cross-reference. */
export interface TokenStep extends Sets {
    kind: 'token';
    type: number;
    element: G.Keyword | G.RuleCall | G.CrossReference;
}

/**
 * A call of a parser rule: the rule's node is made around what its body reads. A cross-reference
 * read by a datatype rule calls it with the cross-reference as its element, as Langium's parser does.
 */
export interface RuleStep extends Sets {
    kind: 'rule';
    call: G.RuleCall | G.CrossReference;
    rule: CompiledRule;
}

export interface GroupStep extends Sets {
    kind: 'group';
    steps: Step[];
}

/** Alternatives: `byToken[type]` is the first alternative a token of that type can start, or -1. */
export interface ChoiceStep extends Sets {
    kind: 'choice';
    alternatives: Step[];
    byToken: Int16Array;
}

export interface RepeatStep extends Sets {
    kind: 'optional' | 'many' | 'atLeastOne';
    body: Step;
}

export interface CompiledRule {
    rule: G.ParserRule;
    body: Step;
}

export interface CompiledGrammar {
    entry: CompiledRule;
    /** The index that stands for the end of the input: no token type has it, so nothing starts with it. */
    endOfInput: number;
}

/** The token types by name, as Langium's lexer defines them. */
type TokenTypeDictionary = Lexer['definition'];

class Unsupported extends Error {}

/** The body of a rule while it is being compiled. */
const PENDING: GroupStep = { kind: 'group', steps: [], first: new Uint8Array(0), nullable: true };

/** The grammar compiled for the event parser, or why it cannot be. */
export function compileGrammar(grammar: G.Grammar, tokens: TokenTypeDictionary): CompiledGrammar | string {
    try {
        return new Compiler(tokens).compile(grammar);
    } catch (error) {
        if (error instanceof Unsupported) return error.message;
        throw error;
    }
}

class Compiler {
    private readonly rules = new Map<G.ParserRule, CompiledRule>();
    private readonly size: number;
    private readonly endOfInput: number;

    constructor(private readonly tokens: TokenTypeDictionary) {
        let size = 0;
        for (const type of Object.values(tokens)) {
            // A token type with categories matches more than its own type: not a simple lookup.
            if (type.CATEGORIES && type.CATEGORIES.length > 0)
                throw new Unsupported(`token ${type.name} has categories`);
            size = Math.max(size, (type.tokenTypeIdx ?? 0) + 1);
        }
        this.endOfInput = size;
        this.size = size + 1;
    }

    compile(grammar: G.Grammar): CompiledGrammar {
        const entryRule = grammar.rules.find(
            (rule): rule is G.ParserRule => GrammarAST.isParserRule(rule) && rule.entry,
        );
        if (!entryRule) throw new Unsupported('the grammar has no entry rule');
        const entry = this.rule(entryRule);
        // First sets of recursive rules grow until nothing changes.
        let changed = true;
        while (changed) {
            changed = false;
            for (const compiled of this.rules.values()) if (this.update(compiled.body)) changed = true;
        }
        for (const compiled of this.rules.values()) this.finish(compiled.body);
        return { entry, endOfInput: this.endOfInput };
    }

    private rule(rule: G.ParserRule): CompiledRule {
        let compiled = this.rules.get(rule);
        if (!compiled) {
            if (rule.fragment || rule.parameters.length > 0)
                throw new Unsupported(`rule ${rule.name} is a fragment or takes parameters`);
            // In the map before its body is compiled, so that a recursive call finds it.
            compiled = { rule, body: PENDING };
            this.rules.set(rule, compiled);
            compiled.body = this.element(rule.definition);
        }
        return compiled;
    }

    private element(element: G.AbstractElement): Step {
        const step = this.base(element);
        switch (element.cardinality) {
            case undefined:
                return step;
            case '?':
                return this.sets({ kind: 'optional', body: step });
            case '*':
                return this.sets({ kind: 'many', body: step });
            case '+':
                return this.sets({ kind: 'atLeastOne', body: step });
        }
    }

    private base(element: G.AbstractElement): Step {
        if (GrammarAST.isKeyword(element)) return this.token(element.value, element);
        if (GrammarAST.isAssignment(element)) return this.element(element.terminal);
        if (GrammarAST.isCrossReference(element)) {
            const terminal =
                element.terminal ?? (element.type.ref && GrammarUtils.findNameAssignment(element.type.ref)?.terminal);
            if (GrammarAST.isRuleCall(terminal) && GrammarAST.isTerminalRule(terminal.rule.ref))
                return this.token(terminal.rule.ref.name, element);
            const call = GrammarAST.isRuleCall(terminal) ? terminal : undefined;
            const rule = call?.rule.ref;
            if (!GrammarAST.isParserRule(rule) || !GrammarUtils.isDataTypeRule(rule) || call!.arguments.length > 0)
                throw new Unsupported('a cross-reference that is not read by a terminal or a datatype rule');
            return this.sets({ kind: 'rule', call: element, rule: this.rule(rule) });
        }
        if (GrammarAST.isRuleCall(element)) {
            const rule = element.rule.ref;
            if (GrammarAST.isTerminalRule(rule)) return this.token(rule.name, element);
            if (!GrammarAST.isParserRule(rule) || element.arguments.length > 0)
                throw new Unsupported(`the call of ${element.rule.$refText}`);
            return this.sets({ kind: 'rule', call: element, rule: this.rule(rule) });
        }
        if (GrammarAST.isAlternatives(element)) {
            const alternatives = element.elements.map(e => this.element(e));
            return alternatives.length === 1
                ? alternatives[0]
                : this.sets({ kind: 'choice', alternatives, byToken: new Int16Array(this.size).fill(-1) });
        }
        if (GrammarAST.isGroup(element) && !GrammarAST.isUnorderedGroup(element)) {
            if (element.guardCondition) throw new Unsupported('a guarded group');
            return this.sets({ kind: 'group', steps: element.elements.map(e => this.element(e)) });
        }
        throw new Unsupported(`a grammar element of type ${element.$type}`);
    }

    private token(name: string, element: TokenStep['element']): TokenStep {
        const type = this.tokens[name];
        if (type?.tokenTypeIdx === undefined) throw new Unsupported(`no token type ${name}`);
        const step: TokenStep = this.sets({ kind: 'token', type: type.tokenTypeIdx, element });
        step.first[step.type] = 1;
        return step;
    }

    private sets<T extends Omit<Step, keyof Sets>>(step: T): T & Sets {
        return Object.assign(step, { first: new Uint8Array(this.size), nullable: false });
    }

    /** Recomputes a step's first set and nullability from its parts; true if either grew. */
    private update(step: Step): boolean {
        let changed = false;
        const from = (part: Sets) => {
            for (let t = 0; t < this.size; t++) {
                if (part.first[t] && !step.first[t]) {
                    step.first[t] = 1;
                    changed = true;
                }
            }
        };
        let nullable = step.nullable;
        switch (step.kind) {
            case 'token':
                return false;
            case 'rule':
                from(step.rule.body);
                nullable = step.rule.body.nullable;
                break;
            case 'group':
                nullable = true;
                for (const part of step.steps) {
                    if (this.update(part)) changed = true;
                    if (nullable) from(part);
                    nullable = nullable && part.nullable;
                }
                break;
            case 'choice':
                nullable = false;
                for (const part of step.alternatives) {
                    if (this.update(part)) changed = true;
                    from(part);
                    nullable = nullable || part.nullable;
                }
                break;
            default:
                if (this.update(step.body)) changed = true;
                from(step.body);
                nullable = step.kind !== 'atLeastOne' || step.body.nullable;
        }
        if (nullable !== step.nullable) {
            step.nullable = nullable;
            changed = true;
        }
        return changed;
    }

    /**
     * Fills the choices' tables, once the first sets are complete. A part that can match nothing
     * where one token decides whether to read it would need the tokens that may follow it.
     */
    private finish(step: Step): void {
        switch (step.kind) {
            case 'token':
            case 'rule':
                return;
            case 'group':
                for (const part of step.steps) this.finish(part);
                return;
            case 'choice':
                step.alternatives.forEach((part, index) => {
                    if (part.nullable) throw new Unsupported('an alternative that can match nothing');
                    this.finish(part);
                    for (let t = 0; t < this.size; t++)
                        if (part.first[t] && step.byToken[t] < 0) step.byToken[t] = index;
                });
                return;
            default:
                if (step.body.nullable) throw new Unsupported('an optional or repeated part that can match nothing');
                this.finish(step.body);
        }
    }
}
