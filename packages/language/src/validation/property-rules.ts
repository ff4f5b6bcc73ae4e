import type { Dimension } from '../quantities.js';
import { Codes } from './codes.js';

/** The kinds of block that hold properties. */
export type BlockKind = 'model' | 'role' | 'service' | 'tier' | 'agent';

/**
 * What a `Measure` must be: its dimension, whether it is a rate (`/ month`), and the range of the
 * number as written, from which the message of a value out of range is worded (`rangeWords`).
 * `zeroBare` lets a plain `0` stand without a unit (`ramp 0`).
 */
export interface MeasureRule {
    dimension: Dimension;
    rate: boolean;
    example: string;
    min?: number;
    minExclusive?: boolean;
    max?: number;
    integer?: boolean;
    /** Said after the range: `(a full-time person is 1)`. */
    note?: string;
    /** The code of a value out of range; CAP026 (InvalidValue) without it. */
    rangeCode?: string;
    zeroBare?: boolean;
}

export interface PropertyRule {
    /** For properties written as a general measure; structural ones (role, services, ...) have none. */
    measure?: MeasureRule;
    required?: boolean;
}

const percent = (example: string, rate = false): MeasureRule =>
    ({ dimension: 'percent', rate, example, min: 0, max: 100, rangeCode: Codes.PercentOutOfRange });

/** Which properties each kind of block takes (spec sections 2 to 7). */
export const PROPERTY_RULES: Record<BlockKind, Record<string, PropertyRule>> = {
    model: {
        currency: {},
        period: {},
        start: {},
        horizon: { measure: { dimension: 'duration', rate: false, example: '12 months', min: 0, minExclusive: true } },
    },
    role: {
        hours: { required: true, measure: { dimension: 'hours', rate: true, example: '160h / month', min: 0, minExclusive: true } },
        overhead: {},
        cost: { measure: { dimension: 'money', rate: true, example: '$9,500 / month', min: 0 } },
        ramp: { measure: { dimension: 'duration', rate: false, example: '3 months', min: 0, zeroBare: true } },
    },
    service: {
        role: { required: true },
        effort: { required: true, measure: { dimension: 'hours', rate: false, example: '4h every quarter', min: 0 } },
        seats: { measure: { dimension: 'count', rate: false, example: '200', min: 1, integer: true } },
        uptake: { measure: percent('25%') },
        price: {},
    },
    tier: {
        touch: {},
        accounts: {
            required: true,
            measure: { dimension: 'count', rate: false, example: '40', min: 0, integer: true, rangeCode: Codes.InvalidAccounts },
        },
        arr: { measure: { dimension: 'money', rate: false, example: '$120,000', min: 0 } },
        mrr: { measure: { dimension: 'money', rate: false, example: '$10,000', min: 0 } },
        revenue: { measure: { dimension: 'money', rate: true, example: '$150 / month', min: 0 } },
        churn: { measure: percent('8% / year', true) },
        lifetime: { measure: { dimension: 'duration', rate: false, example: '24 months', min: 0, minExclusive: true } },
        margin: { measure: percent('80%') },
        expansion: { measure: percent('10% / year', true) },
        new: { measure: { dimension: 'count', rate: true, example: '2 / quarter', min: 0 } },
        services: {},
    },
    agent: {
        role: { required: true },
        tiers: {},
        fte: {
            measure: {
                dimension: 'count', rate: false, example: '0.5', min: 0, minExclusive: true, max: 1,
                note: 'a full-time person is 1', rangeCode: Codes.FteOutOfRange,
            },
        },
        count: { measure: { dimension: 'count', rate: false, example: '3', min: 1, integer: true } },
        start: {},
    },
};

/** A rule's range in words: `between 0% and 100%`, `more than 0 and at most 1`, `a whole number of at least 1`. */
export function rangeWords(rule: MeasureRule): string {
    const u = rule.dimension === 'percent' ? '%' : '';
    const { min, max } = rule;
    const bounds = min !== undefined && max !== undefined && !rule.minExclusive
        ? [`between ${min}${u} and ${max}${u}`]
        : [
            ...(min === undefined ? [] : [`${rule.minExclusive ? 'more than' : 'at least'} ${min}${u}`]),
            ...(max === undefined ? [] : [`at most ${max}${u}`]),
        ];
    const range = bounds.join(' and ');
    const words = rule.integer ? `a whole number${range ? ` of ${range}` : ''}` : range;
    return rule.note ? `${words} (${rule.note})` : words;
}

/** Revenue may be written one way only: `arr`, `mrr` or `revenue ... / unit`. */
export const REVENUE_KEYS = ['arr', 'mrr', 'revenue'];
