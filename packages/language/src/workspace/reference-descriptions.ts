import type { LangiumDocument, ReferenceDescription } from 'langium';
import { Cancellation, DefaultReferenceDescriptionProvider } from 'langium';
import { forEachAstNodeAsync, forEachReference } from './ast-walk.js';

/** Langium's reference index entries, in the same order, over a plain walk of the AST (ast-walk.ts). */
export class CapReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        await forEachAstNodeAsync(document.parseResult.value, node => forEachReference(node, info => {
            if (!info.reference.error) descriptions.push(...this.createInfoDescriptions(info));
        }), cancelToken);
        return descriptions;
    }
}
