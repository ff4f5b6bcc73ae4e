import type { CstNode, GrammarAST, ValueType } from 'langium';
import { DefaultValueConverter, ValueConverter } from 'langium';

/**
 * Numbers as Cap writes them: `1,200` (comma groups of three), `0.5`, and a `k` or `M`
 * multiplier right after the digits (`$120k`, `$1.2M`).
 */
export class CapValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'NUMBER') return parseCapNumber(input);
        if (rule.name === 'STRING') return convertCapString(input);
        return super.runConverter(rule, input, cstNode);
    }
}

/**
 * A STRING token's value. Langium's converter builds it a character at a time, which leaves a
 * chain of one-character string pieces per title (32 bytes each) in the AST until something
 * flattens it; a title without escapes is just the text between the quotes.
 */
export function convertCapString(image: string): string {
    return image.indexOf('\\') < 0 ? image.slice(1, -1) : ValueConverter.convertString(image);
}

export function parseCapNumber(text: string): number {
    let multiplier = 1;
    let digits = text;
    const last = text[text.length - 1];
    if (last === 'k') multiplier = 1_000;
    if (last === 'M') multiplier = 1_000_000;
    if (multiplier !== 1) digits = text.slice(0, -1);
    const value = Number(digits.replace(/,/g, '')) * multiplier;
    // A literal too large for a double (`1e400` cannot be written, but 400 digits can) is read as
    // the largest finite number, so that no figure downstream becomes Infinity.
    return Number.isFinite(value) ? value : Math.sign(value) * Number.MAX_VALUE;
}

const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * `parseCapNumber(text.slice(start, end))`, read in place: the direct parser reads every number of
 * a file, and cutting each out of the source (then its commas out of that) made two strings a
 * number. With at most 15 digits the digits make an exact integer and the power of ten an exact
 * double, so one division gives the correctly rounded value, the same double `Number` gives (the
 * classic fast path of decimal conversion); anything longer goes the string way.
 */
export function parseCapNumberAt(text: string, start: number, end: number): number {
    let i = start;
    const negative = text.charCodeAt(i) === 45 /* - */;
    if (negative) i++;
    let digits = 0;
    let mantissa = 0;
    let decimals = 0;
    let fraction = false;
    let multiplier = 1;
    for (; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c >= 48 && c <= 57) {
            mantissa = mantissa * 10 + (c - 48);
            digits++;
            if (fraction) decimals++;
        } else if (c === 46 /* . */) {
            fraction = true;
        } else if (c === 107 /* k */ && i === end - 1) {
            multiplier = 1_000;
        } else if (c === 77 /* M */ && i === end - 1) {
            multiplier = 1_000_000;
        } else if (c !== 44 /* , */) {
            return parseCapNumber(text.slice(start, end));
        }
    }
    if (digits === 0 || digits > 15) return parseCapNumber(text.slice(start, end));
    const value = (decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals]) * multiplier;
    return negative ? -value : value;
}
