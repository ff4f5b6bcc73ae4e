import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DocumentState, URI } from 'langium';
import { CapLangiumParser, createCapServices } from '@cap/language';
import type { CapFile } from '@cap/language';
import { changedRegion, reparseEdit as reparse } from '../../packages/language/src/workspace/incremental-parse.js';
import { ShiftedCopier } from '../../packages/language/src/parser/shifted-copy.js';
import { generateModel, random } from '../../bench/generate.ts';
import { snapshot } from './parse-snapshot.js';

/**
 * Reparsing only the edited block must give exactly the tree a full parse gives: the same AST,
 * the same CST (every leaf's offset, range, token type and grammar element, every composite's
 * node, every reference on its leaf), so that no editor feature can tell the difference. Each
 * case edits a fresh parse, except the chain, which edits the tree the last edit left.
 */

const example = (path: string) =>
    readFileSync(fileURLToPath(new URL(`../../examples/${path}`, import.meta.url)), 'utf-8');

const { Cap } = createCapServices();
const parser = Cap.parser.LangiumParser;
if (!(parser instanceof CapLangiumParser)) throw new Error("Cap's parser service is not CapLangiumParser");
const reparseEdit = (previous: Parameters<typeof reparse>[0], oldText: string, newText: string, _parser: unknown) =>
    reparse(previous, oldText, newText, parser, new ShiftedCopier(Cap.references.Linker));

interface Edit {
    at: number;
    remove: number;
    insert: string;
}

/** Edits a user makes inside blocks: digits, letters, deletions, new lines, comments, whole properties. */
function editsOf(text: string, stride: number): Edit[] {
    const edits: Edit[] = [];
    for (let at = 1; at < text.length - 1; at += stride) {
        edits.push({ at, remove: 1, insert: '7' });
        edits.push({ at, remove: 0, insert: 'x' });
        edits.push({ at, remove: 1, insert: '' });
        edits.push({ at, remove: 0, insert: '\n  ' });
        edits.push({ at, remove: 0, insert: ' // note\n' });
        edits.push({ at, remove: 0, insert: '  fte 0.5 ' });
    }
    return edits;
}

function check(text: string, stride: number): { incremental: number; edits: number } {
    let incremental = 0;
    const edits = editsOf(text, stride);
    for (const edit of edits) {
        const next = text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove);
        const previous = parser.parse<CapFile>(text);
        const reparsed = reparseEdit(previous, text, next, parser);
        if (!reparsed) continue;
        incremental++;
        const full = parser.parse<CapFile>(next);
        expect(snapshot(reparsed), `edit ${JSON.stringify(edit)}`).toEqual(snapshot(full));
    }
    return { incremental, edits: edits.length };
}

describe('reparsing the edited block', () => {
    it('gives the tree of a full parse for edits all over the three-tier example', () => {
        const { incremental, edits } = check(example('three-tier/three-tier.cap'), 131);
        // Most edits fall inside a block; the others (comments between blocks, keywords) reparse in full.
        expect(incremental).toBeGreaterThan(edits / 3);
    });

    it('gives the tree of a full parse in the multi-file example and the seed', () => {
        for (const path of [
            'multi-file/plan.cap',
            'multi-file/team/roles.cap',
            'multi-file/menu/services.cap',
            'seed/seed.cap',
        ]) {
            const { incremental } = check(example(path), 53);
            expect(incremental, path).toBeGreaterThan(0);
        }
    });

    it('gives the tree of a full parse in a generated plan, with lines after the edit moving', () => {
        const { incremental } = check(generateModel(0.2), 149);
        expect(incremental).toBeGreaterThan(30);
    });

    it('gives the tree of a full parse with Windows line ends and a block on one line followed by another', () => {
        check(
            'role R { hours 160h / month }  service S { role R  effort 1h every month }\r\nagent a { role R }\r\n',
            1,
        );
        expect(check('agent a { role R } agent b { role R  fte 0.5 }\n', 1).incremental).toBeGreaterThan(10);
    });

    it('gives the tree of a full parse after a chain of edits to one tree, tokens of earlier reparses moving again', () => {
        // Each edit goes to the tree the last one left: blocks reparsed before sit among the file's
        // own, their tokens kept by other parses, and move again with every edit before them.
        let text = generateModel(0.2);
        let current = parser.parse<CapFile>(text);
        let incremental = 0;
        const spots = [0.9, 0.5, 0.7, 0.2, 0.6, 0.1, 0.8, 0.3, 0.55, 0.05, 0.85, 0.4];
        for (let i = 0; i < 60; i++) {
            const spot = Math.floor(text.length * spots[i % spots.length]) + i;
            let next: string;
            if (i % 3 === 2) {
                // A digit changed, the text keeping its length.
                const at = text.slice(spot).search(/[0-9]/) + spot;
                next = `${text.slice(0, at)}7${text.slice(at + 1)}`;
            } else {
                // A comment or a line break at the end of a line inside a block: the text after it moves.
                const at = text.indexOf('\n  ', spot);
                next = text.slice(0, at) + (i % 3 === 0 ? ' /* note */' : '\n   ') + text.slice(at);
            }
            const reparsed = reparseEdit(current, text, next, parser);
            current = reparsed ?? parser.parse<CapFile>(next);
            if (reparsed) incremental++;
            text = next;
            if (i % 10 === 9 || reparsed === undefined)
                expect(snapshot(current), `edit ${i}`).toEqual(snapshot(parser.parse<CapFile>(text)));
        }
        expect(snapshot(current)).toEqual(snapshot(parser.parse<CapFile>(text)));
        expect(incremental).toBeGreaterThan(30);
    });

    it('declines what it cannot do alone: an edit outside a block, across blocks, or that breaks the block', () => {
        const text = 'role R { hours 160h / month }\n\nservice S { role R  effort 1h every month }\n';
        const declines = (next: string) => reparseEdit(parser.parse<CapFile>(text), text, next, parser) === undefined;
        expect(declines(text.replace('\n\nservice', '\n// a comment\nservice'))).toBe(true);
        expect(declines(text.replace('month }\n\nservice S {', 'month  '))).toBe(true);
        expect(declines(text.replace('effort 1h', 'effort 1h }'))).toBe(true);
        expect(declines(text.replace('role R {', 'role Q {'))).toBe(false);
        expect(declines(text.replace('hours 160h', 'hours 170h'))).toBe(false);
        const broken = 'role R { hours 160h / month \n';
        expect(
            reparseEdit(parser.parse<CapFile>(broken), broken, broken.replace('160', '170'), parser),
        ).toBeUndefined();
    });
});

