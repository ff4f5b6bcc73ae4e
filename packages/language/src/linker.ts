import type { AstNodeDescription, LangiumCoreServices, LangiumDocument, LinkingError, ReferenceInfo } from 'langium';
import { AstUtils, Cancellation, DefaultLinker } from 'langium';
import { didYouMean, didYouMeanText } from './did-you-mean.js';
import type { ImportGraph } from './workspace/imports.js';
import { forEachAstNodeAsync, forEachReference } from './workspace/ast-walk.js';
import { typesWithReferencesBelow } from './workspace/containment.js';

const KIND_WORDS: Record<string, string> = {
    Role: 'role',
    Service: 'service',
    Tier: 'tier',
    Agent: 'agent',
    ModelDecl: 'model',
    Scenario: 'scenario',
};

/**
 * Unresolved references say what went wrong in the user's terms: a name of the wrong kind
 * (`role QBR` where QBR is a service) or a name that no file in the import closure declares.
 */
export class CapLinker extends DefaultLinker {
    private readonly typesWithReferencesBelow: Set<string>;

    constructor(private readonly services: LangiumCoreServices & { workspace: { ImportGraph: ImportGraph } }) {
        super(services);
        this.typesWithReferencesBelow = typesWithReferencesBelow(services.Grammar, services.shared.AstReflection);
    }

    /**
     * Langium's linking, in the same order, over a plain walk of the AST that skips what holds no reference (see
     * ast-walk.ts, containment.ts).
     */
    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        // One closure for the document, not one for every node of it.
        const link = (ref: ReferenceInfo) => this.doLink(ref, document);
        const descend = this.typesWithReferencesBelow;
        await forEachAstNodeAsync(
            document.parseResult.value,
            node => {
                forEachReference(node, link, this.reflection);
                return descend.has(node.$type);
            },
            cancelToken,
        );
    }

    protected override createLinkingError(
        refInfo: ReferenceInfo,
        targetDescription?: AstNodeDescription,
    ): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const name = refInfo.reference.$refText;
        const type = this.reflection.getReferenceType(refInfo);
        const wanted = KIND_WORDS[type] ?? 'declaration';
        const document = AstUtils.getDocument(refInfo.container);
        const uris = new Set(this.services.workspace.ImportGraph.closure(document).map(d => d.uri.toString()));
        const index = this.services.shared.workspace.IndexManager;
        const other = index.allElements(undefined, uris).find(d => d.name === name);
        const suggestion = other
            ? undefined
            : didYouMean(
                  name,
                  index.allElements(type, uris).map(d => d.name),
              );
        error.message = other
            ? `\`${name}\` is a ${KIND_WORDS[other.type] ?? other.type}, not a ${wanted}`
            : suggestion
              ? `Unknown ${wanted} \`${name}\`${didYouMeanText(suggestion)}`
              : `Unknown ${wanted} \`${name}\`: ` +
                `no ${wanted} of that name is declared in this file or the files it imports`;
        return error;
    }
}
