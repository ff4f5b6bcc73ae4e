import { describe, expect, it } from 'vitest';
import { formatMoneyCompact } from '@cap/engine';

describe('compact money (inlay hints)', () => {
    it('three significant figures with the suffixes a model uses', () => {
        expect(formatMoneyCompact(1_155_338, 'USD')).toBe('$1.16M'); // 1.155338 → 1.16
        expect(formatMoneyCompact(577_669, 'USD')).toBe('$578k'); // 577.669 → 578
        expect(formatMoneyCompact(39_597, 'EUR')).toBe('€39.6k'); // 39.597 → 39.6
        expect(formatMoneyCompact(160_000, 'USD')).toBe('$160k');
        expect(formatMoneyCompact(2_500_000, 'GBP')).toBe('£2.5M');
        expect(formatMoneyCompact(-27_000, 'USD')).toBe('-$27k');
        expect(formatMoneyCompact(48_000, 'CHF')).toBe('48k CHF');
    });

    it('rounding up to the next magnitude reads as that magnitude', () => {
        expect(formatMoneyCompact(999_999, 'USD')).toBe('$1M'); // 999.999k → 1,000k = 1M
        expect(formatMoneyCompact(999_499, 'USD')).toBe('$999k');
    });

    it('below 10,000 and undefined as everywhere else', () => {
        expect(formatMoneyCompact(9_999, 'USD')).toBe('$9,999');
        expect(formatMoneyCompact(79.1666, 'USD')).toBe('$79.17');
        expect(formatMoneyCompact(null, 'USD')).toBe('—');
        expect(formatMoneyCompact(Number.POSITIVE_INFINITY, 'USD')).toBe('—');
    });
});
