import { describe, expect, it, vi } from 'vitest';
import { createLangiumParser } from 'langium';
import type { CapFile } from '@cap/language';
import { CapLangiumParser, createCapServices } from '@cap/language';
import { lexingParts } from '../../packages/language/src/parser/cap-parser.js';
import { generateModel } from '../../bench/generate.ts';
import { snapshot } from './parse-snapshot.js';

/**
 * A file of more than 64 KB is lexed in parts cut at line ends (cap-parser.ts, `lexingParts`), so
 * that the lexer's token objects die young. The tree must be the one Langium's parser gives for the
 * whole text: positions (lines and columns) included, whatever the line endings, a block open
 * across a cut, a block comment over a cut (lexed whole then), and a block never closed.
 */

const { Cap } = createCapServices();
const service = Cap.parser.LangiumParser;
if (!(service instanceof CapLangiumParser)) throw new Error("Cap's parser service is not CapLangiumParser");
const parser: CapLangiumParser = service;
const langium = createLangiumParser(Cap);

/**
 * Langium's tree, from the fast path, which lexed `text` in its parts; with `whole`, the first part
 * (which does not lex cleanly) and then the whole text.
 */
function sameTree(text: string, name: string, whole = false): void {
    const tokenize = vi.spyOn(Cap.parser.Lexer, 'tokenize');
    const ours = parser.parseCorrect(text);
    const lexed = tokenize.mock.calls.map(([part]) => part.length);
    tokenize.mockRestore();
    expect(ours, `${name}: read by the fast path`).toBeDefined();
    const ends = lexingParts(text);
    const parts = ends.map((end, i) => end - (ends[i - 1] ?? 0));
    expect(lexed, `${name}: the texts lexed`).toEqual(whole ? [parts[0], text.length] : parts);
    expect(snapshot(ours as ReturnType<typeof langium.parse<CapFile>>), name).toEqual(
        snapshot(langium.parse<CapFile>(text)),
    );
}

// A generated plan of about 3,750 lines and 110 KB: two parts.
const plan = generateModel(5);

describe('a large file lexed in parts', () => {
    it('is cut after a line end every 64 KB, and the parts cover the text', () => {
        const ends = lexingParts(plan);
        expect(ends.length).toBeGreaterThan(1);
        expect(ends.at(-1)).toBe(plan.length);
        let start = 0;
        for (const end of ends.slice(0, -1)) {
            expect(plan[end - 1]).toBe('\n');
            expect(end - start).toBeGreaterThan(65_536);
            start = end;
        }
        expect(lexingParts('role R { hours 1h }\n')).toEqual([20]);
    });

    it("gives Langium's tree, with every position, whatever the line endings", () => {
        sameTree(plan, 'LF');
        sameTree(plan.replace(/\n/g, '\r\n'), 'CRLF');
        // A lone CR ends a line for the lexer too: every 7th line, so that the first part has some.
        let n = 0;
        const mixed = plan.replace(/\n/g, () => (++n % 7 === 0 ? '\r \n' : '\n'));
        expect(mixed.slice(0, lexingParts(mixed)[0])).toContain('\r');
        sameTree(mixed, 'lone CRs');
    });

    it("gives Langium's tree for a block open across a cut", () => {
        const items = Array.from({ length: 4_000 }, (_, i) => `    item${i} 1h // item ${i}\n`).join('');
        const text = `role R {\n  hours 160h / month\n  overhead {\n${items}  }\n}\n`;
        expect(lexingParts(text).length).toBeGreaterThan(1);
        sameTree(text, 'overhead of 4,000 items');
    });

    it("gives Langium's tree when a block comment spans a cut (lexed whole)", () => {
        const lineStart = plan.lastIndexOf('\n', 65_000) + 1;
        const comment = `/* ${'a comment over the cut\n'.repeat(100)}*/\n`;
        const text = plan.slice(0, lineStart) + comment + plan.slice(lineStart);
        const cut = lexingParts(text)[0];
        expect(cut).toBeGreaterThan(lineStart);
        expect(cut).toBeLessThan(lineStart + comment.length);
        sameTree(text, 'block comment over the cut', true);
    });

    it('stops at the first part with a lexing error, and lexes the whole text only for a block comment', () => {
        const cut = lexingParts(plan)[0];
        const text = `${plan.slice(0, cut)}# not a token\n${plan.slice(cut)}`;
        const tokenize = vi.spyOn(Cap.parser.Lexer, 'tokenize');
        expect(parser.parseCorrect(text)).toBeUndefined();
        const lexed = tokenize.mock.calls.map(([part]) => part.length);
        tokenize.mockRestore();
        // The first part lexes cleanly, the second has the `#`; the plan has a block comment (its
        // header), so the whole text is tried once before Langium's parser takes the file.
        expect(lexed).toEqual([cut, lexingParts(text)[1] - cut, text.length]);
        const noComment = text.replace(/\/\*[\s\S]*?\*\//g, '');
        const spy = vi.spyOn(Cap.parser.Lexer, 'tokenize');
        expect(parser.parseCorrect(noComment)).toBeUndefined();
        const lexedAgain = spy.mock.calls.map(([part]) => part.length);
        spy.mockRestore();
        // Without a block comment a failed part is the text's own error: the parts up to it, no more.
        const ends = lexingParts(noComment);
        const failing = ends.findIndex(end => end > noComment.indexOf('#'));
        expect(lexedAgain).toEqual(ends.slice(0, failing + 1).map((end, i) => end - (ends[i - 1] ?? 0)));
    });

    it('reports a block left open before a cut, at its `{`, as in a small file', () => {
        const filler = '// a comment line to move the next role past the first cut\n'.repeat(1_200);
        const text = `role R {\n  hours 160h / month\n${filler}role Q { hours 1h }\n`;
        expect(lexingParts(text)[0]).toBeLessThan(text.indexOf('role Q'));
        expect(parser.parseCorrect(text)).toBeUndefined();
        const result = parser.parse<CapFile>(text);
        expect(result.lexerErrors.map(e => [e.line, e.column, e.message])).toEqual([
            [1, 8, 'This `{` of role R is never closed: add `}` before `role Q` on line 1203'],
        ]);
        expect(result.parserErrors).toEqual([]);
    });
});
