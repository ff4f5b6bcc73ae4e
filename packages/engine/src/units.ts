import type { Frequency, MonthIndex, Period, TimeUnit } from './model.js';

/** Length of each time unit in months (spec section 1). */
export const MONTHS_PER: Readonly<Record<TimeUnit, number>> = {
    week: 12 / 52,
    month: 1,
    quarter: 3,
    year: 12,
};

export function isTimeUnit(word: string): word is TimeUnit {
    return Object.hasOwn(MONTHS_PER, word);
}

export function periodMonths(period: Period): number {
    return MONTHS_PER[period];
}

/** `every N u` happens 1 / (N * len(u)) times a month. */
export function everyPerMonth(n: number, unit: TimeUnit): number {
    return 1 / (n * MONTHS_PER[unit]);
}

/** `N times / u` happens N / len(u) times a month. */
export function timesPerMonth(n: number, unit: TimeUnit): number {
    return n / MONTHS_PER[unit];
}

export function recurringPerMonth(f: Frequency): number {
    return f.kind === 'recurring' ? f.perMonth : 0;
}

/** A rate `c` per `months` months compounded to a monthly rate: 1 - (1 - c)^(1 / months). */
export function compoundToMonthly(rate: number, months: number): number {
    // Over one month the formula is the identity; skipping it keeps 6.4% exactly 0.064.
    if (months === 1) return rate;
    return 1 - (1 - rate) ** (1 / months);
}

/** A monthly rate compounded over `months` months: 1 - (1 - cm)^months. */
export function compoundFromMonthly(monthly: number, months: number): number {
    if (months === 1) return monthly;
    return 1 - (1 - monthly) ** months;
}

/** A growth rate `e` per `months` months as a monthly rate (spec section 16): (1 + e)^(1 / months) − 1. */
export function growthToMonthly(rate: number, months: number): number {
    if (months === 1) return rate;
    return (1 + rate) ** (1 / months) - 1;
}

/** A monthly growth rate over `months` months: (1 + em)^months − 1. */
export function growthFromMonthly(monthly: number, months: number): number {
    if (months === 1) return monthly;
    return (1 + monthly) ** months - 1;
}

export function parseMonth(text: string): MonthIndex | undefined {
    const m = /^(\d{4})-(\d{2})$/.exec(text);
    if (!m) return undefined;
    const month = Number(m[2]);
    if (month < 1 || month > 12) return undefined;
    return Number(m[1]) * 12 + (month - 1);
}

export function formatMonth(index: MonthIndex): string {
    const year = Math.floor(index / 12);
    const month = index - year * 12 + 1;
    return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}
