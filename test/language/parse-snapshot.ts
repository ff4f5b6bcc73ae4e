import type { AstNode, CstNode, ParseResult } from 'langium';
import { isAstNode, isReference } from 'langium';
import type { CapFile } from '@cap/language';

/** A structural fingerprint of a parse: AST and CST, with grammar elements by identity. */
export function snapshot(result: ParseResult<CapFile>): unknown {
    const grammarIds = new Map<unknown, number>();
    const grammarId = (g: unknown) => {
        if (g === undefined) return undefined;
        if (!grammarIds.has(g)) grammarIds.set(g, grammarIds.size);
        return grammarIds.get(g);
    };
    const cstIds = new Map<CstNode, number>();
    const cst = (node: CstNode): unknown => {
        cstIds.set(node, cstIds.size);
        const base = {
            offset: node.offset,
            end: node.end,
            range: node.range,
            hidden: node.hidden,
            grammar: grammarId(node.grammarSource),
            text: node.text,
        };
        if ('content' in node) {
            const own = (node as unknown as { _astNode?: AstNode })._astNode;
            return { ...base, astType: own?.$type, children: (node as { content: CstNode[] }).content.map(cst) };
        }
        return { ...base, token: (node as unknown as { tokenType: { name: string } }).tokenType.name };
    };
    const tree = cst(result.value.$cstNode!);
    const ast = (node: AstNode): unknown => {
        const out: Record<string, unknown> = {
            keys: Object.keys(node).join(' '),
            $type: node.$type,
            $containerProperty: node.$containerProperty,
            $containerIndex: node.$containerIndex,
            $cst: node.$cstNode ? cstIds.get(node.$cstNode) : undefined,
        };
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) continue;
            out[key] = Array.isArray(value) ? value.map(v => field(v, node)) : field(value, node);
        }
        return out;
    };
    const field = (value: unknown, container: AstNode): unknown => {
        if (isAstNode(value)) {
            if (value.$cstNode && value.$container && value.$cstNode.astNode !== value)
                return { error: 'cst node does not lead back to its AST node' };
            if (value.$container !== container) return { error: 'the node is not contained in the node that holds it' };
            return ast(value);
        }
        if (isReference(value))
            return { ref: value.$refText, node: value.$refNode ? cstIds.get(value.$refNode) : undefined };
        return value;
    };
    return {
        tree,
        ast: ast(result.value),
        text: result.value.$cstNode!.root.fullText,
        lexer: result.lexerErrors.length,
        parser: result.parserErrors.length,
    };
}
