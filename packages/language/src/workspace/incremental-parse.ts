import type {
    AstNode,
    Cancellation,
    CstNode,
    LangiumDocument,
    LangiumSharedCoreServices,
    Mutable,
    ParseResult,
    URI,
} from 'langium';
import { CstNodeBuilder, DefaultLangiumDocumentFactory, isCompositeCstNode } from 'langium';
import type { CapFile, Element } from '../generated/ast.js';
import { CapLangiumParser } from '../parser/cap-parser.js';
import { contain } from '../parser/langium-tree-builder.js';
import type { Shift } from '../parser/shifted-copy.js';
import { ShiftedCopier } from '../parser/shifted-copy.js';

/**
 * Reparses only the declaration an edit falls in. Cap files are a flat list of declarations, so
 * an edit strictly inside one `{ ... }` block changes that block only: the new block is parsed on
 * its own by the parser's fast path, and the new tree is made of the nodes before it as they are,
 * the new block's, and the nodes after it, copied to their new positions if the edit moved them
 * (Langium's nodes cannot be moved, see ShiftedCopier). The AST nodes outside the block are kept.
 * The result is the tree a full parse gives (test/language/incremental-parse.test.ts), or
 * undefined and the caller parses the whole text: when the old tree had errors, the edit touches
 * anything outside one block, or the new block is not one correct declaration.
 */
export function reparseEdit(
    previous: ParseResult<CapFile>,
    oldText: string,
    newText: string,
    parser: CapLangiumParser,
    copier: ShiftedCopier,
): ParseResult<CapFile> | undefined {
    const root = previous.value;
    const rootCst = root.$cstNode;
    if (!isCompositeCstNode(rootCst) || previous.lexerErrors.length > 0 || previous.parserErrors.length > 0)
        return undefined;

    const { start, oldEnd, newEnd } = changedRegion(oldText, newText);
    const index = blockContaining(root.elements, start, oldEnd);
    if (index === undefined) return undefined;
    const oldCst = root.elements[index].$cstNode!;
    const blockStart = oldCst.offset;
    const delta = newText.length - oldText.length;
    const blockEnd = oldCst.end + delta;

    const block = parser.parseCorrect(newText.slice(blockStart, blockEnd))?.value as CapFile | undefined;
    const element = block?.elements[0];
    const blockCst = block?.$cstNode;
    // One declaration and nothing else, as the block stood in the file.
    if (
        !block ||
        !element ||
        block.imports.length > 0 ||
        block.elements.length !== 1 ||
        !isCompositeCstNode(blockCst) ||
        blockCst.content.length !== 1 ||
        blockCst.content[0] !== element.$cstNode
    )
        return undefined;

    // Where the block starts, and where the change ends before and after the edit.
    const at = oldCst.range.start;
    const oldChangeEnd = advance(oldText, blockStart, oldEnd, at);
    const newChangeEnd = advance(newText, blockStart, newEnd, at);
    const inBlock: Shift = { offset: blockStart, lines: at.line, onLine: 0, columns: at.character };
    const after: Shift = {
        offset: delta,
        lines: newChangeEnd.line - oldChangeEnd.line,
        onLine: oldChangeEnd.line,
        columns: newChangeEnd.character - oldChangeEnd.character,
    };
    const moved = after.offset !== 0 || after.lines !== 0 || after.columns !== 0;

    const owners = new Map<CstNode, AstNode>();
    for (const later of root.elements.slice(index + 1)) if (later.$cstNode) owners.set(later.$cstNode, later);
    const nodes = new CstNodeBuilder();
    nodes.buildRootNode(newText);
    const newRoot = nodes.current;
    let before = true;
    for (const child of rootCst.content) {
        if (child === oldCst) {
            nodes.appendChild(newRoot, copier.copy(element.$cstNode!, element, inBlock));
            before = false;
        } else {
            nodes.appendChild(newRoot, before || !moved ? child : copier.copy(child, owners.get(child), after));
        }
    }
    newRoot.astNode = root;
    (root as Mutable<CapFile>).$cstNode = newRoot;
    root.elements[index] = element;
    contain(element, root, 'elements', index);
    return { value: root, lexerErrors: [], parserErrors: [], lexerReport: previous.lexerReport };
}

