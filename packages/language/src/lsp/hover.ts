import { declarationWord } from '../words.js';
import type { AstNode, CstNode, LangiumDocument, MaybePromise, References } from 'langium';
import { AstUtils, CstUtils, GrammarAST, GrammarUtils } from 'langium';
import type { HoverProvider, LangiumServices } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { compoundToMonthly, formatMoney, formatNumber, formatPercent, growthToMonthly, MONTHS_PER } from '@cap/engine';
import type { Measure, Property } from '../generated/ast.js';
import { isAssertion, isData, isMeasure, isMeasureProperty, isScenario } from '../generated/ast.js';
import { interpretMeasure, perMonth } from '../quantities.js';
import type { CapEvaluator } from '../workspace/evaluation.js';
import { explainAgent, explainRole, explainService, explainTier } from './explain.js';
import { figuresFor, resultOf } from './figures.js';
import { blockKindOf } from './block-kind.js';
import { DATA_KEYWORD_DOCS, keywordDoc } from './keyword-docs.js';
import { explainDataBlock } from './explain-data.js';
import { explainScenarioNode, scenarioContext } from './plan-figures.js';

/**
 * Hovers explain: on a declaration or a reference, its figures with the formula and the actual
 * values; on a quantity, its normalised value; on a keyword, what it means. Figures come from the
 * cached evaluation, like the inlay hints.
 */
export class CapHoverProvider implements HoverProvider {
    private readonly references: References;
    private readonly evaluator: CapEvaluator;

    constructor(services: LangiumServices & { evaluation: { CapEvaluator: CapEvaluator } }) {
        this.references = services.references.References;
        this.evaluator = services.evaluation.CapEvaluator;
    }

    getHoverContent(document: LangiumDocument, params: HoverParams): MaybePromise<Hover | undefined> {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
        if (!leaf || leaf.hidden) return undefined;
        const value =
            this.assertionHover(document, leaf) ??
            this.scenarioHover(document, leaf) ??
            this.measureHover(leaf) ??
            this.declarationHover(leaf) ??
            this.keywordHover(leaf);
        return value ? { contents: { kind: 'markdown', value }, range: leaf.range } : undefined;
    }

    /** An assertion: both sides, as the diagnostic of a failed one says them. */
    private assertionHover(document: LangiumDocument, leaf: CstNode): string | undefined {
        const assertion = AstUtils.getContainerOfType(leaf.astNode, isAssertion);
        if (!assertion) return undefined;
        const result = figuresFor(this.evaluator, document)?.evaluation.assertions.find(a => a.node === assertion);
        if (!result) return this.keywordHover(leaf);
        return `**assert** \`${result.text}\`\n\n${result.ok ? '✓' : '✗'} ${result.message}`;
    }

    /** Inside a scenario block: base → scenario values and the scenario's own figures. */
    private scenarioHover(document: LangiumDocument, leaf: CstNode): string | undefined {
        const ctx = scenarioContext(leaf.astNode);
        if (!ctx) return undefined;
        // A reference (`role CSM` in a scenario's agent) explains what it points at.
        const [target] = this.references.findDeclarations(leaf);
        if (target && target !== ctx.member && target !== ctx.scenario) return this.declarationHover(leaf);
        const figures = figuresFor(this.evaluator, document);
        const explained = figures && explainScenarioNode(figures.evaluation, leaf.astNode);
        if (!explained) return undefined;
        const measure = this.measureHover(leaf);
        return measure ? `${measure}\n\n${explained}` : explained;
    }

    private declarationHover(leaf: CstNode): string | undefined {
        const [target] = this.references.findDeclarations(leaf);
        if (!target) return undefined;
        const doc = AstUtils.getDocument(target);
        const figures = figuresFor(this.evaluator, doc);
        if (isData(target)) {
            const block = figures?.evaluation.data.find(d => d.node === target);
            return block ? explainDataBlock(block, figures!.evaluation.results.model.name) : undefined;
        }
        const decl = figures && resultOf(figures.evaluation, target);
        if (!figures || !decl) return declarationOnly(target);
        switch (decl.kind) {
            case 'role':
                return explainRole(figures.evaluation, decl.result, figures.shared);
            case 'service':
                return explainService(figures.evaluation, decl.result, figures.shared);
            case 'tier':
                return explainTier(figures.evaluation, decl.result, figures.shared);
            case 'agent':
                return explainAgent(figures.evaluation, decl.result, figures.shared);
        }
    }

