import type { CompositeCstNode, CstNode, LangiumCoreServices, LangiumParser } from 'langium';
import { CstNodeBuilder, createLangiumParser } from 'langium';

type Token = Parameters<CstNodeBuilder['addHiddenNodes']>[0][number];

/**
 * Langium's CST builder with hidden-token placement in constant time. The parser calls
 * `addHiddenNodes` before every token, usually with none; Langium's version then still walks up
 * from the new node and looks it up in its parent with `indexOf`. For the first token of a
 * top-level declaration that parent is the file, so parsing was quadratic in the number of
 * declarations (10k agents). The node being built is always its parent's last child, so the
 * search runs from the end.
 */
export class CapCstNodeBuilder extends CstNodeBuilder {
    override addHiddenNodes(tokens: Token[]): void {
        if (tokens.length === 0) return;
        const nodes: CstNode[] = tokens.map(token => this.createLeafNode(token, true));
        let current: CompositeCstNode = this.current;
        if (current.content.length > 0) {
            this.appendChildren(current, nodes);
            return;
        }
        // A new node with no content yet: the hidden nodes go before it, in the first ancestor
        // where it is not the first child (as Langium places them).
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

/** Langium's parser for Cap's grammar, with Cap's CST builder. */
export function createCapParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    // Langium builds its CstNodeBuilder in the parser's constructor and offers no service for it;
    // the builder is only used while parsing, so replacing it before the first parse is safe.
    (parser as unknown as { nodeBuilder: CstNodeBuilder }).nodeBuilder = new CapCstNodeBuilder();
    return parser;
}
