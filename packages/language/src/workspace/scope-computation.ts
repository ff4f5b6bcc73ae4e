import type { AstNode, AstNodeDescription, LangiumDocument } from 'langium';
import { DefaultScopeComputation, MultiMap } from 'langium';

/**
 * Exports top-level declarations to the index, as Langium does, but computes no local symbols:
 * CapScopeProvider resolves every name through the index (import closure) and scenario maps, never
 * through `document.localSymbols`. Langium's default walks the whole AST and creates a
 * description for every named node on every build, about a tenth of a build for nothing.
 */
export class CapScopeComputation extends DefaultScopeComputation {
    override async collectLocalSymbols(_document: LangiumDocument): Promise<MultiMap<AstNode, AstNodeDescription>> {
        return new MultiMap();
    }
}
