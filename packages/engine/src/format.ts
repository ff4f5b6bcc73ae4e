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

/**
 * A money figure in a few characters, for a hint: three significant figures from 1,000 up
 * (`$2.93M`, `$480k`, `$12.5k`), whole units below (`$950`). The suffixes are those a model uses.
 */
export function formatMoneyShort(x: number | null, currency: string): string {
    if (x === null || !Number.isFinite(x)) return UNDEFINED_FIGURE;
    const size = Math.abs(x);
    if (size < 1_000) return formatMoney(Math.round(x), currency, 0);
    // 999,500 would read as 1,000k: it is 1M.
    const [scaled, suffix] = size >= 999_500 ? [x / 1_000_000, 'M'] : [x / 1_000, 'k'];
    const digits = Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
    const body = `${formatNumber(scaled, digits)}${suffix}`;
    const symbol = SYMBOLS[currency];
    return symbol ? `${x < 0 ? '-' : ''}${symbol}${body.replace(/^-/, '')}` : `${body} ${currency}`;
}

/**
 * Money where space is short but small figures matter (a tier's cost to serve of `$3.60`): as
 * `formatMoney` writes it below 10,000, whose digits fit, and `formatMoneyShort` from there.
 */
export function formatMoneyCompact(x: number | null, currency: string): string {
    return x !== null && Math.abs(x) >= 10_000 ? formatMoneyShort(x, currency) : formatMoney(x, currency);
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

/** A share per time unit as written: `15% a year`, `2% a month`, `5% every 2 months`. */
export function formatRatePer(r: { rate: number; months: number }): string {
    const unit =
        r.months === 1
            ? 'a month'
            : r.months === 3
              ? 'a quarter'
              : r.months === 12
                ? 'a year'
                : Math.abs(r.months - 12 / 52) < 1e-12
                  ? 'a week'
                  : `every ${formatNumber(r.months)} months`;
    return `${formatPercent(r.rate)} ${unit}`;
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