const RUN = 4096;

/**
 * The one changed region of an edit: old [start, oldEnd) became new [start, newEnd). The texts
 * are compared a run of 4,096 characters at a time (two slices and one `===`, compared natively)
 * before the last run character by character: one `charCodeAt` at a time over a 70,000-line plan
 * was most of a keystroke's reparse.
 */
export function changedRegion(oldText: string, newText: string): { start: number; oldEnd: number; newEnd: number } {
    const shortest = Math.min(oldText.length, newText.length);
    let start = 0;
    while (start + RUN <= shortest && oldText.slice(start, start + RUN) === newText.slice(start, start + RUN))
        start += RUN;
    while (start < shortest && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
    let oldEnd = oldText.length;
    let newEnd = newText.length;
    while (
        oldEnd - RUN >= start &&
        newEnd - RUN >= start &&
        oldText.slice(oldEnd - RUN, oldEnd) === newText.slice(newEnd - RUN, newEnd)
    ) {
        oldEnd -= RUN;
        newEnd -= RUN;
    }
    while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
        oldEnd--;
        newEnd--;
    }
    return { start, oldEnd, newEnd };
}

/**
 * The index of the declaration whose `{ ... }` strictly contains old [start, end): after its first
 * character and before its closing `}`, found by bisection.
 */
function blockContaining(elements: Element[], start: number, end: number): number | undefined {
    let lo = 0;
    let hi = elements.length - 1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const cst = elements[mid].$cstNode;
        if (!cst) return undefined;
        if (cst.end <= start) lo = mid + 1;
        else if (cst.offset >= start) hi = mid - 1;
        else return end <= cst.end - 1 && cst.text.endsWith('}') ? mid : undefined;
    }
    return undefined;
}

/** The line and column of `offset` in `text`, counting from a known position at `from`. */
function advance(
    text: string,
    from: number,
    offset: number,
    at: { line: number; character: number },
): { line: number; character: number } {
    let line = at.line;
    let character = at.character;
    for (let i = from; i < offset; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */ || (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10)) {
            line++;
            character = 0;
        } else {
            character++;
        }
    }
    return { line, character };
}

/**
 * Langium's document factory with `reparseEdit` in front of the full parse, when a document that
 * parsed without errors changes.
 */
export class CapDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The documents being updated, by URI: `parseAsync` is told only the URI. */
    private readonly updating = new Map<string, LangiumDocument>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    override async update<T extends AstNode = AstNode>(
        document: Mutable<LangiumDocument<T>>,
        cancellationToken: Cancellation.CancellationToken,
    ): Promise<LangiumDocument<T>> {
        const key = document.uri.toString();
        this.updating.set(key, document);
        try {
            return await super.update(document, cancellationToken);
        } finally {
            this.updating.delete(key);
        }
    }

    protected override async parseAsync<T extends AstNode>(
        uri: URI,
        text: string,
        cancellationToken: Cancellation.CancellationToken,
    ): Promise<ParseResult<T>> {
        const document = this.updating.get(uri.toString());
        const services = this.serviceRegistry.getServices(uri);
        const parser = services.parser.LangiumParser;
        if (document && parser instanceof CapLangiumParser) {
            const previous = document.parseResult as ParseResult<CapFile>;
            const oldText = previous.value.$cstNode?.root.fullText;
            let reparsed: ParseResult<CapFile> | undefined;
            try {
                reparsed =
                    oldText === undefined
                        ? undefined
                        : reparseEdit(previous, oldText, text, parser, new ShiftedCopier(services.references.Linker));
            } catch {
                // A fault of the shortcut must not cost the user the file: it is parsed whole.
            }
            if (reparsed) return reparsed as ParseResult<AstNode> as ParseResult<T>;
        }
        return super.parseAsync(uri, text, cancellationToken);
    }
}
