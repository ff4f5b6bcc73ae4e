import { numberAfter } from './generate.ts';

export interface TextEdit {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    text: string;
}

/**
 * A keystroke a user makes: a `0` typed after a number (a tier's `accounts`, a role's `ramp`), then
 * deleted again, and so on, so that every keystroke changes figures (required FTE, load) and
 * moves everything after it by one character, and the edits can go on for as long as the
 * benchmark needs.
 */
export class DigitToggle {
    readonly line: number;
    /** Column right after the number, where the `0` is typed. */
    readonly character: number;
    private readonly offset: number;
    private typed = false;
    text: string;

    constructor(text: string, keyword = 'accounts', fromLine = 0) {
        const at = numberAfter(text, keyword, fromLine);
        this.line = at.line;
        this.character = at.character + at.value.length;
        const lines = text.split('\n');
        this.offset = lines.slice(0, at.line).reduce((n, l) => n + l.length + 1, 0) + this.character;
        this.text = text;
    }

    /** Which of the two texts is current: `typed` or `deleted`. */
    get current(): string {
        return this.typed ? 'typed' : 'deleted';
    }

    /** Applies the next keystroke and returns it as an editor sends it. */
    next(): TextEdit {
        this.typed = !this.typed;
        const at = { line: this.line, character: this.character };
        if (this.typed) {
            this.text = `${this.text.slice(0, this.offset)}0${this.text.slice(this.offset)}`;
            return { range: { start: at, end: at }, text: '0' };
        }
        this.text = this.text.slice(0, this.offset) + this.text.slice(this.offset + 1);
        return { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
    }
}
