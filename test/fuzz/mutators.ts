import fc from 'fast-check';
import { createCapServices } from '@cap/language';
import type { Seed } from './corpus.js';

/**
 * Grammar-aware mutations of Cap text. Mutations work on the lexer's tokens (comments included),
 * so that they delete, duplicate and swap what a person edits, not random bytes; inserted text
 * comes from the grammar's own words, from numbers at the edges of what a double holds, and from
 * Unicode that editors and terminals get wrong. Every mutation is plain data, so fast-check can
 * shrink a failing case to the smallest list of edits and print it.
 */

const lexer = createCapServices().Cap.parser.Lexer;

interface Span {
    start: number;
    end: number;
}

/** Tokens and comments in document order; whatever the lexer skipped is simply not a span. */
export function spans(text: string): Span[] {
    const result = lexer.tokenize(text);
    return [...result.tokens, ...result.hidden]
        .map(t => ({ start: t.startOffset, end: t.startOffset + t.image.length }))
        .sort((a, b) => a.start - b.start);
}

/** The extremes a quantity can be written with; `1e308` is not a Cap number, which is the point. */
export const EXTREME_NUMBERS = [
    '1e308',
    '1.7976931348623157e308',
    '0',
    '-0',
    '0.0',
    '-1',
    '-160',
    '-99,999',
    '0.000000001',
    '5e-324',
    '9'.repeat(400),
    `1${',000'.repeat(110)}`,
    '999999999999999999999M',
    '-1.5M',
    '0k',
    '0M',
    '00000',
    '9007199254740993',
    '4294967296',
    '2147483648',
    '1,2',
    '1,,000',
    '1.',
    '.5',
    '0x10',
    'NaN',
    'Infinity',
    '-Infinity',
];

/** Words and punctuation of the grammar, in the shapes they are written in. */
export const GRAMMAR_WORDS = [
    'model',
    'role',
    'service',
    'tier',
    'agent',
    'scenario',
    'assert',
    'import',
    'overhead',
    'hours',
    'cost',
    'ramp',
    'seats',
    'uptake',
    'accounts',
    'arr',
    'mrr',
    'revenue',
    'churn',
    'lifetime',
    'margin',
    'expansion',
    'new',
    'fte',
    'count',
    'horizon',
    'role',
    'effort',
    'price',
    'included',
    'touch',
    'high',
    'low',
    'tech',
    'services',
    'tiers',
    'start',
    'currency',
    'period',
    'every',
    'once',
    'times',
    'per',
    'week',
    'month',
    'quarter',
    'year',
    'h',
    'min',
    'months',
    'weeks',
    'years',
    'USD',
    'EUR',
    '{',
    '}',
    '{ }',
    '/',
    '%',
    ',',
    '.',
    '$',
    '€',
    '£',
    '<',
    '<=',
    '>',
    '>=',
    '==',
    '"title"',
    '""',
    '2027-01',
    '2027-13',
    '0000-00',
    '9999-99',
    '1999-12',
    'totals',
    'crc',
    'utilization',
    'requiredFte',
    'CSM',
    'X',
    '_',
    'a'.repeat(300),
    'import "./plan.cap"',
    'import "./team/roles.cap"',
    'import "../seed/seed.cap"',
    'import ""',
    'import "."',
    'import "/"',
    'import "./missing.cap"',
    'import "x.txt"',
    'role CSM { hours 160h / month }',
    'agent z { role CSM count 1000000 }',
    'tier T { accounts 0 services QBR }',
    'scenario S { role CSM { hours 0h / month } }',
    'assert totals.crc < $0',
    'model M { start 2027-01 horizon 600 months }',
    'model M { horizon 0 months }',
    'overhead 100%',
    'overhead 99999%',
    'churn 100% / month',
    'churn 0% / year',
    'lifetime 0 months',
    'uptake 0%',
    'seats 0',
    'fte 0',
    'every 0 weeks',
    '0 times / year',
    'ramp 99999 months',
    'margin -50%',
    '// comment',
    '/* block */',
    '/* unterminated',
    '"unterminated',
];

/** Characters that break naive code: NUL, BOM, separators, bidi controls, astral and lone surrogates, combining marks. */
export const NASTY_TEXT = [
    '\u0000',
    '\uFEFF',
    '\u2028',
    '\u2029',
    '\u0085',
    '\r',
    '\r\n',
    '\n\n\n',
    '\t',
    '\v',
    '\f',
    '\u200B',
    '\u202E',
    '\u2066',
    'é',
    'e\u0301',
    'ß',
    'İ',
    'ǅ',
    '🚀',
    '👩‍👩‍👧',
    '\uD800',
    '\uDFFF',
    '\uDC00\uD800',
    '𝟙𝟚',
    '１２',
    '٣',
    '中文',
    '\\',
    '"',
    "'",
    '`',
    '#',
    '@',
    '~',
    '^',
    '&',
    '|',
    ';',
    ':',
    '?',
    '!',
    '(',
    ')',
    '[',
    ']',
    '\u{10FFFF}',
    '\u{E0001}',
];

