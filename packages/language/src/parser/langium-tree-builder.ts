import type {
    AstNode,
    AstReflection,
    CompositeCstNodeImpl,
    CstNode,
    GrammarAST as G,
    LangiumCoreServices,
    Linker,
    Mutable,
    ValueConverter,
} from 'langium';
import { AstUtils, GrammarAST, GrammarUtils, isAstNode } from 'langium';
import { CapCstNodeBuilder } from './cst-node-builder.js';
import type { ParseEvents } from './event-parser.js';
import { TokenTable } from './token-table.js';

/** An AST node while it is built: plain properties, as Langium's parser makes them. */
interface Building {
    $type: string;
    $cstNode: CstNode;
    [property: string]: unknown;
}

/** A rule being read. Frames are reused from one rule to the next at the same depth. */
interface Frame {
    /** The rule's AST node; for a datatype rule, an object that only receives its CST node. */
    node: Building;
    cst: CompositeCstNodeImpl;
    call: G.RuleCall | G.CrossReference | undefined;
    /** A datatype rule's text so far; undefined for a rule that makes an AST node. */
    text: string | undefined;
    /** Whether a property of `node` has been assigned. */
    assigned: boolean;
}

/** Where an element's value goes: the assignment around it. */
interface Target {
    feature: string;
    operator: G.Assignment['operator'];
    reference: 'single' | 'multi' | undefined;
}

/** What the builder needs to know of a grammar element, found once. */
interface ElementInfo {
    target: Target | undefined;
    /** A keyword's value is its text; anything else goes through the value converter. */
    keyword: boolean;
}

/**
 * Builds Langium's syntax tree from the event parser's events, node for node as Langium's parser
 * builds it: the CST through Langium's `CstNodeBuilder`, AST nodes as plain objects whose
 * properties are assigned, converted and defaulted as Langium's parser does, references made by
 * the linker, and each node's container set when it is assigned (the properties Langium's
 * `AstUtils.linkContentToContainer` sets after a parse, in its order). Only public constructors,
 * builder methods and services are used, so the tree is an ordinary Langium tree.
 */
export class LangiumTreeBuilder implements ParseEvents {
    private readonly converter: ValueConverter;
    private readonly linker: Linker;
    private readonly reflection: AstReflection;
    private readonly elements = new Map<G.AbstractElement, ElementInfo>();
    private readonly kinds = new Map<G.ParserRule, { type: string; datatype: boolean }>();

    private nodes = new CapCstNodeBuilder();
    private readonly frames: Frame[] = [];
    private depth = 0;
    /** What a datatype rule's CST node is given to: the rule makes no AST node. */
    private datatypeNode = { $type: '' } as Building;
    private tokens = EMPTY;
    private hidden = EMPTY;
    private hiddenRead = 0;
    private root: Building | undefined;

    constructor(services: LangiumCoreServices) {
        this.converter = services.parser.ValueConverter;
        this.linker = services.references.Linker;
        this.reflection = services.shared.AstReflection;
    }

    /** Starts the tree of `text`, whose tokens the parser reads and whose hidden tokens (comments) are `hidden`. */
    begin(text: string, tokens: TokenTable, hidden: TokenTable): void {
        this.release();
        this.nodes.buildRootNode(text);
        this.tokens = tokens;
        this.hidden = hidden;
    }

    /** The finished tree, once the parser has read the entry rule to its end. */
    finish(): AstNode {
        const root = this.root;
        if (!root) throw new Error('the entry rule has not finished');
        this.addHidden(this.hidden.count);
        this.release();
        return root;
    }

    /** Lets go of the tree being built: nothing of a parse stays with the builder. */
    release(): void {
        this.nodes = new CapCstNodeBuilder();
        this.datatypeNode = { $type: '' } as Building;
        this.frames.length = 0;
        this.depth = 0;
        this.tokens = EMPTY;
        this.hidden = EMPTY;
        this.hiddenRead = 0;
        this.root = undefined;
    }

    startRule(rule: G.ParserRule, call: G.RuleCall | G.CrossReference | undefined): void {
        if (call) this.nodes.buildCompositeNode(call);
        const kind = this.kindOf(rule);
        // `$cstNode` comes with `construct`, after the properties, as with Langium's parser.
        const node = kind.datatype ? this.datatypeNode : ({ $type: kind.type } as Building);
        const text = kind.datatype ? '' : undefined;
        const frame = this.frames[this.depth++];
        if (frame) {
            frame.node = node;
            frame.cst = this.nodes.current;
            frame.call = call;
            frame.text = text;
            frame.assigned = false;
        } else {
            this.frames.push({ node, cst: this.nodes.current, call, text, assigned: false });
        }
    }

