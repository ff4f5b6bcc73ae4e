import type { AstNode, CstNode, GenericAstNode, Linker, Mutable, ReferenceInfo } from 'langium';
import {
    CompositeCstNodeImpl,
    CstNodeBuilder,
    LeafCstNodeImpl,
    isCompositeCstNode,
    isLeafCstNode,
    isMultiReference,
} from 'langium';
import { forEachAstNode, forEachReference } from '../workspace/ast-walk.js';

/**
 * How positions move: by `offset` characters and `lines` lines, and a position on line `onLine`
 * (counted before the move) by `columns` characters as well.
 */
export interface Shift {
    offset: number;
    lines: number;
    onLine: number;
    columns: number;
}

/**
 * Copies syntax nodes to other positions, for an edit that reparses one declaration. A Langium CST
 * node keeps its position and has no way to change it, so the nodes that an edit moves are copied
 * through the public constructors; the AST nodes they were parsed for are kept and pointed at the
 * copies, and their references are made again by the linker on the copied leaves.
 */
export class ShiftedCopier {
    private readonly nodes = new CstNodeBuilder();

    constructor(private readonly linker: Linker) {}

    /** A copy of `cst` moved by `shift`; `ast` is the AST node it was parsed for, if any. */
    copy(cst: CstNode, ast: AstNode | undefined, shift: Shift): CstNode {
        const owners = new Map<CstNode, AstNode>();
        const references = new Map<CstNode, ReferenceInfo>();
        if (ast) {
            forEachAstNode(ast, node => {
                if (node.$cstNode) owners.set(node.$cstNode, node);
                forEachReference(node, info => {
                    if (info.reference.$refNode) references.set(info.reference.$refNode, info);
                });
            });
        }
        return this.copyNode(cst, shift, owners, references);
    }

    private copyNode(
        node: CstNode,
        shift: Shift,
        owners: Map<CstNode, AstNode>,
        references: Map<CstNode, ReferenceInfo>,
    ): CstNode {
        if (isCompositeCstNode(node)) {
            const copy = new CompositeCstNodeImpl();
            copy.grammarSource = node.grammarSource;
            this.nodes.appendChildren(
                copy,
                node.content.map(child => this.copyNode(child, shift, owners, references)),
            );
            const owner = owners.get(node);
            if (owner) {
                copy.astNode = owner;
                (owner as Mutable<AstNode>).$cstNode = copy;
            }
            // A reference read by a datatype rule (`[Tier:Name]`) is made on its composite node.
            const info = references.get(node);
            if (info) this.relink(info, copy);
            return copy;
        }
        if (!isLeafCstNode(node)) throw new Error('a CST node that is neither a composite nor a leaf');
        const { start, end } = node.range;
        const column = (line: number, character: number) => character + (line === shift.onLine ? shift.columns : 0);
        const copy = new LeafCstNodeImpl(
            node.offset + shift.offset,
            node.length,
            start.line + shift.lines,
            column(start.line, start.character),
            end.line + shift.lines,
            column(end.line, end.character),
            node.tokenType,
            node.hidden,
        );
        copy.grammarSource = node.grammarSource;
        const info = references.get(node);
        if (info) this.relink(info, copy);
        return copy;
    }

    /** The reference `info` describes, made again on its copied node, in its place. */
    private relink(info: ReferenceInfo, leaf: CstNode): void {
        const text = info.reference.$refText;
        const fresh = isMultiReference(info.reference)
            ? this.linker.buildMultiReference(info.container, info.property, leaf, text)
            : this.linker.buildReference(info.container, info.property, leaf, text);
        const container = info.container as GenericAstNode;
        if (info.index === undefined) container[info.property] = fresh;
        else (container[info.property] as unknown[])[info.index] = fresh;
    }
}
