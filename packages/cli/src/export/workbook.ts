import ExcelJS from 'exceljs';
import type { CellKind, Sheet } from './sheets.js';
import { moneyFormat } from './sheets.js';

/**
 * Writes the finance sheets as an Excel workbook (`.xlsx`) with exceljs. This module is the only
 * one that loads exceljs, and `cap export` loads it only for `--format xlsx`: the bundle puts it
 * in a file of its own (`dist/cap-export.cjs`, see esbuild.mjs) so that no other command reads it.
 */

export interface WorkbookMeta {
    /** The model's title (or name): the workbook's title. */
    title: string;
    currency: string;
    generator: string;
}

/** Excel number formats by cell kind; money in the model's currency. */
function formats(currency: string): Record<CellKind, string | undefined> {
    return {
        text: undefined,
        money: moneyFormat(currency),
        percent: '0.0%',
        fte: '#,##0.00',
        hours: '#,##0.0',
        count: '#,##0',
        number: '#,##0.00',
    };
}

/** The workbook's bytes: one worksheet per sheet, header row bold, frozen and filterable, first column frozen. */
export async function workbookBytes(sheets: Sheet[], meta: WorkbookMeta): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = meta.generator;
    workbook.title = meta.title;
    workbook.subject = 'Cap capacity plan, from its cap-report/1 report';
    const numFmt = formats(meta.currency);
    for (const sheet of sheets) {
        const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
        const header = worksheet.addRow(sheet.headers);
        header.font = { bold: true };
        header.alignment = { vertical: 'top', wrapText: true };
        for (const row of sheet.rows) {
            const added = worksheet.addRow(row.map(cell => cell.value ?? undefined));
            row.forEach((cell, i) => {
                const format = numFmt[cell.kind];
                if (format && typeof cell.value === 'number') added.getCell(i + 1).numFmt = format;
            });
        }
        worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.headers.length } };
        sheet.headers.forEach((title, i) => {
            const longest = Math.max(
                Math.min(title.length, 28),
                ...sheet.rows.map(row => displayLength(row[i]?.value ?? null)),
            );
            worksheet.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
        });
    }
    return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** About how wide a value reads once formatted: numbers with separators and two decimals. */
function displayLength(value: string | number | null): number {
    if (value === null) return 0;
    if (typeof value === 'string') return value.length;
    return Math.abs(value) >= 1 ? (Math.floor(Math.log10(Math.abs(value))) * 4) / 3 + 6 : 6;
}
