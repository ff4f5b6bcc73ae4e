import type { CompositeCstNode, CstNode, GrammarAST } from 'langium';
import { CompositeCstNodeImpl } from 'langium';

/** What an open node's `content` is until it closes: the direct parser keeps open children on its own stack. */
const NOT_YET: CstNode[] = Object.freeze([]) as unknown as CstNode[];

/** Slots in one of the parser's lists of children: 8 KB, a young object V8 copies cheaply. */
const CHUNK = 1024;
const COUNT_SHIFT = 10;

/**
 * The composite node the direct parser opens for a rule call: a Langium composite (its prototype
 * is `CompositeCstNodeImpl`'s, so `instanceof`, `offset`, `range` and the rest are Langium's)
 * whose array of children is made when something first reads `content`. Until then its children
 * stay where the parser put them when the node closed: a run of one of the parser's shared lists
 * (`ChildLists`), which `_content` then holds, with the run's place in `_span`.
 *
 * Why: a syntax tree lives as long as its document, so V8 copies every object of a new tree out
 * of the young generation, and that copy was the largest part of a build's garbage collection.
 * A 7,000-line plan has 20,000 composite nodes; their arrays were 40,000 objects and 1.85 of the
 * tree's 7.2 MB. A build reads the children of few of them (400 at that size): the nodes whose
 * range the index or a diagnostic needs; a keystroke that reparses one block reads those after it.
 */
class OpenedComposite {
    /** The node's children, or the list they sit in while `_span` is not -1. */
    _content: CstNode[] = NOT_YET;
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
        return this._span < 0 ? this._content : ownChildren(this);
    },
    // Cap's incremental parse replaces a child of a node in place, as Langium's own code may.
    set(this: OpenedComposite, value: CstNode[]) {
        this._content = value;
        this._span = -1;
    },
    configurable: true,
});

function ownChildren(node: OpenedComposite): CstNode[] {
    const first = node._span & (CHUNK - 1);
    const children = node._content.slice(first, first + (node._span >>> COUNT_SHIFT));
    node._content = children;
    node._span = -1;
    return children;
}

/**
 * Visits the children of a composite node without making its array when it has none yet: an edit
 * that reparses one block moves every later leaf (incremental-parse.ts), and reading `content`
 * there made the arrays of every node after the edit, 18 MB in a 70,000-line plan.
 */
export function forEachChild(node: CompositeCstNode, visit: (child: CstNode) => void): void {
    const span = (node as unknown as Partial<OpenedComposite>)._span ?? -1;
    if (span < 0) {
        for (const child of node.content) visit(child);
        return;
    }
    const list = (node as unknown as OpenedComposite)._content;
    const first = span & (CHUNK - 1);
    const end = first + (span >>> COUNT_SHIFT);
    for (let i = first; i < end; i++) visit(list[i]);
}

/** A composite node for a rule call under `container`, its content still to come (see OpenedComposite). */
export function openComposite(container: CompositeCstNode, grammarSource: GrammarAST.AbstractElement): CompositeCstNodeImpl {
    return new OpenedComposite(container, grammarSource) as unknown as CompositeCstNodeImpl;
}

/**
 * Where one parse keeps the children of the nodes it closes: lists of CHUNK slots, filled in
 * order, a node's children in one run. Made at their full size at once, since growing a list by
 * `push` copies it each time it grows, and one large list for the whole file cost more than the
 * 20,000 arrays it replaced (V8 records every write into a large object).
 */
export class ChildLists {
    private list: CstNode[] = [];
    /** Past the end until the first node closes, so that a parse that closes none makes no list. */
    private used = CHUNK + 1;

    /** Closes a node `openComposite` made, whose children are `children` from `start` on. */
    close(node: CompositeCstNodeImpl, children: readonly CstNode[], start: number): void {
        const opened = node as unknown as OpenedComposite;
        const count = children.length - start;
        if (count > CHUNK) {
            opened._content = children.slice(start);
            return;
        }
        if (this.used + count > CHUNK) {
            this.list = new Array<CstNode>(CHUNK);
            this.used = 0;
        }
        const list = this.list;
        let at = this.used;
        for (let i = start; i < children.length; i++) list[at++] = children[i];
        opened._content = list;
        opened._span = this.used | (count << COUNT_SHIFT);
        this.used = at;
    }
}
