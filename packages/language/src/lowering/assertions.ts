import type { LangiumDocument } from 'langium';
import type { AssertionSpec, AssertionValue, CompareOp } from '@cap/engine';
import type { Assertion, CapFile } from '../generated/ast.js';
import { isAssertion } from '../generated/ast.js';
import { usableQuantity } from '../quantities.js';

/** The assertions of a model in the order they are written, entry file first, then its imports. */
export function assertionsOf(closure: LangiumDocument[]): Assertion[] {
    return closure.flatMap(doc => ((doc.parseResult.value as CapFile).elements ?? []).filter(isAssertion))
        .filter(a => (a.path ?? []).length > 0 && a.op !== undefined);
}

/** `assert CSM.utilization <= 85%` as the engine checks it: path, operator, value in base units. */
export function lowerAssertion(node: Assertion): AssertionSpec {
    const q = node.value ? usableQuantity(node.value) : undefined;
    let value: AssertionValue | null = null;
    if (q) {
        value = { dimension: q.dimension, value: q.value, ...(q.currency ? { currency: q.currency } : {}), ...(q.per ? { per: q.per } : {}) };
    }
    return { text: assertionText(node), path: [...node.path], op: node.op as CompareOp, value };
}

/** The assertion as written, without `assert` and with single spaces: `CSM.utilization <= 85%`. */
export function assertionText(node: Assertion): string {
    const value = node.value?.$cstNode?.text.replace(/\s+/g, ' ').trim() ?? '';
    return `${node.path.join('.')} ${node.op} ${value}`.trim();
}
