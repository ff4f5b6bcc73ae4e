import type { AstNode, Grammar, GrammarAST } from 'langium';
import { AstUtils, GrammarAST as G } from 'langium';

/**
 * The grammar elements of cap.langium that the direct parser (direct-parser.ts) marks its CST
 * nodes with, found once by rule, keyword and property name. Langium's own parser marks every
 * node with the element that produced it, and services downstream rely on that (the name node
 * of a declaration is the leaf whose element is the `name=` assignment's); the direct parser must
 * therefore use these very objects. A rename in the grammar that this file does not follow fails
 * here, at the first parse, not later in a wrong tree.
 */
export class GrammarElements {
    private readonly rules = new Map<string, GrammarAST.AbstractRule>();
    private readonly contentsOf = new Map<string, AstNode[]>();

    constructor(grammar: Grammar) {
        for (const rule of grammar.rules) this.rules.set(rule.name, rule);
    }

    /** The `n`th keyword `value` in `rule`'s own definition. */
    keyword(rule: string, value: string, n = 0): GrammarAST.Keyword {
        return this.nth(rule, `keyword '${value}'`, n, node => G.isKeyword(node) && node.value === value) as GrammarAST.Keyword;
    }

    /** Every keyword in `rule`'s own definition, by value. */
    keywords(rule: string): Map<string, GrammarAST.Keyword> {
        const out = new Map<string, GrammarAST.Keyword>();
        for (const node of this.contents(rule)) {
            if (G.isKeyword(node) && !out.has(node.value)) out.set(node.value, node);
        }
        return out;
    }

    /** What the `n`th assignment to `feature` in `rule` consumes: a rule call, keyword or cross-reference. */
    assigned(rule: string, feature: string, n = 0): GrammarAST.AbstractElement {
        const assignment = this.nth(rule, `assignment to '${feature}'`, n, node => G.isAssignment(node) && node.feature === feature) as GrammarAST.Assignment;
        return assignment.terminal;
    }

    /** The unassigned call of rule `callee` in `rule` (`Element: Role | ...`, `UnitName: ID | TimeUnit`). */
    call(rule: string, callee: string): GrammarAST.RuleCall {
        return this.nth(rule, `call of ${callee}`, 0, node => G.isRuleCall(node) && node.rule.$refText === callee && !G.isAssignment(node.$container)) as GrammarAST.RuleCall;
    }

    private nth(rule: string, what: string, n: number, test: (node: AstNode) => boolean): AstNode {
        let seen = 0;
        for (const node of this.contents(rule)) {
            if (test(node) && seen++ === n) return node;
        }
        throw new Error(`cap.langium has no ${what} (#${n + 1}) in rule ${rule}; the direct parser needs updating`);
    }

    /** A rule's elements, listed once: the parser asks about each rule a few dozen times at start-up. */
    private contents(name: string): AstNode[] {
        let contents = this.contentsOf.get(name);
        if (!contents) {
            const rule = this.rules.get(name);
            if (!rule || !G.isParserRule(rule)) throw new Error(`cap.langium has no parser rule ${name}; the direct parser needs updating`);
            contents = [rule.definition, ...AstUtils.streamAllContents(rule.definition)];
            this.contentsOf.set(name, contents);
        }
        return contents;
    }
}
