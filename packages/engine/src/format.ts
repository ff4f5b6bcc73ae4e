/**
 * How figures read to a finance audience: thousands separators, sensible rounding, the model's
 * currency, and an em dash for an undefined figure. Shared by the CLI summary, inlay hints,
 * hovers and the preview so that a number looks the same everywhere.
 */

export const UNDEFINED_FIGURE = '—';

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };

/**
 * `x.toLocaleString('en-US', options)` builds a new Intl.NumberFormat on every call (tens of
 * microseconds); the language server formats thousands of figures per keystroke for inlay hints
 * and their tooltips, so each formatter is built once. Same output: toLocaleString is specified
 * as exactly this format call.
 */
const formatters = new Map<string, Intl.NumberFormat>();

function localeFormat(x: number, minimumFractionDigits: number, maximumFractionDigits: number): string {
    const key = `${minimumFractionDigits}:${maximumFractionDigits}`;
    let formatter = formatters.get(key);
    if (!formatter) {
        formatter = new Intl.NumberFormat('en-US', { minimumFractionDigits, maximumFractionDigits });
        formatters.set(key, formatter);
    }
    return formatter.format(x);
}

function grouped(x: number, decimals: number): string {
    return localeFormat(x, decimals, decimals);
}

/** Whole units from 100 up, cents below: `$9,500`, `$79.17`; `decimals` forces a precision. */
export function formatMoney(x: number | null, currency: string, decimals?: number): string {
    if (x === null || !Number.isFinite(x)) return UNDEFINED_FIGURE;
    decimals ??= Math.abs(x) >= 100 ? 0 : 2;
    const sign = x < 0 ? '-' : '';
    const body = grouped(Math.abs(x), decimals);
    const symbol = SYMBOLS[currency];
    return symbol ? `${sign}${symbol}${body}` : `${sign}${body} ${currency}`;
}

const MAGNITUDES: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
];

/**
 * Money in at most three significant figures where space is short (inlay hints): `$1.16M`,
 * `$578k`, `€39.6k`; below 10,000 as `formatMoney` writes it (`$9,500`, `$79.17`), whose digits
 * fit. The suffixes are those Cap reads in a model (`$1.2M`, `$120k`).
 */
export function formatMoneyCompact(x: number | null, currency: string): string {
    if (x === null || !Number.isFinite(x) || Math.abs(x) < 10_000) return formatMoney(x, currency);
    const abs = Math.abs(x);
    let body = '';
    for (const [size, suffix] of MAGNITUDES) {
        if (abs < size) continue;
        // Three significant figures; 999,999 rounds to 1,000k, which reads as the next magnitude.
        const scaled = abs / size;
        const rounded = Number(scaled.toPrecision(3));
        const next = MAGNITUDES[MAGNITUDES.findIndex(m => m[0] === size) - 1];
        body = rounded >= 1000 && next ? `${Number((abs / next[0]).toPrecision(3))}${next[1]}` : `${rounded}${suffix}`;
        break;
    }
    const sign = x < 0 ? '-' : '';
    const symbol = SYMBOLS[currency];
    return symbol ? `${sign}${symbol}${body}` : `${sign}${body} ${currency}`;
}

/** Up to two decimals, trailing zeros dropped: `120`, `173.33`, `0.5`. */
export function formatNumber(x: number | null, maxDecimals = 2): string {
    if (x === null || !Number.isFinite(x)) return UNDEFINED_FIGURE;
    const s = localeFormat(x, 0, maxDecimals);
    return s === '-0' ? '0' : s;
}

export function formatHours(x: number | null): string {
    return x === null || !Number.isFinite(x) ? UNDEFINED_FIGURE : `${formatNumber(x)} h`;
}

/** A fraction as a percentage with one decimal: 1.042 -> `104.2%`. */
export function formatPercent(x: number | null): string {
    return x === null || !Number.isFinite(x) ? UNDEFINED_FIGURE : `${formatNumber(x * 100, 1)}%`;
}

export function formatFte(x: number | null): string {
    return formatNumber(x, 2);
}

/** A signed difference: `+1.5`, `-$2,000`, `±0`. */
export function formatDelta(x: number | null, format: (v: number) => string): string {
    if (x === null || !Number.isFinite(x)) return UNDEFINED_FIGURE;
    if (x === 0) return '±0';
    return x > 0 ? `+${format(x)}` : `-${format(-x)}`;
}

/** `per month`, `per quarter`, `per year` in short form for table headers: `/mo`, `/qtr`, `/yr`. */
export function periodSuffix(period: string): string {
    return period === 'quarter' ? '/qtr' : period === 'year' ? '/yr' : '/mo';
}
