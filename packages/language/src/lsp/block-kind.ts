import type { AstNode } from 'langium';
import { isAgent, isModelDecl, isRole, isService, isTier } from '../generated/ast.js';
import type { BlockKind } from '../validation/property-rules.js';

/** The kind of block a node sits in, which decides what its keywords and properties mean. */
export function blockKindOf(node: AstNode | undefined): BlockKind | undefined {
    for (let n = node; n; n = n.$container) {
        if (isRole(n)) return 'role';
        if (isService(n)) return 'service';
        if (isTier(n)) return 'tier';
        if (isAgent(n)) return 'agent';
        if (isModelDecl(n)) return 'model';
    }
    return undefined;
}
