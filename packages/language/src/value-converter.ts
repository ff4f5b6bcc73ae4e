import type { CstNode, GrammarAST, ValueType } from 'langium';
import { DefaultValueConverter, GrammarUtils, ValueConverter } from 'langium';

type Conversion = (input: string) => ValueType;

/**
 * Numbers as Cap writes them: `1,200` (comma groups of three), `0.5`, and a `k` or `M`
 * multiplier right after the digits (`$120k`, `$1.2M`). Which conversion a rule's values take is
 * decided once per rule, as Langium's converter decides it for every value (by the rule's name,
 * then its type): deciding it made two strings a value (`toUpperCase`, `toLowerCase`).
 */
export class CapValueConverter extends DefaultValueConverter {
    private readonly conversions = new Map<GrammarAST.AbstractRule, Conversion>();

    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, _cstNode: CstNode): ValueType {
        let conversion = this.conversions.get(rule);
        if (!conversion) {
            conversion = conversionOf(rule);
            this.conversions.set(rule, conversion);
        }
        return conversion(input);
    }
}

function conversionOf(rule: GrammarAST.AbstractRule): Conversion {
    if (rule.name === 'NUMBER') return parseCapNumber;
    if (rule.name === 'STRING') return convertCapString;
    switch (rule.name.toUpperCase()) {
        case 'INT':
            return ValueConverter.convertInt;
        case 'STRING':
            return ValueConverter.convertString;
        case 'ID':
            return ValueConverter.convertID;
    }
    switch (GrammarUtils.getRuleType(rule)?.toLowerCase()) {
        case 'number':
            return ValueConverter.convertNumber;
        case 'boolean':
            return ValueConverter.convertBoolean;
        case 'bigint':
            return ValueConverter.convertBigint;
        case 'date':
            return ValueConverter.convertDate;
        default:
            return input => input;
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
