import { describe, expect, it } from 'vitest';
import {
    formatCap,
    formatDocument,
    formatDocumentRange,
    isFormatted,
    CapFormatter,
    MAX_ONE_LINE_WIDTH,
} from '@cap/language';
import {
    applyEdits,
    capFiles,
    exampleFiles,
    fmt,
    format,
    oneLine,
    parse,
    read,
    reportOf,
    tokens,
    uglify,
} from './format-helpers.js';

/**
 * The formatter's guarantees (docs/language.md, "Formatting"): canonical output for every shipped
 * model, idempotence, every comment kept in order, the same tokens and therefore the same report,
 * and no formatting at all for a file with syntax errors.
 */

const examples = capFiles('examples');
const fixtures = capFiles('test/fixtures');

/** The multi-file example formatted file by file, keyed as the in-memory loader reads them. */
const multiFile = ['plan.cap', 'team/roles.cap', 'menu/services.cap'];

function expectSameTokens(before: string, after: string) {
    const a = tokens(before);
    const b = tokens(after);
    expect(b.code).toEqual(a.code);
    expect(b.comments).toEqual(a.comments);
}

describe('the shipped models', () => {
    it('finds the examples and fixtures', () => {
        expect(examples.length).toBeGreaterThanOrEqual(5);
        expect(fixtures.length).toBeGreaterThanOrEqual(1);
    });

    it.each(examples)('%s is already in the canonical style (cap fmt --check passes)', path => {
        const text = read(path);
        expect(fmt(text)).toBe(text);
        expect(isFormatted(parse(text))).toBe(true);
        expect(formatDocument(parse(text))).toEqual([]);
    });

    it.each([...examples, ...fixtures])('%s: idempotent, same tokens, every comment kept', path => {
        const text = read(path);
        const once = fmt(text);
        expect(fmt(once)).toBe(once);
        expectSameTokens(text, once);
    });

    it.each(fixtures)('%s: the report of the formatted model is byte-identical', async path => {
        const text = read(path);
        expect(await reportOf({ '/m/main.cap': fmt(text) }, '/m/main.cap')).toBe(
            await reportOf({ '/m/main.cap': text }, '/m/main.cap'),
        );
    });
});

describe('never changes meaning: the shipped models with their whitespace scrambled', () => {
    const singles = examples.filter(p => !p.includes('multi-file'));
    const seeds = [1, 2, 3, 4, 5, 6];

    it.each(singles.flatMap(path => seeds.map(seed => [path, seed] as const)))('%s, seed %i', async (path, seed) => {
        const text = read(path);
        const ugly = uglify(text, seed);
        expect(ugly).not.toBe(text);
        const once = fmt(ugly);
        expect(fmt(once)).toBe(once);
        expectSameTokens(ugly, once);
        expect(once).not.toMatch(/[ \t]\n/);
        expect(once).not.toContain('\r');
        expect(once.endsWith('\n') && !once.endsWith('\n\n')).toBe(true);
        const before = await reportOf(exampleFiles(path, text), '/m/main.cap', false);
        expect(before).not.toContain('"CAP080"'); // the data files an example reads are found
        expect(await reportOf(exampleFiles(path, once), '/m/main.cap', false)).toBe(before);
    });

    it.each(seeds)('examples/multi-file, every file scrambled and formatted, seed %i', async seed => {
        const original: Record<string, string> = {};
        const formatted: Record<string, string> = {};
        multiFile.forEach((name, k) => {
            const text = read(`examples/multi-file/${name}`);
            original[`/m/${name}`] = text;
            const once = fmt(uglify(text, seed * 10 + k));
            expect(fmt(once)).toBe(once);
            formatted[`/m/${name}`] = once;
        });
        expect(await reportOf(formatted, '/m/plan.cap')).toBe(await reportOf(original, '/m/plan.cap'));
    });

    it.each([...singles, ...fixtures])('%s written on one line', async path => {
        const text = read(path);
        const once = fmt(oneLine(text));
        expect(fmt(once)).toBe(once);
        expectSameTokens(text, once);
        for (const line of once.split('\n'))
            if (!line.includes('//') && !line.includes('/*'))
                expect(line.length).toBeLessThanOrEqual(MAX_ONE_LINE_WIDTH);
        const before = await reportOf(exampleFiles(path, text), '/m/main.cap', false);
        expect(before).not.toContain('"CAP080"'); // the data files an example reads are found
        expect(await reportOf(exampleFiles(path, once), '/m/main.cap', false)).toBe(before);
    });
});

