import type { AstNode, AstNodeDescription, LangiumDocument } from 'langium';
import { Cancellation, DefaultScopeComputation, MultiMap, interruptAndCheck, isAstNode } from 'langium';
import { propertiesOf } from './ast-walk.js';

/** Top-level declarations between two cancellation checks (see ast-walk.ts). */
const CHECK_EVERY = 512;

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

    /**
     * The root and its direct children, in Langium's order, with a cancellation check every few
     * hundred children rather than an await on each: on a 7,000-line plan the per-child awaits
     * (a promise and a turn of the microtask queue each) were a megabyte of garbage a build.
     */
    override async collectExportedSymbols(
        document: LangiumDocument,
        cancelToken = Cancellation.CancellationToken.None,
    ): Promise<AstNodeDescription[]> {
        const root = document.parseResult.value;
        const exports: AstNodeDescription[] = [];
        this.addExportedSymbol(root, exports, document);
        const cancellable = cancelToken !== Cancellation.CancellationToken.None;
        let visited = 0;
        const record = propertiesOf(root);
        for (const key in record) {
            if (key.charCodeAt(0) === 36 /* $ */) continue;
            const value = record[key];
            const children = Array.isArray(value) ? value : [value];
            for (const child of children) {
                if (!isAstNode(child)) continue;
                if (cancellable && ++visited % CHECK_EVERY === 0) await interruptAndCheck(cancelToken);
                this.addExportedSymbol(child, exports, document);
            }
        }
        return exports;
    }
}
