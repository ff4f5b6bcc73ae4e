import type { AstNode } from 'langium';
import type { Measure, Property } from '../generated/ast.js';
import { perMonth, usableQuantity } from '../quantities.js';
import type { Quantity } from '../quantities.js';

/** A block's properties by keyword; the first occurrence wins (a second one is a validation error). */
export function propertiesByKey(props: Property[]): Map<string, Property> {
    const map = new Map<string, Property>();
    for (const p of props) if (p.key && !map.has(p.key)) map.set(p.key, p);
    return map;
}

/**
 * The first property with this keyword, as `propertiesByKey` would give it. A block has a handful
 * of properties: scanning them is cheaper than a map per block, of which a plan has thousands.
 */
export function propertyOf(props: readonly Property[], key: string): Property | undefined {
    for (const p of props) if (p.key === key) return p;
    return undefined;
}

/** The node declaring each property: blocks of every kind share the `props` list shape. */
export interface HasProps extends AstNode {
    props: Property[];
}

/**
 * What the lowering reads of a declaration. A scenario's override is lowered as the base
 * declaration's properties with the override's merged in, which is a Block but not an AST node.
 */
export interface Block {
    name: string;
    title?: string;
    props: Property[];
}

export function measureOf(props: readonly Property[], key: string): Measure | undefined {
    const p = propertyOf(props, key);
    // By node type: neither has a subtype, and the reflection's check costs a lookup. `new` is a
    // NewProperty, whose measure is its rate (a dated intake has none).
    return p?.$type === 'MeasureProperty' || p?.$type === 'NewProperty' ? p.value : undefined;
}

export function quantity(m: Measure | undefined): Quantity | undefined {
    return m ? usableQuantity(m) : undefined;
}

/**
 * A measure's value in the engine's unit (per month for rates), or the fallback when it is
 * missing or malformed. Malformed input has its own diagnostic; the lowering only has to stay
 * finite so that an editor can still show the figures of the rest of the model.
 */
export function monthly(m: Measure | undefined, fallback: number): number {
    const q = quantity(m);
    if (!q) return fallback;
    const v = perMonth(q);
    return Number.isFinite(v) ? v : fallback;
}
