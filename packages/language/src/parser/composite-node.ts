import type { CompositeCstNode, CstNode, GrammarAST } from 'langium';
import { CompositeCstNodeImpl } from 'langium';

/** What an open node's `content` is until it closes: the direct parser keeps open children on its own stack. */
const NOT_YET: CstNode[] = Object.freeze([]) as unknown as CstNode[];

/**
 * The composite node the direct parser opens for a rule call: a Langium composite (its prototype
 * is `CompositeCstNodeImpl`'s, so `instanceof`, `offset`, `range` and the rest are Langium's) with
 * Langium's fields in Langium's order, made without the empty `content` array Langium's
 * constructor makes: the parser gives each node its array of children once, when it closes, so
 * that first array was garbage at once, 20,000 of them (640 KB) in a 7,000-line build.
 */
class OpenedComposite {
    content: CstNode[] = NOT_YET;
    _astNode: unknown = undefined;
    _rangeCache: unknown = undefined;

    constructor(
        public container: CompositeCstNode,
        public grammarSource: GrammarAST.AbstractElement,
    ) {}
}

Object.setPrototypeOf(OpenedComposite.prototype, CompositeCstNodeImpl.prototype);

/** A composite node for a rule call under `container`, its content still to come (see OpenedComposite). */
export function openComposite(container: CompositeCstNode, grammarSource: GrammarAST.AbstractElement): CompositeCstNodeImpl {
    return new OpenedComposite(container, grammarSource) as unknown as CompositeCstNodeImpl;
}
