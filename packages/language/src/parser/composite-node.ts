import type { CompositeCstNode, CstNode, GrammarAST } from 'langium';
import { CompositeCstNodeImpl } from 'langium';
import type { Tokens } from './scanner.js';
import type { TokenType } from './token-leaf.js';
import { TokenLeaf } from './token-leaf.js';

/** What an open node's `content` is until it closes: the direct parser keeps open children on its own stack. */
const NOT_YET: CstNode[] = Object.freeze([]) as unknown as CstNode[];

/** Slots in one of the parser's lists of children: 32 KB, a young object V8 copies cheaply. */
const CHUNK = 4096;
const COUNT_SHIFT = 12;
/** Past the slots of a list: where its tokens are (`Positions`) and what they are (`LeafKinds`). */
const POSITIONS = CHUNK;
const KINDS = CHUNK + 1;

/**
 * The composite node the direct parser opens for a rule call: a Langium composite (its prototype
 * is `CompositeCstNodeImpl`'s, so `instanceof`, `offset`, `range` and the rest are Langium's)
 * whose array of children is made when something first reads `content`. Until then its children
 * stay where the parser put them when the node closed: a run of one of the parser's shared lists
 * (`ChildLists`), which `_content` then holds, with the run's place in `_span`. A token's leaf
 * is made then too: until then it is a number in the list, and its offset and length are two
 * numbers in the list's table of positions.
 *
 * Why: a syntax tree lives as long as its document, so V8 copies every object of a new tree out
 * of the young generation, and that copy was the largest part of a build's garbage collection.
 * A 7,000-line plan has 20,000 composite nodes and 23,500 tokens; their arrays and leaves were
 * 63,000 objects and 3.4 of the tree's 7.2 MB. A build reads the children of few of them (400
 * composites at that size): the nodes whose range the index or a diagnostic needs; a keystroke
 * that reparses one block moves the tokens after it in the tables.
 */
class OpenedComposite {
    /** The node's children, or the list they sit in while `_span` is not -1. */
    _content: unknown[] = NOT_YET;
    _astNode: unknown = undefined;
    _rangeCache: unknown = undefined;
    /** The run of `_content` that is the node's children: first | count << COUNT_SHIFT; -1 when `_content` is its own. */
    _span = -1;

    constructor(
        public container: CompositeCstNode,
        public grammarSource: GrammarAST.AbstractElement,
    ) {}
}

Object.setPrototypeOf(OpenedComposite.prototype, CompositeCstNodeImpl.prototype);
Object.defineProperty(OpenedComposite.prototype, 'content', {
    get(this: OpenedComposite): CstNode[] {
        return this._span < 0 ? this._content as CstNode[] : ownChildren(this);
    },
    // Cap's incremental parse replaces a child of a node in place, as Langium's own code may.
    set(this: OpenedComposite, value: CstNode[]) {
        this._content = value;
        this._span = -1;
    },
    configurable: true,
});

function ownChildren(node: OpenedComposite): CstNode[] {
    const list = node._content;
    const first = node._span & (CHUNK - 1);
    const children = list.slice(first, first + (node._span >>> COUNT_SHIFT));
    for (let i = 0; i < children.length; i++) {
        if (typeof children[i] === 'number') children[i] = leafAt(node, list, first + i);
    }
    node._content = children;
    node._span = -1;
    return children as CstNode[];
}

function leafAt(container: OpenedComposite, list: unknown[], slot: number): CstNode {
    const what = list[slot] as number;
    const positions = list[POSITIONS] as Int32Array;
    const kinds = list[KINDS] as LeafKinds;
    return tokenNode(container, kinds.shapes[what >>> 8], positions[2 * slot], positions[2 * slot + 1], kinds.tokenTypes[what & 255]);
}

/** The leaf of a token under `container`, inside the composite nodes its shape wraps it in. */
function tokenNode(container: unknown, shape: TokenShape, offset: number, length: number, tokenType: TokenType): CstNode {
    const wrappers = shape.wrappers;
    if (wrappers.length === 0) return new TokenLeaf(container as CompositeCstNode, shape.element, offset, length, tokenType);
    const outer = new OpenedComposite(container as CompositeCstNode, wrappers[0]);
    let inner = outer;
    for (let i = 1; i < wrappers.length; i++) {
        const next = new OpenedComposite(inner as unknown as CompositeCstNode, wrappers[i]);
        inner._content = [next];
        inner = next;
    }
    inner._content = [new TokenLeaf(inner as unknown as CompositeCstNode, shape.element, offset, length, tokenType)];
    return outer as unknown as CstNode;
}

/** A composite node for a rule call under `container`, its content still to come (see OpenedComposite). */
export function openComposite(container: CompositeCstNode, grammarSource: GrammarAST.AbstractElement): CompositeCstNodeImpl {
    return new OpenedComposite(container, grammarSource) as unknown as CompositeCstNodeImpl;
}

/**
 * Visits the children of a composite node that are nodes already, and moves the offsets of the
 * tokens whose leaves are not made yet by `delta`, without making the node's array: an edit that
 * reparses one block moves every later token (incremental-parse.ts), and reading `content` there
 * made the arrays and leaves of every node after the edit, 30 MB in a 70,000-line plan.
 */
