import type { LangiumDocument, LangiumDocuments, LangiumSharedCoreServices } from 'langium';
import { UriUtils, WorkspaceCache } from 'langium';
import type { URI } from 'langium';
import type { CapFile, Import } from '../generated/ast.js';

/**
 * The import graph of the workspace. A document sees its own declarations and those of every file
 * it imports, directly or not (spec section 2); nothing else in the workspace. Closures are cached
 * until the workspace changes, so linking asks for them at the cost of a map lookup.
 */
export class ImportGraph {
    private readonly documents: LangiumDocuments;
    private readonly closures: WorkspaceCache<string, LangiumDocument[]>;
    private readonly importers: WorkspaceCache<string, Map<string, LangiumDocument[]>>;
    private readonly entries: WorkspaceCache<string, LangiumDocument[]>;
    /** Other names of loaded files (symbolic links): an import through one reaches the same document. */
    private readonly aliases = new Map<string, URI>();
    /** Why an imported file that exists could not be read, for the diagnostic at the import. */
    private readonly problems = new Map<string, string>();

    constructor(shared: LangiumSharedCoreServices) {
        this.documents = shared.workspace.LangiumDocuments;
        this.closures = new WorkspaceCache(shared);
        this.importers = new WorkspaceCache(shared);
        this.entries = new WorkspaceCache(shared);
    }

    /** Where an import statement points: relative to the importing file, links resolved once loaded. */
    resolve(imp: Import, from: URI): URI {
        return this.canonical(UriUtils.resolvePath(UriUtils.dirname(from), imp.path));
    }

    /**
     * Records that `uri` is `canonical` under another name (loaders read each file under its real
     * path), so that a file importing itself through a link is an import cycle, not a copy of
     * itself with every declaration duplicated.
     */
    alias(uri: URI, canonical: URI): void {
        if (uri.toString() !== canonical.toString()) this.aliases.set(uri.toString(), canonical);
    }

    /** The name a file is loaded under, when `uri` is another name for it. */
    canonical(uri: URI): URI {
        return this.aliases.get(uri.toString()) ?? uri;
    }

    /** Whether an import reaches its file under another name than the one it writes. */
    isAliased(imp: Import, from: URI): boolean {
        return this.aliases.has(UriUtils.resolvePath(UriUtils.dirname(from), imp.path).toString());
    }

    /** Records why a file could not be read (too large, binary, not a file), or that it now could. */
    setUnreadable(uri: URI, reason: string | undefined): void {
        if (reason === undefined) this.problems.delete(uri.toString());
        else this.problems.set(uri.toString(), reason);
    }

    unreadable(uri: URI): string | undefined {
        return this.problems.get(uri.toString());
    }

    /** The documents a document imports directly, as loaded; missing files are left out. */
    direct(doc: LangiumDocument): LangiumDocument[] {
        const root = doc.parseResult.value as CapFile;
        const out: LangiumDocument[] = [];
        for (const imp of root.imports ?? []) {
            if (typeof imp.path !== 'string') continue;
            const target = this.documents.getDocument(this.resolve(imp, doc.uri));
            if (target) out.push(target);
        }
        return out;
    }

    /** The document and everything it imports, transitively, each once, in breadth-first order. */
    closure(doc: LangiumDocument): LangiumDocument[] {
        return this.closures.get(doc.uri.toString(), () => {
            const seen = new Set<string>([doc.uri.toString()]);
            const order: LangiumDocument[] = [doc];
            for (let i = 0; i < order.length; i++) {
                for (const next of this.direct(order[i])) {
                    const key = next.uri.toString();
                    if (!seen.has(key)) {
                        seen.add(key);
                        order.push(next);
                    }
                }
            }
            return order;
        });
    }

    /** Whether `target` imports `doc`, directly or not: an import of `target` from `doc` closes a cycle. */
    reaches(target: LangiumDocument, doc: LangiumDocument): boolean {
        const key = doc.uri.toString();
        return this.closure(target).some(d => d.uri.toString() === key);
    }

    /**
     * The entry documents a document belongs to: the documents that import it (transitively) and
     * are imported by nobody. A document nobody imports is its own entry.
     */
    entriesOf(doc: LangiumDocument): readonly LangiumDocument[] {
        // Asked for by every check that reads the model's figures: kept until the workspace changes.
        return this.entries.get(doc.uri.toString(), () => this.findEntries(doc));
    }

    private findEntries(doc: LangiumDocument): LangiumDocument[] {
        const importers = this.importers.get('all', () => {
            const map = new Map<string, LangiumDocument[]>();
            for (const d of this.documents.all) {
                for (const target of this.direct(d)) {
                    const key = target.uri.toString();
                    const list = map.get(key) ?? [];
                    list.push(d);
                    map.set(key, list);
                }
            }
            return map;
        });
        const entries: LangiumDocument[] = [];
        const seen = new Set<string>([doc.uri.toString()]);
        const queue = [doc];
        while (queue.length > 0) {
            const current = queue.shift()!;
            const parents = importers.get(current.uri.toString()) ?? [];
            if (parents.length === 0) entries.push(current);
            for (const p of parents) {
                const key = p.uri.toString();
                if (!seen.has(key)) {
                    seen.add(key);
                    queue.push(p);
                }
            }
        }
        // A cycle with no outside importer has no entry: then the document stands for itself.
        return entries.length > 0 ? entries : [doc];
    }
}
