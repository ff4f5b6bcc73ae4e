import type { AstNode, AstReflection, GenericAstNode, ReferenceInfo } from 'langium';
import { Cancellation, interruptAndCheck, isAstNode, isMultiReference, isReference } from 'langium';

/**
 * Walks an AST in the order of Langium's `streamAst` (the root, then its contents depth first, in
 * property order) without the stream machinery: Langium's linker, reference indexer and validator
 * each walk every node of a document through generator-like streams and await between nodes,
 * which cost more than the work they do on a 70k-line plan. `visit` returns false to skip a
 * node's contents.
 */
export function forEachAstNode(root: AstNode, visit: (node: AstNode) => boolean | void): void {
    const stack: AstNode[] = [root];
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (visit(node) === false) continue;
        pushContents(node, stack);
    }
}

/** Nodes between two cancellation checks: a check every node costs more than the node's work. */
const CHECK_EVERY = 512;

/**
 * The same walk for a build phase: stays cancellable (and lets requests in, every 10 ms as
 * Langium's `interruptAndCheck` does) by checking the token every few hundred nodes.
 */
export async function forEachAstNodeAsync(
    root: AstNode,
    visit: (node: AstNode) => boolean | void | Promise<boolean | void>,
    cancelToken: Cancellation.CancellationToken,
): Promise<void> {
    const stack: AstNode[] = [root];
    const cancellable = cancelToken !== Cancellation.CancellationToken.None;
    let visited = 0;
    while (stack.length > 0) {
        if (cancellable && ++visited % CHECK_EVERY === 0) await interruptAndCheck(cancelToken);
        const node = stack.pop()!;
        let descend = visit(node);
        if (descend instanceof Promise) descend = await descend;
        if (descend === false) continue;
        pushContents(node, stack);
    }
}

/**
 * Pushes a node's children so that the first child is popped first. `for…in` visits a plain
 * object's own keys in the order `Object.keys` lists them (AST nodes inherit no enumerable key)
 * without making an array of them: at three walks a build, those arrays were 1.9 of the 24 MB a
 * 7,000-line build allocated.
 */
function pushContents(node: AstNode, stack: AstNode[]): void {
    const start = stack.length;
    const record = propertiesOf(node);
    for (const key in record) {
        if (key.charCodeAt(0) === 36 /* $ */) continue;
        const value = record[key];
        if (Array.isArray(value)) {
            for (const item of value) if (isAstNode(item)) stack.push(item);
        } else if (isAstNode(value)) {
            stack.push(value);
        }
    }
    for (let i = start, j = stack.length - 1; i < j; i++, j--) {
        const t = stack[i];
        stack[i] = stack[j];
        stack[j] = t;
    }
}

/**
 * A node's properties by name: the grammar's assignments, which `AstNode` does not declare. Only
 * the node's own data is read this way, never a member of a Langium object.
 */
export function propertiesOf(node: AstNode): Readonly<GenericAstNode> {
    return node as GenericAstNode;
}

const referenceProperties = new WeakMap<AstReflection, Map<string, string[]>>();

/** The properties of a node type that hold cross-references, from the grammar's reflection. */
function referencePropertiesOf(reflection: AstReflection, type: string): string[] {
    let byType = referenceProperties.get(reflection);
    if (!byType) {
        byType = new Map();
        referenceProperties.set(reflection, byType);
    }
    let properties = byType.get(type);
    if (!properties) {
        properties = Object.values(reflection.getTypeMetaData(type).properties)
            .filter(p => p.referenceType !== undefined)
            .map(p => p.name);
        byType.set(type, properties);
    }
    return properties;
}

/**
 * The cross-references a node holds, in the order of Langium's `streamReferences`. With the
 * grammar's reflection, only the properties that can hold references are read (most nodes have
 * none); the order among several reference properties of one node is then the grammar's.
 */
export function forEachReference(
    node: AstNode,
    visit: (info: ReferenceInfo) => void,
    reflection?: AstReflection,
): void {
    const record = propertiesOf(node);
    const properties = reflection ? referencePropertiesOf(reflection, node.$type) : Object.keys(record);
    for (const property of properties) {
        if (property.charCodeAt(0) === 36 /* $ */) continue;
        const value = record[property];
        if (isReference(value) || isMultiReference(value)) {
            visit({ reference: value, container: node, property });
        } else if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const item: unknown = value[index];
                if (isReference(item) || isMultiReference(item))
                    visit({ reference: item, container: node, property, index });
            }
        }
    }
}
