import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createLangiumParser } from 'langium';
import type { CapFile } from '@cap/language';
import { CapScanner, DirectParser, createCapServices, lineStartsOf } from '@cap/language';
import { generateModel, generateWorkspace } from '../../bench/generate.ts';
import { corpus } from '../fuzz/corpus.js';
import { applyCase, fuzzCase } from '../fuzz/mutators.js';
import { snapshot } from './parse-snapshot.js';

/**
 * The direct parser (packages/language/src/parser/direct-parser.ts) must give, for every file it
 * accepts, the tree Langium's parser gives: the same AST (properties in the same order), the same
 * CST (grammar elements by identity, token types, positions, comments in the same places). For a
 * file with a syntax error it must decline, so that Langium's parser reports the error.
 */

const { Cap } = createCapServices();
const direct = new DirectParser(Cap);
const langium = createLangiumParser(Cap);
const sameTree = (text: string) => expect(snapshot(direct.parse(text)!)).toEqual(snapshot(langium.parse<CapFile>(text)));

/** Every construct of the grammar, and the lexical corners where a hand-written scanner could differ. */
const SNIPPETS: Record<string, string> = {
    empty: '',
    'only comments': '// a\n/* b\n c */\n',
    imports: 'import "./a.cap"\nimport "b\\"q\\\\.cap" // why\nrole R { hours 1h }',
    'every block': 'model M "The plan" { currency EUR period quarter start 2027-01 horizon 6 months }\nrole R "Role" { hours 160h / month overhead 25% cost $9,500 / month ramp 2 months }\n'
        + 'service S { role R effort 2h every month price included }\nservice T { role R effort 30 min 4 times / year price €1.2k per year }\n'
        + 'service U { role R effort 1h once price £100 every 2 weeks uptake 50% }\n'
        + 'tier Ti { touch high accounts 1,200 arr $10k churn 8% / year services S, T, U seats 3 margin 70% expansion 5% / year new 40 / quarter }\n'
        + 'agent A { role R fte 0.5 start 2027-03 tiers Ti count 3 }\ntier Tj { touch tech tiers Ti, Ti }\n',
    overhead: 'role R { overhead { meetings 10h admin 5h travel $3 /month other 2 per week } overhead 10h }\nrole Q { overhead { a 1 b } }\nrole P { overhead { a 1 b c 2 } }',
    scenario: 'scenario Up "Hire" { role R { hours 120h } agent B { role R } service S { effort 3h } tier T { accounts 9 } }',
    assertions: 'assert totals.revenue >= $1M\nassert Up.R.utilization <= 90%\nassert T.accounts == 3\nassert a.month < 2 h\nassert role.model.week > -1\nassert x.y.z < 1.5k per month',
    numbers: 'role R { hours 1,200 cost 1,234,567.89 ramp -3 seats 0 uptake 00.50% arr 7k mrr 7.5M revenue 1.5 kh churn 0.5% }',
    'keyword prefixes': 'role roles { hours 1 hoursx } role role_ { cost 1 } service model1 { role roles }',
    'line endings': 'role R {\r\n  hours 1h // x\r\n  /* a\r\n b\r c\n */ cost 2\r}\r\n\ttier T\t{\f}\v',
    'comments everywhere': '/*0*/import/*1*/"a"/*2*/role/*3*/R/*4*/"t"/*5*/{/*6*/hours/*7*/$/*8*/1/*9*/h/*10*/ / /*11*/month/*12*/}//13\n'
        + 'assert/*14*/a/*15*/./*16*/b/*17*/<=/*18*/1//19',
    'strings with non-ASCII': 'role R "Über €£ 🚀 \u202Eevil" { hours 1h } // comment with ünïcödé \u2028 still comment\n/* ü */',
};

/** Texts with a syntax error, or characters only Langium's lexer reads (it then reports them). */
const DECLINED = [
    'role', 'role R {', 'role R { hours }', 'role R { hours 1 } }', 'role R { bogus 1 }', 'assert a <', 'assert . a < 1',
    'role R { overhead { meetings 10 admin 5h } }', 'role R { hours - 1 }', 'role R { hours 1 = }', '"unterminated', '/* unterminated',
    'role R { overhead { a 1 5 } }', 'role R { effort 2h 3 per month }', 'import "a" import', 'role R { } import "a"',
    'scenario S { model M { } }', 'role R { touch medium }', 'assert a.import < 1', 'role R { start 2027 }',
];

/** Lexical corners, read by the scanner and by Langium's lexer; most are not correct files. */
const LEXICAL = [
    '1,2000 1,20 -3 12345-06 2027-031 2027-03k 7kh 7k_ 7M 7Mx 1.5.3 1. .5 -0.5k 1,000,00 0-1 2027-03-04 -2027-03',
    'role1 role_ _ roles per5 perx every1 h', '$1 €2 £3 $$ $-1', '"a\\"b" "\\n" "" "\\\\"',
    '// x\r\n/* a\r\n\r\n*/ /**/ /*/ */ /*a*//**/ / //', 'a\rb\r\rc\n\rd\r\ne', '\t\v\f x', 'role R "ü" { } // ü\u2028 x',
    // Declined: errors, or blanks outside ASCII that only Langium's lexer reads.
    '<= >= == < > <> =<', '/ * /', 'x\u00a0y', 'x\u2028y', 'x = y', 'x - y', 'x # y', '"a\\\u2028"', '"\\', '/* open',
];

