import type { AstNode } from 'langium';
import type { SemanticTokenAcceptor } from 'langium/lsp';
import { AbstractSemanticTokenProvider } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import {
    isAgent,
    isAssertion,
    isIntakeEntry,
    isMeasure,
    isModelDecl,
    isOverheadItem,
    isProperty,
    isRole,
    isRoleProperty,
    isScenario,
    isService,
    isServicesProperty,
    isTier,
    isTiersProperty,
} from '../generated/ast.js';

/**
 * One token type per kind of declaration, used for its name and every reference to it, so a
 * theme colours `CSM` the same where it is declared and where a service names it; quantities and
 * their units get number and unit colours the TextMate grammar cannot tell apart from names.
 */
const DECLARATION_TYPES: [(n: AstNode) => boolean, string][] = [
    [isRole, SemanticTokenTypes.class],
    [isService, SemanticTokenTypes.function],
    [isTier, SemanticTokenTypes.enum],
    [isAgent, SemanticTokenTypes.variable],
    [isScenario, SemanticTokenTypes.namespace],
    [isModelDecl, SemanticTokenTypes.namespace],
];

export class CapSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const declaration = DECLARATION_TYPES.find(([is]) => is(node));
        if (declaration) {
            acceptor({
                node,
                property: 'name' as never,
                type: declaration[1],
                modifier: SemanticTokenModifiers.declaration,
            });
            return;
        }
        if (isRoleProperty(node)) {
            acceptor({ node, property: 'key', type: SemanticTokenTypes.property });
            acceptor({ node, property: 'role', type: SemanticTokenTypes.class });
        } else if (isServicesProperty(node)) {
            acceptor({ node, property: 'key', type: SemanticTokenTypes.property });
            node.services.forEach((_, index) =>
                acceptor({ node, property: 'services', index, type: SemanticTokenTypes.function }),
            );
        } else if (isTiersProperty(node)) {
            acceptor({ node, property: 'key', type: SemanticTokenTypes.property });
            node.tiers.forEach((_, index) =>
                acceptor({ node, property: 'tiers', index, type: SemanticTokenTypes.enum }),
            );
        } else if (isProperty(node)) {
            acceptor({ node, property: 'key', type: SemanticTokenTypes.property });
        } else if (isOverheadItem(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.property });
        } else if (isIntakeEntry(node)) {
            acceptor({ node, property: 'count', type: SemanticTokenTypes.number });
        } else if (isMeasure(node)) {
            acceptor({ node, property: 'value', type: SemanticTokenTypes.number });
            if (node.unit !== undefined) acceptor({ node, property: 'unit', type: SemanticTokenTypes.type });
        } else if (isAssertion(node)) {
            node.path.forEach((_, index) =>
                acceptor({ node, property: 'path', index, type: SemanticTokenTypes.property }),
            );
        }
    }
}
