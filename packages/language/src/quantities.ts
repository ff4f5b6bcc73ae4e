import type { Frequency as FrequencySpec, TimeUnit } from '@cap/engine';
import { MONTHS_PER, everyPerMonth, timesPerMonth } from '@cap/engine';
import { didYouMean, didYouMeanText } from './did-you-mean.js';
import type { Frequency, Measure } from './generated/ast.js';

/**
 * What a written quantity means, in the engine's units: hours, months, fractions, money amounts.
 * The one place that knows unit words, so the validator, the lowering and the hovers agree.
 */

export type Dimension = 'hours' | 'money' | 'percent' | 'count' | 'duration';

export interface Quantity {
    dimension: Dimension;
    /** Hours, money amount, fraction (12.5% -> 0.125), plain number, or months. */
    value: number;
    /** The number as written, before unit conversion (for range checks on what the user typed). */
    written: number;
    /** ISO 4217 code for money. */
    currency?: string;
    /** `/ month`, `per year`: the time unit a rate is per. */
    per?: TimeUnit;
}

/**
 * A measure read: its quantity, or why it cannot be read. The quantity is the interpretation
 * itself rather than wrapped in one: a build reads each measure two to four times (checks,
 * lowering), and the wrapper was a third of the 1.2 MB of garbage that reading made on a
 * 7,000-line plan.
 */
export type Interpretation = (Quantity & { ok: true }) | { ok: false; message: string; on: 'unit' | 'per' | 'value' };

const HOUR_UNITS: Record<string, number> = { h: 1, hr: 1, hrs: 1, min: 1 / 60, mins: 1 / 60 };
const CURRENCY_SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };
const DURATION_WORDS: Record<string, TimeUnit> = {
    week: 'week',
    weeks: 'week',
    month: 'month',
    months: 'month',
    quarter: 'quarter',
    quarters: 'quarter',
    year: 'year',
    years: 'year',
};

/** `$1.2K`, `$3m`: a multiplier in the wrong case, read as a unit word after the number. */
const MULTIPLIERS: Record<string, string> = { K: 'k', m: 'M' };

/** Unit words a newcomer writes that Cap spells another way. */
const UNIT_SPELLINGS: Record<string, string> = { hour: 'h', hours: 'h', minute: 'min', minutes: 'min' };

/** The unit a mistyped unit word most likely stands for: `mnths` → `months`, `hour` → `h`. */
function unitSuggestion(word: string): string | undefined {
    if (UNIT_SPELLINGS[word] !== undefined) return UNIT_SPELLINGS[word];
    return didYouMean(word, [...Object.keys(HOUR_UNITS), ...Object.keys(DURATION_WORDS)]);
}

export function timeUnitOf(word: string | undefined): TimeUnit | undefined {
    return word === undefined ? undefined : DURATION_WORDS[word];
}

export function isCurrencyCode(word: string): boolean {
    return /^[A-Z]{3}$/.test(word);
}

/** A word that reads as a unit after a number: `h`, `months`, `USD`. */
export function isUnitWord(word: string): boolean {
    return word in HOUR_UNITS || word in DURATION_WORDS || isCurrencyCode(word);
}

/**
 * Beyond any real plan, and large enough that products of such numbers could overflow to
 * Infinity: the validator rejects larger quantities (CAP026) and the lowering does not use them.
 */
export const LARGEST_QUANTITY = 1e15;

const UNIT_WORDS =
    'use h or min for hours, %, a currency ($, €, £ or a code such as USD), or weeks, months, quarters, years';