export type Mutation =
    | { op: 'delete'; at: number; count: number }
    | { op: 'duplicate'; at: number; count: number }
    | { op: 'swap'; a: number; b: number }
    | { op: 'cut'; at: number }
    | { op: 'insert'; at: number; text: string }
    | { op: 'replace'; at: number; text: string }
    | { op: 'number'; nth: number; text: string };

const index = fc.nat({ max: 1 << 20 });

const insertable = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...GRAMMAR_WORDS) },
    { weight: 2, arbitrary: fc.constantFrom(...EXTREME_NUMBERS) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_TEXT) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
    {
        weight: 1,
        arbitrary: fc.string({
            unit: fc.integer({ min: 0, max: 0xffff }).map(c => String.fromCharCode(c)),
            maxLength: 6,
        }),
    },
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    {
        weight: 3,
        arbitrary: fc.record({ op: fc.constant('delete' as const), at: index, count: fc.integer({ min: 1, max: 6 }) }),
    },
    {
        weight: 2,
        arbitrary: fc.record({
            op: fc.constant('duplicate' as const),
            at: index,
            count: fc.integer({ min: 1, max: 12 }),
        }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('swap' as const), a: index, b: index }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('cut' as const), at: index }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at: index, text: insertable }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('replace' as const), at: index, text: insertable }) },
    {
        weight: 3,
        arbitrary: fc.record({
            op: fc.constant('number' as const),
            nth: index,
            text: fc.constantFrom(...EXTREME_NUMBERS),
        }),
    },
);

export interface FuzzCase {
    seed: number;
    mutations: Mutation[];
}

export function fuzzCase(seeds: number): fc.Arbitrary<FuzzCase> {
    return fc.record({
        seed: fc.nat({ max: seeds - 1 }),
        mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
    });
}

/** Applies one mutation; indexes wrap around what the text has, so every mutation applies to any text. */
export function mutate(text: string, m: Mutation): string {
    const items = spans(text);
    const pick = (i: number): Span | undefined => (items.length === 0 ? undefined : items[i % items.length]);
    switch (m.op) {
        case 'delete': {
            const first = pick(m.at);
            if (!first) return text.slice(0, m.at % (text.length + 1));
            const last = items[Math.min(items.length - 1, items.indexOf(first) + m.count - 1)];
            return text.slice(0, first.start) + text.slice(last.end);
        }
        case 'duplicate': {
            const first = pick(m.at);
            if (!first) return text + text;
            const last = items[Math.min(items.length - 1, items.indexOf(first) + m.count - 1)];
            return `${text.slice(0, last.end)} ${text.slice(first.start, last.end)}${text.slice(last.end)}`;
        }
        case 'swap': {
            const a = pick(m.a);
            const b = pick(m.b);
            if (!a || !b || a === b) return text;
            const [x, y] = a.start < b.start ? [a, b] : [b, a];
            return (
                text.slice(0, x.start) +
                text.slice(y.start, y.end) +
                text.slice(x.end, y.start) +
                text.slice(x.start, x.end) +
                text.slice(y.end)
            );
        }
        case 'cut':
            return text.slice(0, m.at % (text.length + 1));
        case 'insert': {
            // Between tokens, or inside one when the index says so: half of all inserts split a token.
            const span = pick(m.at >> 1);
            const offset = !span
                ? 0
                : m.at % 2 === 0
                  ? span.start
                  : span.start + ((m.at >> 1) % Math.max(1, span.end - span.start));
            return `${text.slice(0, offset)} ${m.text} ${text.slice(offset)}`;
        }
        case 'replace': {
            const span = pick(m.at);
            if (!span) return m.text;
            return text.slice(0, span.start) + m.text + text.slice(span.end);
        }
        case 'number': {
            const numbers = [...text.matchAll(/-?[0-9][0-9,]*(?:\.[0-9]+)?[kM]?/g)];
            if (numbers.length === 0) return text;
            const n = numbers[m.nth % numbers.length];
            return text.slice(0, n.index) + m.text + text.slice(n.index! + n[0].length);
        }
    }
}

/** The files of a case: the seed's, with the mutations applied to its target file. */
export function applyCase(seeds: Seed[], c: FuzzCase): { seed: Seed; files: Record<string, string> } {
    const seed = seeds[c.seed % seeds.length];
    let text = seed.files[seed.target];
    for (const m of c.mutations) text = mutate(text, m);
    return { seed, files: { ...seed.files, [seed.target]: text } };
}

/** Text of exactly `bytes` UTF-8 bytes or a little more: `unit` repeated, each copy renamed by `rename`. */
export function repeatTo(bytes: number, unit: (i: number) => string): string {
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < bytes; i++) {
        const part = unit(i);
        parts.push(part);
        size += Buffer.byteLength(part);
    }
    return parts.join('');
}