    token(index: number, element: G.Keyword | G.RuleCall | G.CrossReference): void {
        const offset = this.tokens.offset(index);
        let upTo = this.hiddenRead;
        while (upTo < this.hidden.count && this.hidden.offset(upTo) <= offset) upTo++;
        this.addHidden(upTo);
        // What CstNodeBuilder.buildLeafNode does with a token object.
        const leaf = this.tokens.leaf(index, false);
        leaf.grammarSource = element;
        this.nodes.appendChild(this.nodes.current, leaf);
        const frame = this.frames[this.depth - 1];
        const { target, keyword } = this.infoOf(element);
        if (target) {
            const image = this.tokens.image(index);
            this.assign(frame.node, target, keyword ? image : this.converter.convert(image, leaf), leaf);
            frame.assigned = true;
        } else if (frame.text !== undefined) {
            const image = this.tokens.image(index);
            frame.text += keyword ? image : this.converter.convert(image, leaf).toString();
        }
    }

    finishRule(): void {
        const frame = this.frames[--this.depth];
        this.nodes.construct(frame.node);
        const parent = this.depth > 0 ? this.frames[this.depth - 1] : undefined;
        if (frame.text === undefined) AstUtils.assignMandatoryProperties(this.reflection, frame.node);
        if (!frame.call || !parent) {
            frame.cst.astNode = frame.node;
            this.root = frame.node;
            return;
        }
        // As in Langium's parser, a call that read nothing gives nothing.
        if (frame.cst.length === 0) return;
        const value = frame.text === undefined ? frame.node : this.converter.convert(frame.text, frame.cst);
        const target = this.infoOf(frame.call).target;
        if (target) {
            if (frame.text === undefined) frame.cst.astNode = frame.node;
            this.assign(parent.node, target, value, frame.cst);
            parent.assigned = true;
        } else if (parent.text !== undefined) {
            parent.text += value.toString();
        } else if (frame.text === undefined) {
            // An unassigned call (`Element: Role | Service ...`): the called rule's node stands for the caller's.
            parent.node = parent.assigned ? adopt(frame.node, parent.node) : frame.node;
        }
    }

    private assign(node: Building, target: Target, value: unknown, cst: CstNode): void {
        let item = value;
        if (typeof value === 'string' && target.reference === 'single')
            item = this.linker.buildReference(node, target.feature, cst, value);
        else if (typeof value === 'string' && target.reference === 'multi')
            item = this.linker.buildMultiReference(node, target.feature, cst, value);
        switch (target.operator) {
            case '=':
                node[target.feature] = item;
                if (isAstNode(item)) contain(item, node, target.feature, undefined);
                break;
            case '?=':
                node[target.feature] = true;
                break;
            case '+=': {
                const existing = node[target.feature];
                const list: unknown[] = Array.isArray(existing) ? existing : [];
                if (list !== existing) node[target.feature] = list;
                if (isAstNode(item)) contain(item, node, target.feature, list.length);
                list.push(item);
            }
        }
    }

    /** Adds the hidden tokens before index `upTo` that are not in the tree yet. */
    private addHidden(upTo: number): void {
        if (upTo <= this.hiddenRead) return;
        const leaves = [];
        for (let i = this.hiddenRead; i < upTo; i++) leaves.push(this.hidden.leaf(i, true));
        this.nodes.addHiddenLeaves(leaves);
        this.hiddenRead = upTo;
    }

    private infoOf(element: G.AbstractElement): ElementInfo {
        let info = this.elements.get(element);
        if (!info) {
            const assignment = AstUtils.getContainerOfType(element, GrammarAST.isAssignment);
            const terminal = assignment?.terminal;
            const target: Target | undefined = assignment && {
                feature: assignment.feature,
                operator: assignment.operator,
                reference: GrammarAST.isCrossReference(terminal) ? (terminal.isMulti ? 'multi' : 'single') : undefined,
            };
            info = { target, keyword: GrammarAST.isKeyword(element) };
            this.elements.set(element, info);
        }
        return info;
    }

    private kindOf(rule: G.ParserRule): { type: string; datatype: boolean } {
        let kind = this.kinds.get(rule);
        if (!kind) {
            const datatype = GrammarUtils.isDataTypeRule(rule);
            kind = { type: datatype ? rule.name : GrammarUtils.getTypeName(rule), datatype };
            this.kinds.set(rule, kind);
        }
        return kind;
    }
}

const EMPTY = new TokenTable('', []);

/** A node's place in its container: the three properties, in the order Langium sets them. */
export function contain(node: AstNode, container: AstNode, property: string, index: number | undefined): void {
    const contained = node as Mutable<AstNode>;
    contained.$container = container;
    contained.$containerProperty = property;
    if (index !== undefined) contained.$containerIndex = index;
}

/**
 * The called rule's node takes the caller's place, keeping what the caller had that it lacks (as
 * Langium's parser does for an unassigned rule call); what it takes over is now contained in it.
 */
function adopt(node: Building, caller: Building): Building {
    for (const name in caller) {
        if (name.startsWith('$')) {
            if (node[name] === undefined) node[name] = caller[name];
            continue;
        }
        const value = caller[name];
        const own = node[name];
        if (own === undefined) {
            node[name] = value;
        } else if (Array.isArray(own) && Array.isArray(value)) {
            value.push(...own);
            node[name] = value;
        } else {
            continue;
        }
        if (Array.isArray(value)) value.forEach((item, index) => isAstNode(item) && contain(item, node, name, index));
        else if (isAstNode(value)) contain(value, node, name, undefined);
    }
    return node;
}
