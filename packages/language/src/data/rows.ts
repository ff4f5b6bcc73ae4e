import { readAmount } from './amount.js';
import { readCsvRecords } from './csv.js';
import type { DataBinding } from './match.js';
import { nameMatcher, tierMatcher } from './match.js';
import type { ColumnSelection } from './table.js';

/**
 * A data file's rows one by one, matched like match.ts matches them, for comparing two versions
 * of an export account by account (`cap diff`). A model never needs this: it reads the grouped
 * rows (table.ts), which is what keeps a keystroke cheap.
 */
export interface AccountRow {
    /** The key cell; the row's number in the file when the block reads no key. */
    key: string;
    /** The tier the row counts in, or null when it is left out (no tier, or a tier that does not read the block). */
    tier: string | null;
    /** Per owner column: the agent that owns the row, else the cell as written (`""` when empty). */
    owners: string[];
    /** The revenue cell in the model's currency, or null when it is not one. */
    revenue: number | null;
}

export function accountRows(bytes: Uint8Array, selection: ColumnSelection, binding: DataBinding): AccountRow[] {
    const tierOf = tierMatcher(binding);
    const ownerOf = binding.owners.map(column => nameMatcher(column.agents));
    const rows: AccountRow[] = [];
    const cell = (fields: string[], index: number) => (index < fields.length ? fields[index].trim() : '');
    readCsvRecords(bytes, selection.separator, (fields, index) => {
        if (index === 0 || fields.every(f => f.trim() === '')) return;
        const matched = tierOf(cell(fields, selection.tier));
        const tier = typeof matched === 'string' && binding.accountsTiers.has(matched) ? matched : null;
        const owners = selection.owners.map((column, j) => {
            const value = cell(fields, column);
            const agent = value === '' ? undefined : ownerOf[j](value);
            return typeof agent === 'string' ? agent : value;
        });
        let revenue: number | null = null;
        if (selection.revenue !== null) {
            const amount = readAmount(cell(fields, selection.revenue));
            if (amount.ok && (amount.currency === null || amount.currency === binding.currency)) revenue = amount.value;
        }
        const key = selection.key === null ? String(index) : cell(fields, selection.key);
        rows.push({ key, tier, owners, revenue });
    });
    return rows;
}
