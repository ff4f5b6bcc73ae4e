import { readCsvRecords } from './csv.js';

/**
 * A data file's account keys with their rows' tier cells (spec section 15: `account "…" in D`
 * gives a time log's row the tier of D's row with that key). Keys are compared exactly after
 * trimming; the first row of a key counts (a second is D's own error); rows longer than the
 * header are left out, as D leaves them out.
 */
export function readKeyTiers(bytes: Uint8Array, separator: string, key: number, tier: number): Map<string, string> {
    const tiers = new Map<string, string>();
    let width = 0;
    readCsvRecords(bytes, separator, (fields, index) => {
        if (index === 0) {
            width = fields.length;
            return;
        }
        if (fields.length > width) return;
        const value = key < fields.length ? fields[key].trim() : '';
        if (value !== '' && !tiers.has(value)) tiers.set(value, tier < fields.length ? fields[tier].trim() : '');
    });
    return tiers;
}
