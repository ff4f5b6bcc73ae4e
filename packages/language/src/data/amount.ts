/**
 * A revenue cell of a CRM export (spec section 14): a number as Cap writes one (`1,200`, `12.75`,
 * `120k`, `1.2M`), optionally with a currency symbol before it (`$12,000`) or an ISO 4217 code
 * before or after it (`USD 12000`, `12000 USD`). Whether the currency is the model's is decided
 * later, against the model; a cell is read once per file.
 */

export type Amount =
    | { ok: true; value: number; currency: string | null }
    | { ok: false; why: 'negative' | 'unreadable' | 'too-large' };

/** Beyond any account's revenue: larger amounts could make a file's sums overflow (see LARGEST_QUANTITY). */
export const LARGEST_AMOUNT = 1e15;

const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };

// sign, symbol or code, sign, digits (groups of three after commas), decimals, k/M, code.
const AMOUNT = new RegExp(
    '^(-?)\\s*(?:([$€£])|([A-Za-z]{3})\\s)?\\s*(-?)\\s*' +
        '((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?)([kM]?)(?:\\s*([A-Za-z]{3}))?$',
);

/** A trimmed, non-empty cell read as an amount. */
export function readAmount(cell: string): Amount {
    const m = AMOUNT.exec(cell);
    if (m === null) return { ok: false, why: 'unreadable' };
    const [, sign, symbol, before, innerSign, digits, multiplier, after] = m;
    if (before !== undefined && after !== undefined) return { ok: false, why: 'unreadable' };
    const value = Number(digits.replace(/,/g, '')) * (multiplier === 'k' ? 1_000 : multiplier === 'M' ? 1_000_000 : 1);
    if (!Number.isFinite(value)) return { ok: false, why: 'unreadable' };
    if ((sign === '-' || innerSign === '-') && value !== 0) return { ok: false, why: 'negative' };
    if (value > LARGEST_AMOUNT) return { ok: false, why: 'too-large' };
    const code = symbol !== undefined ? SYMBOLS[symbol] : ((before ?? after)?.toUpperCase() ?? null);
    return { ok: true, value, currency: code };
}
