import type { AstNode, AstReflection } from 'langium';
import { AstUtils, GrammarAST, GrammarUtils } from 'langium';

/**
 * For each node type of the grammar, the node types its contents may hold, directly or not: a
 * role's properties and their measures never hold a node the validator checks, nor a reference.
 */
export function containedTypes(grammar: GrammarAST.Grammar): Map<string, Set<string>> {
    // The validator, the linker and the reference index each ask once per service container.
    let below = containedByGrammar.get(grammar);
    if (!below) containedByGrammar.set(grammar, (below = computeContainedTypes(grammar)));
    return below;
}

const containedByGrammar = new WeakMap<GrammarAST.Grammar, Map<string, Set<string>>>();

function computeContainedTypes(grammar: GrammarAST.Grammar): Map<string, Set<string>> {
    const parserRules = grammar.rules.filter(GrammarAST.isParserRule);
    const isCall = (el: AstNode): el is GrammarAST.RuleCall & { rule: { ref: GrammarAST.ParserRule } } =>
        GrammarAST.isRuleCall(el) && GrammarAST.isParserRule(el.rule.ref);
    // A rule's grammar elements, those of the fragments it calls included.
    const elementsOf = (rule: GrammarAST.ParserRule, seen = new Set<GrammarAST.ParserRule>()): AstNode[] => {
        if (seen.has(rule)) return [];
        seen.add(rule);
        const elements: AstNode[] = [rule.definition, ...AstUtils.streamAllContents(rule.definition)];
        for (const el of [...elements])
            if (isCall(el) && el.rule.ref.fragment) elements.push(...elementsOf(el.rule.ref, seen));
        return elements;
    };
    // The node types a call of a rule produces: its own type when it assigns or acts, else those
    // of the rules it calls (`Element: ModelDecl | Role | ...`).
    const producedMemo = new Map<GrammarAST.ParserRule, Set<string>>();
    const produced = (rule: GrammarAST.ParserRule): Set<string> => {
        let types = producedMemo.get(rule);
        if (types) return types;
        types = new Set();
        producedMemo.set(rule, types);
        if (GrammarUtils.isDataTypeRule(rule)) return types;
        const elements = elementsOf(rule);
        for (const el of elements) {
            if (GrammarAST.isAction(el))
                types.add(GrammarUtils.getActionType(el) ?? GrammarUtils.getRuleTypeName(rule));
        }
        if (elements.some(GrammarAST.isAssignment)) types.add(GrammarUtils.getRuleTypeName(rule));
        for (const el of elements) {
            if (isCall(el) && !el.rule.ref.fragment && !AstUtils.getContainerOfType(el, GrammarAST.isAssignment)) {
                for (const t of produced(el.rule.ref)) types.add(t);
            }
        }
        return types;
    };
    const direct = new Map<string, Set<string>>();
    for (const rule of parserRules) {
        if (rule.fragment || GrammarUtils.isDataTypeRule(rule)) continue;
        const children = new Set<string>();
        for (const el of elementsOf(rule)) {
            // What an assignment holds; a cross-reference holds a reference, not a node.
            if (
                isCall(el) &&
                AstUtils.getContainerOfType(el, GrammarAST.isAssignment) &&
                !AstUtils.getContainerOfType(el, GrammarAST.isCrossReference)
            ) {
                for (const t of produced(el.rule.ref)) children.add(t);
            }
        }
        for (const type of produced(rule)) {
            const set = direct.get(type) ?? new Set<string>();
            for (const c of children) set.add(c);
            direct.set(type, set);
        }
    }
    const below = new Map<string, Set<string>>();
    for (const type of direct.keys()) {
        const seen = new Set<string>();
        const queue = [...direct.get(type)!];
        while (queue.length > 0) {
            const t = queue.pop()!;
            if (seen.has(t)) continue;
            seen.add(t);
            queue.push(...(direct.get(t) ?? []));
        }
        below.set(type, seen);
    }
    return below;
}

/**
 * The node types whose contents may hold a cross-reference: the walks that link a document and
 * index its references need not enter the others (a property's measure or frequency), which are
 * about half of a plan's nodes. A type the grammar does not describe is entered.
 */
export function typesWithReferencesBelow(grammar: GrammarAST.Grammar, reflection: AstReflection): Set<string> {
    const below = containedTypes(grammar);
    const holds = (type: string) =>
        Object.values(reflection.getTypeMetaData(type).properties).some(p => p.referenceType !== undefined);
    const types = new Set<string>();
    for (const type of reflection.getAllTypes()) {
        const contained = below.get(type);
        if (!contained || [...contained].some(holds)) types.add(type);
    }
    return types;
}