describe('never changes meaning: a model with warnings and checker errors', () => {
    // Missing cost (CAP035), an unknown unit (CAP022), over capacity: the diagnostics are the same,
    // only on other lines, and the figures are the same.
    const text =
        'role CSM{hours 160h/month overhead{meetings 24 h/month admin 10 %}}\n' +
        'service S{role CSM effort 5 days every month}\nservice Q {role CSM effort 6h every quarter}\n' +
        'tier T{accounts 1,000 churn 6.4%/month revenue $ 10/month services Q,S}\nagent a{role CSM count 2}';

    it.each([1, 2, 3])('scrambled with seed %i', async seed => {
        const once = fmt(uglify(text, seed));
        expect(fmt(once)).toBe(once);
        const before = await reportOf({ '/m/main.cap': text }, '/m/main.cap', false);
        expect(before).toMatch(/CAP035/);
        expect(before).toMatch(/CAP022/);
        expect(await reportOf({ '/m/main.cap': once }, '/m/main.cap', false)).toBe(before);
    });
});

describe('layout', () => {
    it('one declaration or property per line, two-space indentation, canonical quantities', () => {
        const ugly =
            '  role   CSM{\n\thours 160 h/month   \n\t\toverhead {\n  meetings 24 h per month\t\n\t\t  admin 10 %}\n' +
            '        cost $ 7,200/month ramp 3months}\n\n\n\n\nservice   QBR{role CSM\neffort 6h every quarter price $ 1.2M/year}';
        expect(fmt(ugly)).toBe(`role CSM {
  hours 160h / month
  overhead {
    meetings 24h per month
    admin 10%
  }
  cost $7,200 / month
  ramp 3 months
}

service QBR {
  role CSM
  effort 6h every quarter
  price $1.2M / year
}
`);
    });

    it('a block written on one line stays on one line, its members two spaces apart', () => {
        const ugly =
            'model Acme "Acme FY27" { currency USD period quarter start 2027-01 horizon 12 months } ' +
            'agent alice "Alice" { role CSM tiers Enterprise,Midmarket fte 0.5 count 2 start 2027-03 } ' +
            'role Onboarding { hours 40h/week overhead { meetings 2h/week admin 10% } cost $96k/year }';
        expect(
            fmt(ugly),
        ).toBe(`model Acme "Acme FY27" { currency USD  period quarter  start 2027-01  horizon 12 months }
agent alice "Alice" { role CSM  tiers Enterprise, Midmarket  fte 0.5  count 2  start 2027-03 }
role Onboarding { hours 40h / week  overhead { meetings 2h / week  admin 10% }  cost $96k / year }
`);
    });

    it(`a one-line block wider than ${MAX_ONE_LINE_WIDTH} columns is spread over lines, outermost first`, () => {
        const ugly =
            'role CSM "Customer Success Manager" { hours 160h / month overhead { meetings 24h / month admin 10% } cost $9,500 / month }\n' +
            'scenario Growth { role CSM { overhead { meetings 24h / month  admin 10h / month  distractions 6h / month  training 8h / month } } }';
        expect(fmt(ugly)).toBe(`role CSM "Customer Success Manager" {
  hours 160h / month
  overhead { meetings 24h / month  admin 10% }
  cost $9,500 / month
}
scenario Growth {
  role CSM {
    overhead {
      meetings 24h / month
      admin 10h / month
      distractions 6h / month
      training 8h / month
    }
  }
}
`);
    });

    it('quantities: $ and hour units glued, % glued, durations and currency codes spaced, numbers as written', () => {
        const ugly =
            'tier T { accounts 1,200  arr $ 120k  mrr 9500USD  churn 6.4 % / month  lifetime 24months  margin 80 %\n' +
            '  new 2/quarter }\nservice S { role R effort 90 min every 2 weeks price €1,200 2 times per year }';
        expect(fmt(ugly)).toBe(`tier T {
  accounts 1,200
  arr $120k
  mrr 9500 USD
  churn 6.4% / month
  lifetime 24 months
  margin 80%
  new 2 / quarter
}
service S { role R  effort 90min every 2 weeks  price €1,200 2 times per year }
`);
    });

    it('never glues what would read differently: `12 k` is not `12k`, `1.5k h` is not `1.5kh`', () => {
        const text = 'tier T { accounts 12 k  arr 1.5k h  mrr 2M h }\n';
        expect(fmt(text)).toBe(text);
        expectSameTokens(text, fmt(text));
    });

    it('assertions, scenarios and empty blocks', () => {
        const ugly =
            'assert Growth . CSM . requiredFte <= 10\nassert totals.revenue>=$1.2M\n' +
            'scenario Growth "More accounts" { tier T { accounts 2,000 } agent a { role CSM count 3 } }\n' +
            'model M {}\nrole R {\n\n}\nrole Z { /* nothing yet */ }\nservice S {\n  // nothing yet\n}';
        expect(fmt(ugly)).toBe(`assert Growth.CSM.requiredFte <= 10
assert totals.revenue >= $1.2M
scenario Growth "More accounts" { tier T { accounts 2,000 }  agent a { role CSM  count 3 } }
model M {}
role R {}
role Z { /* nothing yet */ }
service S {
  // nothing yet
}
`);
    });

    it('a dated intake: a block of month and count pairs, on one line or one pair a line (spec §16)', () => {
        const ugly =
            'model P { start 2027-01 }\ntier T { accounts 1   new {2027-01 5   2027-02 6} }\n' +
            'tier U {\naccounts 1\nnew {\n2027-01 5 // five\n2027-02 6\n}\n}';
        expect(fmt(ugly)).toBe(`model P { start 2027-01 }
tier T { accounts 1  new { 2027-01 5  2027-02 6 } }
tier U {
  accounts 1
  new {
    2027-01 5 // five
    2027-02 6
  }
}
`);
    });

    it('imports one per line, before the declarations', () => {
        expect(fmt('import "./a.cap" import   "./b.cap"\n\n\nrole R { hours 1h / month }')).toBe(
            'import "./a.cap"\nimport "./b.cap"\n\nrole R { hours 1h / month }\n',
        );
    });

    it('keeps at most one blank line, and none just inside braces, at the start or at the end', () => {
        const ugly =
            '\n\n\nrole A {\n\n\n  hours 1h / month\n\n\n\n  cost $1 / month\n\n}\n\n\n\nrole B {\n  hours 1h / month\n}\nrole C { hours 1h / month }\n\n\n';
        expect(fmt(ugly)).toBe(
            'role A {\n  hours 1h / month\n\n  cost $1 / month\n}\n\nrole B {\n  hours 1h / month\n}\nrole C { hours 1h / month }\n',
        );
    });

    it('CRLF line endings, tabs and trailing whitespace become LF, spaces and nothing', () => {
        const ugly =
            'role CSM {\r\n\thours 160h / month   \r\n\tcost $1 / month // crlf comment   \r\n}\r\n\r\n\r\n/* a block\r\n   over lines   \r\n*/\r\n';
        expect(fmt(ugly)).toBe(
            'role CSM {\n  hours 160h / month\n  cost $1 / month // crlf comment\n}\n\n/* a block\n   over lines\n*/\n',
        );
    });

    it('exactly one final newline; an empty or blank file stays empty', () => {
        expect(fmt('role R { hours 1h / month }')).toBe('role R { hours 1h / month }\n');
        expect(fmt('role R { hours 1h / month }\n\n\n\n')).toBe('role R { hours 1h / month }\n');
        expect(fmt('')).toBe('');
        expect(fmt('\n\n  \t\r\n')).toBe('');
        expect(fmt('// only a comment')).toBe('// only a comment\n');
    });

    it('indents with the LSP options: tabs, or another width', () => {
        const text = 'role R {\n  overhead {\n    admin 10%\n  }\n}\n';
        expect(fmt(text, { insertSpaces: false, tabSize: 4 })).toBe('role R {\n\toverhead {\n\t\tadmin 10%\n\t}\n}\n');
        expect(fmt(text, { insertSpaces: true, tabSize: 4 })).toBe(
            'role R {\n    overhead {\n        admin 10%\n    }\n}\n',
        );
        expect(fmt(text, { insertSpaces: true, tabSize: 2 })).toBe(text);
    });
});

