import type {
    AstNode,
    AstNodeDescription,
    AstNodeLocator,
    LangiumCoreServices,
    LangiumDocument,
    ReferenceInfo,
    Scope,
} from 'langium';
import { AstUtils, DefaultScopeProvider, DocumentCache, EMPTY_SCOPE, WorkspaceCache, stream } from 'langium';
import type { Stream } from 'langium';
import { Scenario } from '../generated/ast.js';
import type { CapServices } from '../cap-module.js';
import type { ImportGraph } from './imports.js';

/**
 * Links in linear time. Langium's default scope provider walks a stream of every declaration
 * for every reference, which is quadratic on a flat file of thousands of agents; here each
 * document gets one name map per reference type over itself and its imports, built once per
 * workspace state, so each reference costs a map lookup.
 */
export class CapScopeProvider extends DefaultScopeProvider {
    private readonly imports: ImportGraph;
    private readonly visible: WorkspaceCache<LangiumDocument, Map<string, Map<string, AstNodeDescription>>>;
    private readonly scenarioScopes: DocumentCache<string, Map<string, AstNodeDescription>>;
    private readonly locator: AstNodeLocator;

    constructor(services: LangiumCoreServices & Pick<CapServices, 'workspace'>) {
        super(services);
        this.imports = (services as CapServices).workspace.ImportGraph;
        this.visible = new WorkspaceCache(services.shared);
        this.scenarioScopes = new DocumentCache(services.shared);
        this.locator = services.workspace.AstNodeLocator;
    }

    override getScope(context: ReferenceInfo): Scope {
        const type = this.reflection.getReferenceType(context);
        const document = AstUtils.getDocument(context.container);
        // Keyed by the document object, then the type: no key string built per reference.
        const byType = this.visible.get(document, () => new Map());
        let global = byType.get(type);
        if (!global) {
            global = this.buildVisible(document, type);
            byType.set(type, global);
        }
        const outer = new NameMapScope(global);

        // Inside a scenario, its own declarations come first (a scenario may add a role and use it).
        const scenario = scenarioOf(context.container);
        if (!scenario) return outer;
        // A scenario still being typed may have no name yet: its path, not a description, keys the cache.
        const path = this.locator.getAstNodePath(scenario);
        const local = this.scenarioScopes.get(document.uri, `${path}\u0000${type}`, () => {
            const map = new Map<string, AstNodeDescription>();
            for (const member of scenario.members) {
                if (member.name && this.reflection.isSubtype(member.$type, type) && !map.has(member.name)) {
                    map.set(member.name, this.descriptions.createDescription(member, member.name, document));
                }
            }
            return map;
        });
        if (local.size === 0) return outer;
        return new NameMapScope(local, outer);
    }

    private buildVisible(
        document: Parameters<ImportGraph['closure']>[0],
        type: string,
    ): Map<string, AstNodeDescription> {
        const map = new Map<string, AstNodeDescription>();
        const uris = new Set(this.imports.closure(document).map(d => d.uri.toString()));
        for (const desc of this.indexManager.allElements(type, uris)) {
            if (!map.has(desc.name)) map.set(desc.name, desc);
        }
        return map;
    }

    protected override getGlobalScope(): Scope {
        return EMPTY_SCOPE;
    }
}

/** The scenario a node is in, if any: a walk up the containers, the cheapest test per reference. */
function scenarioOf(node: AstNode | undefined): Scenario | undefined {
    for (let n = node; n; n = n.$container) if (n.$type === Scenario.$type) return n as Scenario;
    return undefined;
}

/** A scope over a prebuilt name map, falling back to an outer scope. */
class NameMapScope implements Scope {
    constructor(
        private readonly elements: Map<string, AstNodeDescription>,
        private readonly outer?: Scope,
    ) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.elements.get(name) ?? this.outer?.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const own = this.elements.get(name);
        if (own) return stream([own]);
        return this.outer ? this.outer.getElements(name) : stream([]);
    }

    getAllElements(): Stream<AstNodeDescription> {
        const own = stream(this.elements.values());
        if (!this.outer) return own;
        return own.concat(this.outer.getAllElements().filter(d => !this.elements.has(d.name)));
    }
}
