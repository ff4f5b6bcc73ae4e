import type { Cell, Sheet } from './sheets.js';

/**
 * One sheet as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, a quote or a
 * line break quoted). Numbers are written unrounded, as the report has them; an undefined figure
 * is an empty field.
 *
 * Text that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
 * return before one) is neutralised with a leading `'`: names and titles come from model files,
 * and a tier titled `=HYPERLINK(...)` must stay text when finance opens the file. Numbers are
 * never text here, so `-4` (a gap of four FTE) stays a number.
 */
export function sheetToCsv(sheet: Sheet): string {
    const lines = [sheet.headers.map(field), ...sheet.rows.map(row => row.map(cellField))];
    return `${lines.map(fields => fields.join(',')).join('\r\n')}\r\n`;
}

function cellField(cell: Cell): string {
    if (cell.value === null) return '';
    if (typeof cell.value === 'number') return Number.isFinite(cell.value) ? String(cell.value) : '';
    return field(cell.value);
}

/** A text field: neutralised against formulas, then quoted when it needs to be. */
export function field(value: string): string {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
