import type { LangiumDocument } from 'langium';
import type { AssertionSpec, AssertionValue, CompareOp } from '@cap/engine';
import type { Assertion, CapFile } from '../generated/ast.js';
import { isAssertion } from '../generated/ast.js';
import { usableQuantity } from '../quantities.js';
import { canonicalText } from '../formatting/cap-formatter.js';

/** The assertions of a model in the order they are written, entry file first, then its imports. */
export function assertionsOf(closure: LangiumDocument[]): Assertion[] {
    return closure
        .flatMap(doc => ((doc.parseResult.value as CapFile).elements ?? []).filter(isAssertion))
        .filter(a => (a.path ?? []).length > 0 && a.op !== undefined);
}

/** `assert CSM.utilization <= 85%` as the engine checks it: path, operator, value in base units. */
export function lowerAssertion(node: Assertion): AssertionSpec {
    const q = node.value ? usableQuantity(node.value) : undefined;
    let value: AssertionValue | null = null;
    if (q) {
        value = {
            dimension: q.dimension,
            value: q.value,
            ...(q.currency ? { currency: q.currency } : {}),
            ...(q.per ? { per: q.per } : {}),
        };
    }
    return { text: assertionText(node), path: [...node.path], op: node.op as CompareOp, value };
}

/**
 * The assertion without `assert`, spaced as `cap fmt` spaces it: `CSM.utilization <= 85%`. The
 * report quotes it, and a report must not change when only the layout of the model does.
 */
export function assertionText(node: Assertion): string {
    const value = node.value?.$cstNode ? canonicalText(node.value.$cstNode) : '';
    return `${node.path.join('.')} ${node.op} ${value}`.trim();
}
