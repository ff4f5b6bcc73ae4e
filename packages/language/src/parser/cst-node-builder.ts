import type { CompositeCstNode, CstNode } from 'langium';
import { CstNodeBuilder } from 'langium';

type Token = Parameters<CstNodeBuilder['addHiddenNodes']>[0][number];

/**
 * Langium's CST builder, with comments placed where Langium places them in constant time. Before
 * the first token of a node, Langium's version looks the node up in its parent with `indexOf`,
 * from the front; for a top-level declaration that parent is the file, so reading a file whose
 * declarations have comments before them was quadratic in the number of declarations. The node
 * being built is always its parent's last child, so the search runs from the end.
 */
export class CapCstNodeBuilder extends CstNodeBuilder {
    override addHiddenNodes(tokens: Token[]): void {
        this.addHiddenLeaves(tokens.map(token => this.createLeafNode(token, true)));
    }

    /** Places the leaves of hidden tokens, made already, where `addHiddenNodes` places them. */
    addHiddenLeaves(nodes: CstNode[]): void {
        let current: CompositeCstNode = this.current;
        if (current.content.length > 0) {
            this.appendChildren(current, nodes);
            return;
        }
        // A node with no content yet: the comments go before it, in the first ancestor where it
        // is not the first child, or at the start of the file.
        while (current.container) {
            const index = current.container.content.lastIndexOf(current);
            if (index > 0) {
                this.insertChildren(current.container, index, nodes);
                return;
            }
            current = current.container;
        }
        this.insertChildren(current, 0, nodes);
    }
}