describe('comments', () => {
    it('everywhere: before and after braces, between a number and its unit, mid-line, at the end of the file', () => {
        const ugly =
            '// lead\n\n\n/* block */ role /* after keyword */ CSM { // after brace\n' +
            '  hours 160 /* between number and unit */ h / month\n  // before brace\n}   // after closing brace\n' +
            '/* mid */ service S { role CSM /* inline */ effort 1h every month }\n' +
            'role X { /* a */ hours 1h / month\n /* b */ cost $1 / month }\n// at end of file';
        const expected = `// lead

/* block */ role /* after keyword */ CSM { // after brace
  hours 160 /* between number and unit */ h / month
  // before brace
}   // after closing brace
/* mid */ service S { role CSM /* inline */  effort 1h every month }
role X { /* a */
  hours 1h / month
  /* b */ cost $1 / month
}
// at end of file
`;
        expect(fmt(ugly)).toBe(expected);
        expect(fmt(expected)).toBe(expected);
        expectSameTokens(ugly, expected);
    });

    it('a trailing comment keeps its column; one space after its code stays one space', () => {
        const text =
            'role CSM {\n  hours 160h / month // one space stays one space\n  overhead 10%        // lined up\n' +
            '  cost $9,500/month   // pushed right by the wider code\n  ramp 3 months       // keeps its column\n}';
        expect(fmt(text)).toBe(`role CSM {
  hours 160h / month // one space stays one space
  overhead 10%        // lined up
  cost $9,500 / month  // pushed right by the wider code
  ramp 3 months       // keeps its column
}
`);
    });

    it('a comment continued under a trailing comment stays under it; others go to the indentation', () => {
        const text = `role CSM {
  hours 40h / week              // 40 h x 52 / 12 = 173.33 h a month,
                                // which is more than 160
      // a note at the indentation
  overhead 25% // short
               // continued
}
`;
        expect(fmt(text)).toBe(text.replace('      // a note', '  // a note'));
        // Code indented differently, comments in the same columns: the same result.
        const reindented =
            'role CSM {\n      hours 40h / week          // 40 h x 52 / 12 = 173.33 h a month,\n' +
            '                                // which is more than 160\n// a note at the indentation\n' +
            'overhead 25% // short\n             // continued\n}';
        expect(fmt(reindented)).toBe(fmt(text));
    });

    it('a line comment inside a property pushes the rest of it onto the next line, indented once more', () => {
        const text = 'role CSM {\n  hours 160h // why per week\n  / week\n  cost $1 /* mid */\n  / month\n}\n';
        expect(fmt(text)).toBe(
            'role CSM {\n  hours 160h // why per week\n    / week\n  cost $1 /* mid */ / month\n}\n',
        );
        expect(fmt(fmt(text))).toBe(fmt(text));
    });

    it('a line comment before a block brace puts the brace on the next line, under its declaration', () => {
        expect(fmt('role X // note\n{ hours 1h / month }')).toBe('role X // note\n{ hours 1h / month }\n');
    });
});

