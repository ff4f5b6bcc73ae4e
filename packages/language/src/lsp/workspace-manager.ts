import type { LangiumDocument, Stream, URI } from 'langium';
import { DefaultWorkspaceManager } from 'langium';

/**
 * Langium's workspace scan, except that a `.cap` file that cannot be read (too large, binary, not
 * readable) leaves out only itself: by default one failed read fails the whole scan, and the
 * server then waits for a workspace that never becomes ready and answers nothing.
 */
export class CapWorkspaceManager extends DefaultWorkspaceManager {
    protected override async loadWorkspaceDocuments(
        uris: Stream<URI>,
        collector: (document: LangiumDocument) => void,
    ): Promise<void> {
        await Promise.all(
            uris.map(async uri => {
                try {
                    collector(await this.langiumDocuments.getOrCreateDocument(uri));
                } catch {
                    // Left out; a model that imports it gets the reason at its import (CAP040).
                }
            }),
        );
    }
}