describe('the scanner', () => {
    it('reads the tokens, comments and positions Langium\'s lexer reads, or declines', () => {
        let read = 0;
        for (const text of LEXICAL) {
            const theirs = Cap.parser.Lexer.tokenize(text);
            const mine = CapScanner.scan(text, direct.keywordKinds());
            if (!mine) {
                expect(theirs.errors.length > 0 || /[^\x00-\x7f]/.test(text), text).toBe(true);
                continue;
            }
            read++;
            expect(theirs.errors, text).toEqual([]);
            const names = direct.kindNames();
            // The scanner's line table is the one a leaf would count from the text.
            const starts = Array.from(mine.lineStarts.subarray(0, mine.lines));
            expect(starts, text).toEqual(Array.from(lineStartsOf(text)));
            const lineOf = (offset: number) => starts.findLastIndex(s => s <= offset);
            expect(Array.from({ length: mine.count }, (_, i) => [names[mine.kind[i]], mine.start[i], mine.end[i], lineOf(mine.start[i]), mine.start[i] - starts[lineOf(mine.start[i])]]), text)
                .toEqual(theirs.tokens.map(t => [t.tokenType.name, t.startOffset, t.startOffset + t.image.length, t.startLine! - 1, t.startColumn! - 1]));
            expect(mine.comments.map(c => [c.name, c.start, c.end, c.line, c.column, c.endLine, c.endColumn]), text)
                .toEqual(theirs.hidden.map(t => [t.tokenType.name, t.startOffset, t.startOffset + t.image.length, t.startLine! - 1, t.startColumn! - 1, t.endLine! - 1, t.endColumn!]));
        }
        expect(read).toBe(8);
    });
});

describe('the direct parser', () => {
    it('gives Langium\'s tree for every construct and lexical corner', () => {
        for (const [name, text] of Object.entries(SNIPPETS)) {
            expect(direct.parse(text), name).toBeDefined();
            sameTree(text);
        }
    });

    it('gives Langium\'s tree for every example and generated plan', () => {
        const texts = [...new Set(corpus().flatMap(seed => Object.values(seed.files)))];
        texts.push(generateModel(1), ...Object.values(generateWorkspace(5)).filter((t): t is string => typeof t === 'string'));
        for (const text of texts) {
            expect(direct.parse(text)).toBeDefined();
            sameTree(text);
        }
    });

    it('places a comment or line break before any token exactly where Langium places it', () => {
        const text = corpus().find(seed => seed.name === 'three-tier/three-tier.cap')!.files['/m/three-tier/three-tier.cap'];
        const tokens = Cap.parser.Lexer.tokenize(text).tokens;
        const inserts = ['/* c */', '// c\n', '\r\n', '\t', '/* a\r\nb */'];
        // Every third token, with the five kinds of insert taking turns, reaches every context.
        tokens.filter((_, i) => i % 3 === 0).forEach((token, i) => {
            const insert = inserts[i % inserts.length];
            const variant = text.slice(0, token.startOffset) + insert + ' ' + text.slice(token.startOffset);
            expect(direct.parse(variant), `${insert} before token ${i}`).toBeDefined();
            sameTree(variant);
        });
    });

    it('declines a file with a syntax error, and Cap\'s parser service then gives Langium\'s result', () => {
        for (const text of DECLINED) {
            expect(direct.parse(text), text).toBeUndefined();
            const ours = Cap.parser.LangiumParser.parse<CapFile>(text);
            expect(ours.lexerErrors.length + ours.parserErrors.length, text).toBeGreaterThan(0);
            expect(snapshot(ours)).toEqual(snapshot(langium.parse<CapFile>(text)));
        }
    });

    it('agrees with Langium on fuzzed files, and declines only files with errors or non-ASCII blanks', () => {
        const seeds = corpus();
        let accepted = 0;
        fc.assert(fc.property(fuzzCase(seeds.length), c => {
            const { seed, files } = applyCase(seeds, c);
            const text = files[seed.target];
            const mine = direct.parse(text);
            const theirs = langium.parse<CapFile>(text);
            if (mine) {
                accepted++;
                expect(snapshot(mine)).toEqual(snapshot(theirs));
            } else if (theirs.lexerErrors.length + theirs.parserErrors.length === 0) {
                // The one kind of correct file the scanner leaves to Langium's lexer.
                expect(text.replace(/"(?:[^"\\\r\n]|\\.)*"|\/\/[^\n\r]*|\/\*[\s\S]*?\*\//g, '')).toMatch(/[^\x00-\x7f€£]/);
            }
        }), { numRuns: 1000, seed: 20261122 });
        // Enough of the mutants are correct files for the comparison to mean something.
        expect(accepted).toBeGreaterThan(80);
    });
});
