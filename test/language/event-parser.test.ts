import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createLangiumParser } from 'langium';
import type { CapFile } from '@cap/language';
import { CapLangiumParser, createCapServices } from '@cap/language';
import { generateModel, generateWorkspace } from '../../bench/generate.ts';
import { corpus } from '../fuzz/corpus.js';
import { applyCase, fuzzCase } from '../fuzz/mutators.js';
import { snapshot } from './parse-snapshot.js';

/**
 * The event parser and the tree builder (packages/language/src/parser/) must give, for every file
 * they read, the tree Langium's parser gives: the same AST (properties in the same order), the
 * same CST (grammar elements by identity, token types, positions, comments in the same places).
 * A file with a syntax or lexing error they leave to Langium's parser, which reports it.
 */

const { Cap } = createCapServices();
const service = Cap.parser.LangiumParser;
if (!(service instanceof CapLangiumParser)) throw new Error("Cap's parser service is not CapLangiumParser");
const parser: CapLangiumParser = service;
const langium = createLangiumParser(Cap);

/** The fast path's tree is Langium's; a correct file must not be left to Langium's parser. */
function sameTree(text: string, name = text): void {
    const ours = parser.parseCorrect(text);
    expect(ours, `${name}: read by the fast path`).toBeDefined();
    expect(snapshot(ours as ReturnType<typeof langium.parse<CapFile>>), name).toEqual(
        snapshot(langium.parse<CapFile>(text)),
    );
}

/** Every construct of the grammar, and lexical corners. */
const SNIPPETS: Record<string, string> = {
    empty: '',
    'only comments': '// a\n/* b\n c */\n',
    imports: 'import "./a.cap"\nimport "b\\"q\\\\.cap" // why\nrole R { hours 1h }',
    'every block':
        'model M "The plan" { currency EUR period quarter start 2027-01 horizon 6 months }\nrole R "Role" { hours 160h / month overhead 25% cost $9,500 / month ramp 2 months }\n' +
        'service S { role R effort 2h every month price included }\nservice T { role R effort 30 min 4 times / year price €1.2k per year }\n' +
        'service U { role R effort 1h once price £100 every 2 weeks uptake 50% }\n' +
        'tier Ti { touch high accounts 1,200 arr $10k churn 8% / year services S, T, U seats 3 margin 70% expansion 5% / year new 40 / quarter }\n' +
        'agent A { role R fte 0.5 start 2027-03 tiers Ti count 3 }\ntier Tj { touch tech tiers Ti, Ti }\n',
    overhead:
        'role R { overhead { meetings 10h admin 5h travel $3 /month other 2 per week } overhead 10h }\nrole Q { overhead { a 1 b } }\nrole P { overhead { a 1 b c 2 } }',
    scenario:
        'scenario Up "Hire" { role R { hours 120h } agent B { role R } service S { effort 3h } tier T { accounts 9 } }',
    assertions:
        'assert totals.revenue >= $1M\nassert Up.R.utilization <= 90%\nassert T.accounts == 3\nassert a.month < 2 h\nassert role.model.week > -1\nassert x.y.z < 1.5k per month',
    numbers:
        'role R { hours 1,200 cost 1,234,567.89 ramp -3 seats 0 uptake 00.50% arr 7k mrr 7.5M revenue 1.5 kh churn 0.5% }',
    'keyword prefixes': 'role roles { hours 1 hoursx } role role_ { cost 1 } service model1 { role roles }',
    'line endings': 'role R {\r\n  hours 1h // x\r\n  /* a\r\n b\r c\n */ cost 2\r}\r\n\ttier T\t{\f}\v',
    'comments everywhere':
        '/*0*/import/*1*/"a"/*2*/role/*3*/R/*4*/"t"/*5*/{/*6*/hours/*7*/$/*8*/1/*9*/h/*10*/ / /*11*/month/*12*/}//13\n' +
        'assert/*14*/a/*15*/./*16*/b/*17*/<=/*18*/1//19',
    'a data block (spec section 14)':
        'data crm "CRM" { file "data/a.csv" key "ID" separator ";" tier "Segment" { "Strategic" -> Ent "" -> Smb } ' +
        'revenue "ARR" per year owner "Owner" role CSM owner "AM" }\ndata tsv { separator tab file "b.tsv" revenue "MRR" / month }\n' +
        'tier Ent { accounts from crm revenue from crm }\nrole CSM { hours from crm }',
    "v1.1's words as names":
        'role data { overhead { data 1h file 2h key 3h owner 4h from 5h separator 6h tab 7h } }\n' +
        'agent owner { role data tiers file, key } tier file { services from } tier key {} service from { role data }\n' +
        'data separator { tier "S" { "x" -> tab } owner "O" role data } tier tab { accounts from separator }\n' +
        'scenario key { agent owner { role data } }\nassert owner.data.file < 1',
    'strings and blanks beyond ASCII':
        'role R "Über €£ 🚀 \u202Eevil" { hours 1h } // comment with ünïcödé \u2028 still comment\n/* ü */ tier\u00a0T {}',
};