export function forEachChild(node: CompositeCstNode, delta: number, visit: (child: CstNode) => void): void {
    const span = (node as unknown as Partial<OpenedComposite>)._span ?? -1;
    if (span < 0) {
        for (const child of node.content) visit(child);
        return;
    }
    const list = (node as unknown as OpenedComposite)._content;
    const positions = list[POSITIONS] as Int32Array;
    const first = span & (CHUNK - 1);
    const end = first + (span >>> COUNT_SHIFT);
    for (let i = first; i < end; i++) {
        const child = list[i];
        if (typeof child === 'number') positions[2 * i] += delta;
        else visit(child as CstNode);
    }
}

/**
 * A token as the parser's lists keep it: its grammar element, and the composite nodes of datatype
 * rules that hold nothing but it (`UnitName` > `TimeUnit` > `month`), outermost first. Those
 * nodes (6,000 of the 20,000 composites of a 7,000-line plan) are made with the leaf.
 */
export interface TokenShape {
    readonly element: GrammarAST.AbstractElement;
    readonly wrappers: readonly GrammarAST.AbstractElement[];
}

/**
 * What the tokens in the parser's lists are: shapes and token types, each by a number. One per
 * parser, shared by its parses, since the numbers stay in the trees it made.
 */
export class LeafKinds {
    readonly shapes: TokenShape[] = [];
    /** Shape numbers by element, then by wrappers from the innermost out. */
    private readonly ids: ShapeIds = new Map();

    constructor(readonly tokenTypes: readonly TokenType[]) {}

    /**
     * The number of a token of `element` inside the composite nodes of `outer`, `middle` and
     * `inner`, those given, outermost first (separate arguments: an array per token was garbage).
     */
    shape(element: GrammarAST.AbstractElement, outer?: GrammarAST.AbstractElement, middle?: GrammarAST.AbstractElement, inner?: GrammarAST.AbstractElement): number {
        let entry = step(this.ids, element);
        if (inner) entry = step(entry.outer, inner);
        if (middle) entry = step(entry.outer, middle);
        if (outer) entry = step(entry.outer, outer);
        if (entry.id < 0) {
            entry.id = this.shapes.length;
            this.shapes.push({ element, wrappers: [outer, middle, inner].filter((w): w is GrammarAST.AbstractElement => w !== undefined) });
        }
        return entry.id;
    }

    /**
     * A token's entry on the parser's stack of children: its index and its shape, or undefined
     * when they do not fit in a small integer (over 2 million tokens in the file, or 1,024
     * shapes, or 256 kinds of token) and the parser makes the nodes at once.
     */
    token(index: number, shape: number, kind: number): number | undefined {
        if (index >= 1 << 21 || shape >= 1 << 10 || kind > 255) return undefined;
        return index * 1024 + shape;
    }
}

type ShapeIds = Map<GrammarAST.AbstractElement, ShapeEntry>;
interface ShapeEntry {
    id: number;
    outer: ShapeIds;
}

function step(ids: ShapeIds, key: GrammarAST.AbstractElement): ShapeEntry {
    let entry = ids.get(key);
    if (entry === undefined) ids.set(key, (entry = { id: -1, outer: new Map() }));
    return entry;
}

/**
 * Where one parse keeps the children of the nodes it closes: lists of CHUNK slots, filled in
 * order, a node's children in one run, each token as a number with its position in the list's
 * table. Made at their full size at once, since growing a list by `push` copies it each time it
 * grows, and one large list for the whole file cost more than the 20,000 arrays it replaced
 * (V8 records every write into a large object).
 */
export class ChildLists {
    private list: unknown[] = [];
    /** Past the end until the first node closes, so that a parse that closes none makes no list. */
    private used = CHUNK + 1;

    constructor(
        private readonly tokens: Tokens,
        private readonly kinds: LeafKinds,
    ) {}

    /**
     * Closes a node `openComposite` made, whose children are `children` from `start` on: nodes,
     * and tokens as `LeafKinds.token` numbered them.
     */
    close(node: CompositeCstNodeImpl, children: readonly unknown[], start: number): void {
        const opened = node as unknown as OpenedComposite;
        const count = children.length - start;
        if (count > CHUNK) {
            opened._content = this.own(opened, children, start);
            return;
        }
        if (this.used + count > CHUNK) {
            this.list = new Array<unknown>(CHUNK + 2);
            this.list[POSITIONS] = new Int32Array(2 * CHUNK);
            this.list[KINDS] = this.kinds;
            this.used = 0;
        }
        const list = this.list;
        const positions = list[POSITIONS] as Int32Array;
        const t = this.tokens;
        let at = this.used;
        for (let i = start; i < children.length; i++, at++) {
            const child = children[i];
            if (typeof child === 'number') {
                const index = child >>> 10;
                list[at] = ((child & 1023) << 8) | t.kind[index];
                positions[2 * at] = t.start[index];
                positions[2 * at + 1] = t.end[index] - t.start[index];
            } else {
                list[at] = child;
            }
        }
        opened._content = list;
        opened._span = this.used | (count << COUNT_SHIFT);
        this.used = at;
    }

    /** The array of `container`'s children `children` from `start` on, their leaves made now. */
    own(container: CompositeCstNode | OpenedComposite, children: readonly unknown[], start: number): CstNode[] {
        const out = children.slice(start);
        const t = this.tokens;
        for (let i = 0; i < out.length; i++) {
            const child = out[i];
            if (typeof child !== 'number') continue;
            const index = child >>> 10;
            out[i] = tokenNode(container, this.kinds.shapes[child & 1023], t.start[index], t.end[index] - t.start[index], this.kinds.tokenTypes[t.kind[index]]);
        }
        return out as CstNode[];
    }
}