describe('refuses files with syntax errors', () => {
    it.each([
        ['an unexpected character', 'role CSM { hours 160h # month }'],
        ['a missing brace', 'role CSM { hours 160h / month'],
        ['a stray token', 'role CSM { hours 160h / month / month }'],
        ['a bad comma group', 'tier T { accounts 1,2000 }'],
    ])('%s', (_what, text) => {
        const document = parse(text);
        expect(formatCap(document)).toBeUndefined();
        expect(formatDocument(document)).toEqual([]);
        expect(isFormatted(document)).toBe(false);
    });

    it('but formats a file that only has checker errors (unknown units, missing properties)', () => {
        expect(format('tier T { accounts 5 days   churn 5h }')).toBe('tier T { accounts 5 days  churn 5h }\n');
    });
});

describe('edits for the language server', () => {
    const ugly = 'role   CSM {\n\thours 160 h/month // c   \n  cost $1/month\n}\n\n\n\nrole B { hours 1h / month }';

    it('apply to exactly the formatted text, in order, never touching', () => {
        const document = parse(ugly);
        const edits = formatDocument(document);
        expect(edits.length).toBeGreaterThan(1);
        expect(applyEdits(document, edits)).toBe(fmt(ugly));
        const offsets = edits.map(e => [
            document.textDocument.offsetAt(e.range.start),
            document.textDocument.offsetAt(e.range.end),
        ]);
        for (let k = 1; k < offsets.length; k++) expect(offsets[k][0]).toBeGreaterThan(offsets[k - 1][1]);
    });

    it('only change whitespace and comments', () => {
        const document = parse(ugly);
        for (const edit of formatDocument(document)) {
            expect(document.textDocument.getText(edit.range)).toMatch(/^(\s|\/\/.*)*$/);
            expect(edit.newText).toMatch(/^(\s|\/\/.*)*$/);
        }
    });

    it('a range gets the edits that touch it, indented as the whole file would be', () => {
        const document = parse(ugly);
        const edits = formatDocumentRange(document, {
            start: { line: 2, character: 0 },
            end: { line: 2, character: 14 },
        });
        expect(edits.length).toBeGreaterThan(0);
        for (const e of edits) expect(e.range.end.line >= 1 && e.range.start.line <= 2).toBe(true);
        const after = applyEdits(document, edits);
        expect(after.split('\n')[2]).toBe('  cost $1 / month');
        expect(after.split('\n')[0]).toBe('role   CSM {'); // outside the range: untouched
    });

    it('CapFormatter has the shape of the LSP formatter service and keeps the canonical indent', async () => {
        const formatter = new CapFormatter();
        const document = parse(ugly);
        const options = { tabSize: 4, insertSpaces: true };
        const edits = await formatter.formatDocument(document, {
            textDocument: { uri: document.uri.toString() },
            options,
        });
        expect(applyEdits(document, edits)).toBe(fmt(ugly));
        expect(formatter.formatOnTypeOptions).toBeUndefined();
        expect(await formatter.formatDocument(parse('role {'), { textDocument: { uri: 'x' }, options })).toEqual([]);
    });
});
