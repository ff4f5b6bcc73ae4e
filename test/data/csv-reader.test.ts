/**
 * Spec section 14, "The file": CSV as in RFC 4180 read by csv-parse, with where each row and cell
 * is, so that a problem is located in the file itself.
 */
import { describe, expect, it } from 'vitest';
import { CellLocator, readAmount, readCsvHeader, readCsvRecords } from '@cap/language';

const bytes = (text: string) => new TextEncoder().encode(text);

function records(text: string, separator = ','): { rows: string[][]; error?: string; errorLine?: number } {
    const rows: string[][] = [];
    const error = readCsvRecords(bytes(text), separator, fields => rows.push(fields));
    return { rows, error: error?.message, errorLine: error?.at.line };
}

describe('§14 the file: RFC 4180', () => {
    it('reads a header and rows, quoted fields holding separators, quotes and line breaks', () => {
        const { rows } = records('ID,Name,ARR\n1,"Acme, Inc.","$1,200"\n2,"The ""Best"" Co","line\nbreak"\n');
        expect(rows).toEqual([
            ['ID', 'Name', 'ARR'],
            ['1', 'Acme, Inc.', '$1,200'],
            ['2', 'The "Best" Co', 'line\nbreak'],
        ]);
    });

    it('takes LF and CRLF line ends, mixed in one file, and a byte-order mark', () => {
        const { rows } = records('\ufeffa,b\r\n1,2\n3,"x\r\ny"\r\n5,6');
        expect(rows).toEqual([
            ['a', 'b'],
            ['1', '2'],
            ['3', 'x\r\ny'],
            ['5', '6'],
        ]);
    });

    it('takes `;` and tab as separators', () => {
        expect(records('a;b\n1;2\n', ';').rows).toEqual([
            ['a', 'b'],
            ['1', '2'],
        ]);
        expect(records('a\tb\n1\t2\n', '\t').rows).toEqual([
            ['a', 'b'],
            ['1', '2'],
        ]);
    });

    it('reads the header alone, without the rows', () => {
        expect(readCsvHeader(bytes(' Account ID ,Segment\n1,SMB\n'), ',')).toEqual({
            names: [' Account ID ', 'Segment'],
        });
        expect(readCsvHeader(bytes(''), ',')).toBeUndefined();
    });

    it('a quote never closed is an error at the row that opens it, not at the end of the file', () => {
        const r = records('a,b\n1,2\n3,"open\n4,5\n6,7\n');
        expect(r.rows).toEqual([
            ['a', 'b'],
            ['1', '2'],
        ]);
        expect(r.error).toMatch(/never closed/);
        expect(r.errorLine).toBe(2); // 0-based: the third line, `3,"open`
    });

    it('a quote inside a field that is not quoted is an error at its row', () => {
        const r = records('a,b\n1,2\n3,12" screen\n');
        expect(r.error).toMatch(/inside a field that is not quoted/);
        expect(r.errorLine).toBe(2);
    });

    it('a row over 1 MB is refused (a quote left open would swallow the file)', () => {
        const r = records(`a,b\n1,"${'x'.repeat(1024 * 1024 + 10)}"\n`);
        expect(r.error).toMatch(/longer than 1 MB/);
        expect(r.errorLine).toBe(1);
    });
});

describe('§14 the file: cells located in characters, as editors count them', () => {
    const text = '\ufeffID,Name,ARR\r\n1,"Acme, ""Big"" Inc.",12\r\n2,"two\nlines",9OO\r\n3,Zoë,€5\r\n';
    const b = bytes(text);
    const starts: [number, number][] = [];
    readCsvRecords(b, ',', (_f, _i, start, end) => starts.push([start, end]));
    const locator = new CellLocator(b, ',');

    it('a header cell after a byte-order mark starts where the editor shows it', () => {
        // `ID,Name,` is 8 characters
        expect(locator.cell(...starts[0], 2)).toEqual({ line: 0, character: 8, length: 3 });
    });

    it('a cell after a quoted field with doubled quotes and a separator inside', () => {
        // `"Acme, ""Big"" Inc."` is 18 characters between its quotes, 20 with them;
        // `1,"Acme, ""Big"" Inc.",` is 1 + 1 + 20 + 1 = 23 characters
        expect(locator.cell(...starts[1], 1)).toEqual({ line: 1, character: 2, length: 20 });
        expect(locator.cell(...starts[1], 2)).toEqual({ line: 1, character: 23, length: 2 });
    });

    it('a cell after a field that spans two lines is on the second line', () => {
        expect(locator.cell(...starts[2], 2)).toEqual({ line: 3, character: 7, length: 3 }); // `lines",` then `9OO`
    });

    it('characters beyond ASCII count once each', () => {
        expect(locator.cell(...starts[3], 2)).toEqual({ line: 4, character: 6, length: 2 }); // `3,Zoë,` then `€5`
    });

    it('a field the row lacks is located at the end of the row', () => {
        const short = bytes('a,b,c\n1,2\n');
        const rows: [number, number][] = [];
        readCsvRecords(short, ',', (_f, _i, s, e) => rows.push([s, e]));
        expect(new CellLocator(short, ',').cell(...rows[1], 2)).toEqual({ line: 1, character: 3, length: 0 });
    });
});

describe('§14 values: a revenue cell is a number as in §1, with the currency optionally', () => {
    it('reads §1 numbers: commas in groups of three, decimals, k and M', () => {
        expect(readAmount('1,200')).toEqual({ ok: true, value: 1200, currency: null });
        expect(readAmount('12.75')).toEqual({ ok: true, value: 12.75, currency: null });
        expect(readAmount('120k')).toEqual({ ok: true, value: 120_000, currency: null });
        expect(readAmount('1.2M')).toEqual({ ok: true, value: 1_200_000, currency: null });
        expect(readAmount('1,234,567.5')).toEqual({ ok: true, value: 1_234_567.5, currency: null });
    });

    it('a currency symbol before, an ISO code before or after', () => {
        expect(readAmount('$12,000')).toEqual({ ok: true, value: 12_000, currency: 'USD' });
        expect(readAmount('€8,000')).toEqual({ ok: true, value: 8_000, currency: 'EUR' });
        expect(readAmount('£700')).toEqual({ ok: true, value: 700, currency: 'GBP' });
        expect(readAmount('12000 USD')).toEqual({ ok: true, value: 12_000, currency: 'USD' });
        expect(readAmount('USD 12000')).toEqual({ ok: true, value: 12_000, currency: 'USD' });
        expect(readAmount('$120k')).toEqual({ ok: true, value: 120_000, currency: 'USD' });
    });

    it('anything else is not an amount; a negative amount is told apart', () => {
        for (const cell of ['12,5OO', '1,20', '12.', '.5', 'n/a', '$', '12 000', '(1,200)', 'USD 12 EUR', '1e5']) {
            expect(readAmount(cell), cell).toEqual({ ok: false, why: 'unreadable' });
        }
        expect(readAmount('-1,200')).toEqual({ ok: false, why: 'negative' });
        expect(readAmount('-$1,200')).toEqual({ ok: false, why: 'negative' });
        expect(readAmount('$-1,200')).toEqual({ ok: false, why: 'negative' });
        expect(readAmount('9'.repeat(400))).toEqual({ ok: false, why: 'unreadable' });
        expect(readAmount('2,000,000,000,000,000')).toEqual({ ok: false, why: 'too-large' });
    });
});