export function interpretMeasure(m: Measure | undefined): Interpretation {
    // The parser recovers from `mrr $ / 800` with a measure that has no number, and from `hours }`
    // with a property that has no measure; their syntax errors say why.
    if (!m || typeof m.value !== 'number' || Number.isNaN(m.value))
        return { ok: false, on: 'value', message: 'A quantity needs a number' };
    const written = m.value;
    let dimension: Dimension;
    let value = written;
    let currency: string | undefined;
    if (m.symbol !== undefined) {
        if (m.unit !== undefined && MULTIPLIERS[m.unit] !== undefined) {
            return {
                ok: false,
                on: 'unit',
                message:
                    `Thousands are written \`k\` and millions \`M\`, not \`${m.unit}\`` +
                    didYouMeanText(MULTIPLIERS[m.unit]),
            };
        }
        if (m.unit !== undefined || m.percent) {
            return {
                ok: false,
                on: 'unit',
                message:
                    `A money amount takes either a symbol or a currency code, not \`${m.symbol}\` ` +
                    `and \`${m.percent ? '%' : m.unit}\``,
            };
        }
        dimension = 'money';
        currency = CURRENCY_SYMBOLS[m.symbol];
    } else if (m.percent) {
        dimension = 'percent';
        value = written / 100;
    } else if (m.unit === undefined) {
        dimension = 'count';
    } else if (m.unit in HOUR_UNITS) {
        dimension = 'hours';
        value = written * HOUR_UNITS[m.unit];
    } else if (m.unit in DURATION_WORDS) {
        dimension = 'duration';
        value = written * MONTHS_PER[DURATION_WORDS[m.unit]];
    } else if (isCurrencyCode(m.unit)) {
        dimension = 'money';
        currency = m.unit;
    } else {
        const suggestion = unitSuggestion(m.unit);
        return {
            ok: false,
            on: 'unit',
            message: suggestion
                ? `Unknown unit \`${m.unit}\`${didYouMeanText(suggestion)}`
                : `Unknown unit \`${m.unit}\`: ${UNIT_WORDS}`,
        };
    }
    let per: TimeUnit | undefined;
    if (m.per !== undefined) {
        per = DURATION_WORDS[m.per];
        if (per === undefined) {
            const suggestion = didYouMean(m.per, Object.keys(DURATION_WORDS));
            return {
                ok: false,
                on: 'per',
                message: suggestion
                    ? `\`/ ${m.per}\` is not a time unit${didYouMeanText(suggestion)}`
                    : `\`/ ${m.per}\` is not a time unit: use / week, / month, / quarter or / year`,
            };
        }
    }
    // Every quantity has the same properties, so that reading one is one shape for the engine.
    return { ok: true, dimension, value, written, currency, per };
}

/**
 * A quantity the engine may compute with: readable and within `LARGEST_QUANTITY`. The lowering
 * reads measures through this, so that a value the validator rejects falls back to its default
 * like any other malformed property instead of turning figures into Infinity.
 */
export function usableQuantity(m: Measure): Quantity | undefined {
    const i = interpretMeasure(m);
    return i.ok && Math.abs(i.written) <= LARGEST_QUANTITY ? i : undefined;
}

/** A rate's value per month: `40h / week` is 40 / (12/52) = 173.33 h a month. */
export function perMonth(q: Quantity): number {
    return q.per === undefined ? q.value : q.value / MONTHS_PER[q.per];
}

export type FrequencyInterpretation =
    | { ok: true; frequency: FrequencySpec }
    | { ok: false; message: string; outOfRange?: boolean; onUnit?: boolean };

export function interpretFrequency(f: Frequency): FrequencyInterpretation {
    if (f.once) return { ok: true, frequency: { kind: 'once' } };
    const unit = timeUnitOf(f.unit);
    if (unit === undefined) {
        const suggestion = f.unit === undefined ? undefined : didYouMean(f.unit, Object.keys(DURATION_WORDS));
        return {
            ok: false,
            onUnit: true,
            message: suggestion
                ? `\`${f.unit}\` is not a time unit${didYouMeanText(suggestion)}`
                : `\`${f.unit}\` is not a time unit: use week, month, quarter or year`,
        };
    }
    const n = f.count ?? 1;
    if (!(n > 0)) return { ok: false, message: 'A frequency needs a positive number' };
    if (n > LARGEST_QUANTITY) {
        const largest = LARGEST_QUANTITY.toLocaleString('en-US');
        return {
            ok: false,
            outOfRange: true,
            message: `A frequency's number is too large for a plan: at most ${largest}`,
        };
    }
    return {
        ok: true,
        frequency: { kind: 'recurring', perMonth: f.times ? timesPerMonth(n, unit) : everyPerMonth(n, unit) },
    };
}

const DIMENSION_NAMES: Record<Dimension, string> = {
    hours: 'hours',
    money: 'money',
    percent: 'a percentage',
    count: 'a plain number',
    duration: 'a duration',
};

export function describeDimension(d: Dimension): string {
    return DIMENSION_NAMES[d];
}