describe('an edited document in the workspace', () => {
    it('has the diagnostics and figures of a document built from its new text', async () => {
        const text = example('three-tier/three-tier.cap');
        const uri = URI.file('/inc/plan.cap');
        const files = new Map<string, string>([[uri.toString(), text]]);
        const services = createCapServices({
            fileSystemProvider: () =>
                ({
                    readFile: async (u: URI) => files.get(u.toString())!,
                    readFileSync: (u: URI) => files.get(u.toString())!,
                }) as never,
        });
        const doc = services.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
        services.shared.workspace.LangiumDocuments.addDocument(doc);
        await services.shared.workspace.DocumentBuilder.build([doc], { validation: true });
        const root = doc.parseResult.value as CapFile;
        const untouched = root.elements[0];

        // 270 → 27 mid-market accounts, then a typo in a unit further up: two keystrokes, two builds.
        let next = text;
        for (const [from, to] of [
            ['accounts 270', 'accounts 27'],
            ['effort 30min every month', 'effort 30mn every month'],
        ]) {
            next = next.replace(from, to);
            files.set(uri.toString(), next);
            await services.shared.workspace.DocumentBuilder.update([uri], []);
            expect(doc.state).toBe(DocumentState.Validated);
            // The blocks the edit is not in are the same objects: only the edited block was parsed again.
            expect((doc.parseResult.value as CapFile).elements[0]).toBe(untouched);
        }

        const fresh = services.shared.workspace.LangiumDocumentFactory.fromString(next, URI.file('/inc/fresh.cap'));
        services.shared.workspace.LangiumDocuments.addDocument(fresh);
        await services.shared.workspace.DocumentBuilder.build([fresh], { validation: true });
        const view = (d: typeof doc) =>
            (d.diagnostics ?? []).map(x => ({ code: x.code, message: x.message, range: x.range }));
        expect(view(doc)).toEqual(view(fresh));
        expect(view(doc).map(d => d.code)).toContain('CAP022');
        const figures = (d: typeof doc) => services.Cap.evaluation.CapEvaluator.evaluate(d).results.tiers;
        expect(figures(doc)).toEqual(figures(fresh));
    });
});

describe('the changed region of an edit', () => {
    /** Character by character from both ends: what the runs of 4,096 must agree with. */
    function naive(a: string, b: string): { start: number; oldEnd: number; newEnd: number } {
        const shortest = Math.min(a.length, b.length);
        let start = 0;
        while (start < shortest && a.charCodeAt(start) === b.charCodeAt(start)) start++;
        let oldEnd = a.length;
        let newEnd = b.length;
        while (oldEnd > start && newEnd > start && a.charCodeAt(oldEnd - 1) === b.charCodeAt(newEnd - 1)) {
            oldEnd--;
            newEnd--;
        }
        return { start, oldEnd, newEnd };
    }

    it('is the digit a keystroke changed in the middle of a 70,000-line plan', () => {
        const text = generateModel(100);
        const at = text.indexOf('accounts ', text.length >> 1) + 'accounts '.length;
        const edited = text.slice(0, at) + (text[at] === '9' ? '8' : '9') + text.slice(at + 1);
        expect(changedRegion(text, edited)).toEqual({ start: at, oldEnd: at + 1, newEnd: at + 1 });
    });

    it('agrees with a comparison character by character, at and around every run boundary', () => {
        const next = random(3);
        // Repeated characters, where a run can end inside a repeat of what was inserted.
        const texts = ['x'.repeat(3 * 4096 + 5), 'ab'.repeat(6000), generateModel(2)];
        let cases = 0;
        for (const text of texts) {
            const places = [
                0,
                1,
                4095,
                4096,
                4097,
                8191,
                8192,
                text.length - 4097,
                text.length - 4096,
                text.length - 1,
                text.length,
            ];
            for (let i = 0; i < 40; i++) places.push(Math.floor(next() * text.length));
            for (const at of places) {
                if (at < 0 || at > text.length) continue;
                for (const [remove, insert] of [
                    [0, 'x'],
                    [1, ''],
                    [1, 'y'],
                    [3, 'ab'],
                    [0, 'x'.repeat(5000)],
                    [Math.min(5000, text.length - at), ''],
                ] as const) {
                    const edited = text.slice(0, at) + insert + text.slice(at + remove);
                    expect(
                        changedRegion(text, edited),
                        `${text.length} at ${at}, -${remove} +${insert.length}`,
                    ).toEqual(naive(text, edited));
                    cases++;
                }
            }
        }
        expect(changedRegion('', '')).toEqual({ start: 0, oldEnd: 0, newEnd: 0 });
        expect(changedRegion('same', 'same')).toEqual({ start: 4, oldEnd: 4, newEnd: 4 });
        expect(cases).toBeGreaterThan(800);
    });
});