    private measureHover(leaf: CstNode): string | undefined {
        const measure = AstUtils.getContainerOfType(leaf.astNode, isMeasure);
        if (!measure?.$cstNode) return undefined;
        const normalised = describeMeasure(measure);
        if (!normalised) return undefined;
        const key = (measure.$container as Property | undefined)?.key;
        const doc = key ? keywordDoc(key, blockKindOf(measure)) : undefined;
        return [`\`${measure.$cstNode.text}\` = ${normalised}`, ...(doc ? ['', doc] : [])].join('\n');
    }

    /** A keyword, or a property's word (a PROPERTY_WORD token: `churn`, `fte`). */
    private keywordHover(leaf: CstNode): string | undefined {
        const grammar = leaf.grammarSource;
        const word = GrammarAST.isKeyword(grammar) ? grammar.value : isPropertyKey(leaf) ? leaf.text : undefined;
        if (word === undefined) return undefined;
        const dataDoc = AstUtils.getContainerOfType(leaf.astNode, isData) ? DATA_KEYWORD_DOCS[word] : undefined;
        if (dataDoc) return `**${word}**\n\n${dataDoc}`;
        const doc = keywordDoc(word, blockKindOf(leaf.astNode));
        return doc ? `**${word}**\n\n${doc}` : undefined;
    }
}

/** The word of a property written as a measure, not a name that is also a property's word (`agent count`). */
function isPropertyKey(leaf: CstNode): boolean {
    return isMeasureProperty(leaf.astNode) && GrammarUtils.findAssignment(leaf)?.feature === 'key';
}

/** A declaration the base model does not compute (a duplicate, a scenario member): its name only. */
function declarationOnly(node: AstNode): string | undefined {
    const kind = declarationWord(node);
    if (!kind) return undefined;
    const named = node as AstNode & { name?: string; title?: string };
    const inScenario = AstUtils.getContainerOfType(node.$container, isScenario);
    return (
        `**${kind} ${named.name ?? ''}**${named.title ? ` — ${named.title}` : ''}` +
        `${inScenario ? `\n\nIn scenario \`${inScenario.name}\`.` : ''}`
    );
}

/** A share lost (churn, attrition) or gained (expansion) per `months` months, compounded to a month (§5, §16). */
function percentRate(key: string | undefined, rate: number, months: number): string | undefined {
    const root = `^(1/${formatNumber(months, 2)})`;
    const written = formatPercent(rate);
    if (key === 'churn' || key === 'attrition') {
        const monthly = formatPercent(compoundToMonthly(rate, months));
        return `**${monthly} a month** (compounded: 1 − (1 − ${written})${root})`;
    }
    if (key === 'expansion') {
        const monthly = formatPercent(growthToMonthly(rate, months));
        return `**${monthly} a month** (compounded: (1 + ${written})${root} − 1)`;
    }
    return undefined;
}

/** `40h / week` → `173.33 h a month`; `8% / year` → `0.69% a month (compounded)`; `$120k` → `$120,000`. */
export function describeMeasure(m: Measure): string | undefined {
    const interpreted = interpretMeasure(m);
    if (!interpreted.ok) return undefined;
    const q = interpreted;
    const key = (m.$container as Property | undefined)?.key;
    const rate = q.per !== undefined && q.per !== 'month';
    switch (q.dimension) {
        case 'hours':
            return rate ? `**${formatNumber(perMonth(q))} h/month**` : `**${formatNumber(q.value)} h**`;
        case 'money': {
            const currency = q.currency ?? 'USD';
            return rate
                ? `**${formatMoney(perMonth(q), currency)}/month**`
                : `**${formatMoney(q.value, currency)}**${q.per === 'month' ? ' a month' : ''}`;
        }
        case 'percent':
            if (!rate) return `**${formatPercent(q.value)}**${q.per === 'month' ? ' a month' : ''}`;
            return percentRate(key, q.value, MONTHS_PER[q.per!]) ?? `**${formatPercent(perMonth(q))} a month**`;
        case 'duration':
            return `**${formatNumber(q.value)} months**`;
        case 'count':
            return rate ? `**${formatNumber(perMonth(q))} a month**` : `**${formatNumber(q.value)}**`;
    }
}