/**
 * Cap's parser service on a file with errors: Langium's result. Where it finds a mistyped keyword
 * (`did you mean \`tier\`?`) or a keyword used as a name, the service reads the file again with
 * the word corrected: then it keeps that error, and has no more errors than Langium's parser.
 */
function asLangium(text: string, theirs = langium.parse<CapFile>(text)): void {
    const ours = parser.parse<CapFile>(text);
    if (JSON.stringify(snapshot(ours)) === JSON.stringify(snapshot(theirs))) return;
    const corrected = ours.parserErrors.filter(e =>
        /did you mean `[^`]+`\?$|is a keyword and cannot name/.test(e.message),
    );
    expect(corrected.length, `${text}: a different tree, and no word read as corrected`).toBeGreaterThan(0);
    expect(ours.lexerErrors.length, text).toBe(theirs.lexerErrors.length);
    expect(ours.parserErrors.length, text).toBeLessThanOrEqual(theirs.parserErrors.length);
}

/** Texts with a syntax or lexing error. */
const WITH_ERRORS = [
    'role',
    'role R {',
    'role R { hours }',
    'role R { hours 1 } }',
    'role R { bogus 1 }',
    'assert a <',
    'assert . a < 1',
    'role R { overhead { meetings 10 admin 5h } }',
    'role R { hours - 1 }',
    'role R { hours 1 = }',
    '"unterminated',
    '/* unterminated',
    'role R { overhead { a 1 5 } }',
    'role R { effort 2h 3 per month }',
    'import "a" import',
    'role R { } import "a"',
    'scenario S { model M { } }',
    'role R { touch medium }',
    'assert a.import < 1',
    'role R { start 2027 }',
    'x # y',
];

describe('the event parser and tree builder', () => {
    it("give Langium's tree for every construct and lexical corner", () => {
        for (const [name, text] of Object.entries(SNIPPETS)) sameTree(text, name);
    });

    it("give Langium's tree for every example, fixture and generated plan", () => {
        const texts = [...new Set(corpus().flatMap(seed => Object.values(seed.files)))];
        texts.push(generateModel(1), ...Object.values(generateWorkspace(5).files));
        for (const text of texts) sameTree(text, text.slice(0, 80));
    });

    it('place a comment or line break before any token exactly where Langium places it', () => {
        const text = corpus().find(seed => seed.name === 'three-tier/three-tier.cap')!.files[
            '/m/three-tier/three-tier.cap'
        ];
        const tokens = Cap.parser.Lexer.tokenize(text).tokens;
        const inserts = ['/* c */', '// c\n', '\r\n', '\t', '/* a\r\nb */'];
        // Every third token, with the five kinds of insert taking turns, reaches every context.
        tokens
            .filter((_, i) => i % 3 === 0)
            .forEach((token, i) => {
                const insert = inserts[i % inserts.length];
                sameTree(
                    `${text.slice(0, token.startOffset) + insert} ${text.slice(token.startOffset)}`,
                    `${insert} before token ${i}`,
                );
            });
    });

    it("leave a file with an error to Langium's parser, and the service then gives Langium's result", () => {
        for (const text of WITH_ERRORS) {
            expect(parser.parseCorrect(text), text).toBeUndefined();
            const ours = parser.parse<CapFile>(text);
            expect(ours.lexerErrors.length + ours.parserErrors.length, text).toBeGreaterThan(0);
            asLangium(text);
        }
    });

    it('agree with Langium on fuzzed files, and leave to it only files with errors', () => {
        // `npm test` tries 250 mutants; the long suites (`npm run test:long`) 1,000.
        const runs = process.env.CAP_LONG_TESTS === '1' ? 1000 : 250;
        const seeds = corpus();
        let read = 0;
        fc.assert(
            fc.property(fuzzCase(seeds.length), c => {
                const { seed, files } = applyCase(seeds, c);
                const text = files[seed.target];
                const theirs = langium.parse<CapFile>(text);
                const ours = parser.parseCorrect(text);
                if (theirs.lexerErrors.length + theirs.parserErrors.length > 0) {
                    expect(ours).toBeUndefined();
                    asLangium(text, theirs);
                } else {
                    read++;
                    expect(ours).toBeDefined();
                    expect(snapshot(ours as typeof theirs)).toEqual(snapshot(theirs));
                }
            }),
            { numRuns: runs, seed: 20261122 },
        );
        // Enough of the mutants are correct files for the comparison to mean something.
        expect(read).toBeGreaterThan(runs / 12);
    });
});
