import type { AstNode, GrammarAST, MaybePromise } from 'langium';
import { AstUtils, GrammarAST as ast } from 'langium';
import type { LangiumDocument } from 'langium';
import type { CompletionAcceptor, CompletionContext, LangiumServices, NextFeature } from 'langium/lsp';
import { DefaultCompletionProvider } from 'langium/lsp';
import type { CompletionItem, CompletionList, CompletionParams } from 'vscode-languageserver';
import { CompletionItemKind } from 'vscode-languageserver';
import type { CapEvaluator } from '../workspace/evaluation.js';
import { assertionPathBefore, assertionPathItems } from './assertion-completion.js';
import { figuresFor } from './figures.js';
import { columnCompletion } from './data-completion.js';
import { isModelDecl } from '../generated/ast.js';
import { PROPERTY_WORD, propertyWords } from '../parser/property-words.js';
import { PROPERTY_RULES } from '../validation/property-rules.js';
import { blockKindOf } from './block-kind.js';
import { keywordDoc } from './keyword-docs.js';

const PROPERTY_KEYS = new Set(Object.values(PROPERTY_RULES).flatMap(rules => Object.keys(rules)));

/** Unit words a quantity may take after its number (spec section 1), with what they mean. */
const UNITS: { label: string; detail: string }[] = [
    { label: 'h', detail: 'hours' },
    { label: 'min', detail: 'minutes (30min = 0.5 h)' },
    { label: 'months', detail: 'a duration in months' },
    { label: 'weeks', detail: 'a duration in weeks (12/52 of a month each)' },
    { label: 'quarters', detail: 'a duration in quarters' },
    { label: 'years', detail: 'a duration in years' },
];

/**
 * Completion that knows Cap's blocks: the grammar lets every block take every property (so the
 * validator can explain mistakes), but completion offers only the properties the block takes,
 * and offers unit words after a number, which the grammar cannot list because units are names.
 */
export class CapCompletionProvider extends DefaultCompletionProvider {
    private readonly evaluator: CapEvaluator;
    /** The words of the PROPERTY_WORD token, offered where a property may start. */
    private readonly words: string[];

    constructor(services: LangiumServices & { evaluation: { CapEvaluator: CapEvaluator } }) {
        super(services);
        this.evaluator = services.evaluation.CapEvaluator;
        this.words = propertyWords(services.Grammar);
    }

    /**
     * An assertion's path names report figures, not grammar: the parser only knows it is a list of
     * words, so the declarations and their metrics are offered from the cached evaluation.
     */
    override async getCompletion(
        document: LangiumDocument,
        params: CompletionParams,
    ): Promise<CompletionList | undefined> {
        const line = document.textDocument.getText({
            start: { line: params.position.line, character: 0 },
            end: params.position,
        });
        const columns = columnCompletion(this.evaluator, document, params);
        if (columns) return { isIncomplete: false, items: columns };
        const typed = assertionPathBefore(line);
        if (typed) {
            const figures = figuresFor(this.evaluator, document);
            const items = figures ? assertionPathItems(figures.evaluation, typed) : [];
            const partial = typed[typed.length - 1];
            const range = {
                start: { line: params.position.line, character: params.position.character - partial.length },
                end: params.position,
            };
            return {
                isIncomplete: false,
                items: items.map(item => ({ ...item, textEdit: { range, newText: item.label } })),
            };
        }
        return super.getCompletion(document, params);
    }

    protected override completionFor(
        context: CompletionContext,
        next: NextFeature,
        acceptor: CompletionAcceptor,
    ): MaybePromise<void> {
        if (isUnitFeature(next)) {
            for (const unit of UNITS)
                acceptor(context, {
                    label: unit.label,
                    detail: unit.detail,
                    kind: CompletionItemKind.Unit,
                    sortText: `0${unit.label}`,
                });
            const currency = modelCurrency(context.node);
            acceptor(context, { label: currency, detail: "the model's currency", kind: CompletionItemKind.Unit });
            return;
        }
        if (isPropertyWordFeature(next)) {
            // A property's word is a token, not a keyword: the block's own are offered as keywords are.
            const block = blockKindOf(context.node);
            for (const word of this.words)
                if (block === undefined || word in PROPERTY_RULES[block])
                    acceptor(context, this.propertyItem(context, word));
            return;
        }
        return super.completionFor(context, next, acceptor);
    }

    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        // Langium offers only keywords made of letters; `%` is a unit a user wants offered too.
        if (keyword.value === '%') return true;
        if (!super.filterKeyword(context, keyword)) return false;
        if (!PROPERTY_KEYS.has(keyword.value)) return true;
        const block = blockKindOf(context.node);
        return block === undefined || keyword.value in PROPERTY_RULES[block];
    }

    protected override completionForKeyword(
        context: CompletionContext,
        keyword: GrammarAST.Keyword,
        acceptor: CompletionAcceptor,
    ): MaybePromise<void> {
        if (!this.filterKeyword(context, keyword)) return;
        acceptor(context, this.propertyItem(context, keyword.value));
    }

    /** A keyword or a property's word, with what it means in this block. */
    private propertyItem(context: CompletionContext, word: string): CompletionItem {
        const doc = keywordDoc(word, blockKindOf(context.node));
        return {
            label: word,
            kind: CompletionItemKind.Keyword,
            detail: PROPERTY_KEYS.has(word) ? 'property' : 'keyword',
            documentation: doc ? { kind: 'markdown', value: doc } : undefined,
            sortText: PROPERTY_KEYS.has(word) ? '1' : '2',
        };
    }
}

/** The word of a property written as a measure (`MeasureKey` in cap.langium). */
function isPropertyWordFeature(next: NextFeature): boolean {
    const feature = next.feature;
    return (
        ast.isRuleCall(feature) &&
        feature.rule.ref?.name === PROPERTY_WORD &&
        AstUtils.getContainerOfType(feature, ast.isParserRule)?.name === 'MeasureKey'
    );
}

function isUnitFeature(next: NextFeature): boolean {
    const feature = next.feature;
    if (!ast.isRuleCall(feature)) return false;
    const assignment = AstUtils.getContainerOfType(feature, ast.isAssignment);
    if (assignment?.feature === 'unit' && AstUtils.getContainerOfType(assignment, ast.isParserRule)?.name === 'Measure')
        return true;
    const rule = AstUtils.getContainerOfType(feature, ast.isParserRule);
    return rule?.name === 'UnitName' && feature.rule.ref?.name === 'ID' && next.property !== 'per';
}

function modelCurrency(node: AstNode | undefined): string {
    const root = node ? (AstUtils.findRootNode(node) as AstNode & { elements?: AstNode[] }) : undefined;
    const header = root?.elements?.find(isModelDecl);
    const prop = header?.props.find(p => p.key === 'currency') as { code?: string } | undefined;
    return prop?.code ?? 'USD';
}
