import { numberAfter } from './generate.ts';

/**
 * A one-character edit a user makes: the last digit of a number (a tier's `accounts`, a role's
 * `hours`), flipped between two values, so every edit changes figures (required FTE, load) and the
 * edits can go on for as long as the benchmark needs.
 */
export class DigitToggle {
    readonly line: number;
    /** Column of the digit that changes. */
    readonly character: number;
    readonly offset: number;
    private readonly digits: [string, string];
    private flips = 0;
    text: string;

    constructor(text: string, keyword = 'accounts', fromLine = 0) {
        const at = numberAfter(text, keyword, fromLine);
        this.line = at.line;
        this.character = at.character + at.value.length - 1;
        const last = at.value[at.value.length - 1];
        this.digits = [last, String((Number(last) + 1) % 10)];
        const lines = text.split('\n');
        this.offset = lines.slice(0, at.line).reduce((n, l) => n + l.length + 1, 0) + this.character;
        this.text = text;
    }

    /** The digit now in the text. */
    get current(): string {
        return this.digits[this.flips % 2];
    }

    /** Applies the next edit; returns the inserted character. */
    next(): string {
        this.flips++;
        const digit = this.current;
        this.text = this.text.slice(0, this.offset) + digit + this.text.slice(this.offset + 1);
        return digit;
    }
}
