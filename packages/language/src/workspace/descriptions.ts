import type {
    AstNode,
    AstNodeDescription,
    AstNodeLocator,
    AstReflection,
    CstNode,
    DocumentSegment,
    LangiumCoreServices,
    LangiumDocument,
    NameProvider,
    ReferenceDescription,
    ReferenceInfo,
    URI,
} from 'langium';
import {
    AstUtils,
    Cancellation,
    CstUtils,
    DefaultAstNodeDescriptionProvider,
    DefaultReferenceDescriptionProvider,
    UriUtils,
    isMultiReference,
    isReference,
} from 'langium';
import { forEachAstNodeAsync, forEachReference } from './ast-walk.js';
import { typesWithReferencesBelow } from './containment.js';

/**
 * The index's entries for declarations and references, the same fields as Langium's but with
 * their document segments (ranges) computed when someone asks (go to symbol, find references)
 * instead of for every declaration and reference on every build. Langium's eager segments are five
 * objects each: a quarter of the heap a 70k-line plan holds beyond its syntax tree.
 */
class NodeDescription implements AstNodeDescription {
    constructor(
        readonly node: AstNode,
        readonly name: string,
        readonly type: string,
        readonly documentUri: URI,
        readonly path: string,
        private readonly names: NameProvider,
    ) {}

    get nameSegment(): DocumentSegment | undefined {
        return CstUtils.toDocumentSegment(this.names.getNameNode(this.node) ?? this.node.$cstNode);
    }

    get selectionSegment(): DocumentSegment | undefined {
        return CstUtils.toDocumentSegment(this.node.$cstNode);
    }
}

export class CapAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(
        node: AstNode,
        name: string | undefined,
        document?: LangiumDocument,
    ): AstNodeDescription {
        const doc = document ?? AstUtils.getDocument(node);
        name ??= this.nameProvider.getName(node);
        const path = this.astNodeLocator.getAstNodePath(node);
        if (!name) throw new Error(`Node at path ${path} has no name.`);
        return new NodeDescription(node, name, node.$type, doc.uri, path, this.nameProvider);
    }
}

class ReferenceEntry implements ReferenceDescription {
    constructor(
        readonly sourceUri: URI,
        readonly targetUri: URI,
        readonly targetPath: string,
        readonly local: boolean,
        private readonly container: AstNode,
        private readonly refNode: CstNode,
        private readonly locator: AstNodeLocator,
    ) {}

    get sourcePath(): string {
        return this.locator.getAstNodePath(this.container);
    }

    get segment(): DocumentSegment {
        return CstUtils.toDocumentSegment(this.refNode);
    }
}

/**
 * Langium's reference index entries, in the same order, over a plain walk of the AST that skips what holds no
 * reference (ast-walk.ts, containment.ts).
 */
export class CapReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    private readonly reflection: AstReflection;
    private readonly typesWithReferencesBelow: Set<string>;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.reflection = services.shared.AstReflection;
        this.typesWithReferencesBelow = typesWithReferencesBelow(services.Grammar, this.reflection);
    }

    override async createDescriptions(
        document: LangiumDocument,
        cancelToken = Cancellation.CancellationToken.None,
    ): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const describe = (info: ReferenceInfo) => {
            if (!info.reference.error) descriptions.push(...this.createInfoDescriptions(info));
        };
        await forEachAstNodeAsync(
            document.parseResult.value,
            node => {
                forEachReference(node, describe, this.reflection);
                return this.typesWithReferencesBelow.has(node.$type);
            },
            cancelToken,
        );
        return descriptions;
    }

    protected override createInfoDescriptions(refInfo: ReferenceInfo): ReferenceDescription[] {
        const reference = refInfo.reference;
        if (reference.error || !reference.$refNode) return [];
        const targets = isReference(reference)
            ? reference.$nodeDescription
                ? [reference.$nodeDescription]
                : []
            : isMultiReference(reference)
              ? reference.items.map(e => e.$nodeDescription).filter(e => e !== undefined)
              : [];
        const sourceUri = AstUtils.getDocument(refInfo.container).uri;
        return targets.map(
            target =>
                new ReferenceEntry(
                    sourceUri,
                    target.documentUri,
                    target.path,
                    UriUtils.equals(target.documentUri, sourceUri),
                    refInfo.container,
                    reference.$refNode!,
                    this.nodeLocator,
                ),
        );
    }
}
