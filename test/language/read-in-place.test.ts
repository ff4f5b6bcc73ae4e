import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CapFile, RoleProperty, Service, ServicesProperty, Tier } from '@cap/language';
import { DirectParser, TokenLeaf, convertCapString, createCapServices, editLineStarts, lineStartsOf, parseCapNumber, parseCapNumberAt } from '@cap/language';
import type { CompositeCstNode, CstNode, GrammarAST, RootCstNodeImpl } from 'langium';
import { LeafKinds } from '../../packages/language/src/parser/composite-node.js';
import { CompositeCstNodeImpl, CstUtils, ValueConverter, createLangiumParser } from 'langium';
import { snapshot } from './parse-snapshot.js';
import { NameTable } from '../../packages/language/src/parser/name-table.js';

/**
 * The direct parser reads numbers, names and strings where they stand in the text rather than
 * cutting each out first. These readers must give exactly what the string-based ones give.
 */

/** Numerals as the NUMBER terminal writes them: digit groups, decimals, a k or M multiplier, a sign. */
const numeral = fc.tuple(
    fc.boolean(),
    fc.oneof(fc.nat({ max: 999 }).map(String), fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String), fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 6 }).map(g => [String(g[0]), ...g.slice(1).map(x => String(x).padStart(3, '0'))].join(','))),
    fc.option(fc.stringMatching(/^[0-9]{1,20}$/)),
    fc.constantFrom('', 'k', 'M'),
).map(([minus, whole, decimals, suffix]) => `${minus ? '-' : ''}${whole}${decimals === null ? '' : `.${decimals}`}${suffix}`);

describe('numbers read in place', () => {
    it('gives the double the string conversion gives, to the last bit', () => {
        fc.assert(fc.property(numeral, fc.string({ maxLength: 3 }), (n, pad) => {
            const text = `${pad}${n}${pad}`;
            expect(Object.is(parseCapNumberAt(text, pad.length, pad.length + n.length), parseCapNumber(n))).toBe(true);
        }), { numRuns: 3000 });
    });

    it('reads the corners of the fast path as the string conversion does', () => {
        for (const n of ['0', '-0', '0.1', '0.3', '1,234,567.89', '00.50', '7.5M', '1.2k', '999999999999999', '9999999999999999', '0.000000000000001', '1.7976931348623157', '-2,000.5k']) {
            expect(Object.is(parseCapNumberAt(n, 0, n.length), parseCapNumber(n)), n).toBe(true);
        }
        expect(parseCapNumberAt('role R { cost 9,500 }', 14, 19)).toBe(9500);
    });
});

describe('names read in place', () => {
    it('gives one string object per distinct name, equal to the text', () => {
        const table = new NameTable();
        const words = Array.from({ length: 5000 }, (_, i) => `agent_${i % 1700}`);
        const text = words.join(' ');
        const seen = new Map<string, string>();
        let at = 0;
        for (const word of words) {
            const name = table.intern(text, at, at + word.length);
            expect(name).toBe(word);
            if (seen.has(word)) expect(name === seen.get(word)).toBe(true);
            else seen.set(word, name);
            at += word.length + 1;
        }
        // A prefix of a known name is a name of its own.
        expect(table.intern('agent_1', 0, 6)).toBe('agent_');
        table.reset();
        const again = table.intern(text, 0, words[0].length);
        expect(again).toBe(words[0]);
    });
});

describe('strings read in place', () => {
    it('unquotes as Langium does, escapes included', () => {
        for (const s of ['""', '"Quarterly business review"', '"a\\"b"', '"\\\\"', '"\\n\\t x"', '"Über €£ 🚀"']) {
            expect(convertCapString(s), s).toBe(ValueConverter.convertString(s));
        }
    });
});

describe('token leaves', () => {
    const { Cap } = createCapServices();
    const direct = new DirectParser(Cap);
    const langium = Cap.parser.LangiumParser;
    const ranges = (root: CstNode) => CstUtils.streamCst(root).filter(n => !('content' in n)).map(n => [n.offset, n.range]).toArray();

    it('keep five fields and find their lines and columns in the text, with every kind of line end', () => {
        const text = 'role R {\r\n  hours 160h / month\r  cost $9,000 / month }\n/* two\r\nlines */ agent a { role R }\r\n';
        const mine = direct.parse(text)!;
        const leaf = CstUtils.streamCst(mine.value.$cstNode!).find(n => n instanceof TokenLeaf)!;
        expect(Object.keys(leaf)).toEqual(['container', 'grammarSource', '_offset', '_length', '_tokenType']);
        expect(ranges(mine.value.$cstNode!)).toEqual(ranges(langium.parse(text).value.$cstNode!));
        // The agent's `role` keyword: line 4 after \r\n, \r, \n and the comment's own \r\n.
        const role = CstUtils.streamCst(mine.value.$cstNode!).filter(n => n instanceof TokenLeaf && n.text === 'role').toArray()[1];
        expect(role.range).toEqual({ start: { line: 4, character: 19 }, end: { line: 4, character: 23 } });
    });

    it('sit in composite nodes that have Langium\'s fields and make each node\'s array of children when it is first read', () => {
        // Enough nodes to fill several of the parser's lists of 1,024 children, and one node (the
        // tier's list of services) with more children than a list holds.
        const services = Array.from({ length: 700 }, (_, i) => `service S${i} { role R effort ${i % 9 + 1}h every month }`);
        const text = `role R { hours 160h / month  overhead 20% }\n${services.join('\n')}\ntier T { touch high services ${services.map((_, i) => `S${i}`).join(', ')} }\n`;
        const root = direct.parse(text)!.value.$cstNode!;
        const composites = CstUtils.streamCst(root).filter(n => n !== root && 'content' in n).toArray() as CompositeCstNode[];
        expect(composites.length).toBeGreaterThan(2000);
        expect(Math.max(...composites.map(n => n.content.length))).toBe(1400);
        const fields = Object.keys(new CompositeCstNodeImpl()).filter(key => key !== 'content');
        for (const node of composites) {
            expect(node).toBeInstanceOf(CompositeCstNodeImpl);
            expect(Object.keys(node)).toEqual(expect.arrayContaining(fields));
            const children = node.content;
            expect(Object.isFrozen(children)).toBe(false); // not the placeholder an open node has
            expect(node.content).toBe(children);
            expect(children.length).toBeGreaterThan(0);
            for (const child of children) expect(child.container).toBe(node);
            for (let i = 1; i < children.length; i++) expect(children[i].offset).toBeGreaterThanOrEqual(children[i - 1].end);
        }
        expect(snapshot(direct.parse(text)!)).toEqual(snapshot(createLangiumParser(Cap).parse<CapFile>(text)));
    });

    it('make a token\'s leaf when its parent\'s children are read, except a reference\'s, which the reference holds', () => {
        const text = 'role R { hours 160h / month }\nservice S { role R effort 2h every month }\ntier T { services S, S }\n';
        const file = direct.parse(text)!.value as CapFile;
        const service = file.elements[1] as Service;
        const property = service.props[0] as RoleProperty;
        const leaves = CstUtils.streamCst(file.$cstNode!).filter(n => n instanceof TokenLeaf).toArray();
        expect(leaves.map(n => n.text).join(' ')).toBe('role R { hours 160 h / month } service S { role R effort 2 h every month } tier T { services S , S }');
        expect(leaves).toContain(property.role.$refNode);
        const tier = file.elements[2] as Tier;
        const refs = (tier.props[0] as ServicesProperty).services.map(r => r.$refNode);
        expect(refs.map(n => n?.offset)).toEqual([text.lastIndexOf('S,'), text.lastIndexOf('S')]);
        for (const ref of refs) expect(ref!.container!.content).toContain(ref);
        // Read twice, a node gives the same leaves.
        expect(CstUtils.streamCst(file.$cstNode!).filter(n => n instanceof TokenLeaf).toArray()).toEqual(leaves);
        for (let i = 0; i < leaves.length; i++) expect(CstUtils.streamCst(file.$cstNode!).filter(n => n instanceof TokenLeaf).toArray()[i]).toBe(leaves[i]);
    });

    it('are numbered for later by shape while they fit in a small integer, and made at once when they do not', () => {
        const element = (value: string) => ({ $type: 'Keyword', value }) as unknown as GrammarAST.AbstractElement;
        const [x, unit, time] = [element('x'), element('unit'), element('time')];
        const kinds = new LeafKinds([]);
        expect(kinds.shape(x)).toBe(0);
        expect(kinds.shape(x, unit)).toBe(1);
        expect(kinds.shape(x, unit, time)).toBe(2);
        expect(kinds.shape(x, time, unit)).toBe(3);
        expect([kinds.shape(x), kinds.shape(x, unit), kinds.shape(x, unit, time)]).toEqual([0, 1, 2]);
        expect(kinds.shapes[3]).toEqual({ element: x, wrappers: [time, unit] });
        expect(kinds.token(5, 3, 7)).toBe(5 * 1024 + 3);
        expect(kinds.token((1 << 21) - 1, 1023, 255)).toBe(((1 << 21) - 1) * 1024 + 1023);
        expect(kinds.token(1 << 21, 0, 3)).toBeUndefined();
        expect(kinds.token(7, 0, 256)).toBeUndefined();
        expect(kinds.token(7, 1024, 1)).toBeUndefined();
    });

    it('make the nodes of a datatype rule that holds one token with its leaf, as Langium has them', () => {
        const text = 'role R { hours 160h / month }\nassert R.hours >= 100 h / week\nassert R.month < 2 months\ntier T { touch high }\n';
        const tree = direct.parse(text)!;
        expect(snapshot(tree)).toEqual(snapshot(createLangiumParser(Cap).parse<CapFile>(text)));
        // `month` under `/`: UnitName > TimeUnit > the keyword, each node holding the next.
        const month = CstUtils.streamCst(tree.value.$cstNode!).filter(n => n.text === 'month' && !('content' in n)).toArray()[0];
        const timeUnit = month.container!;
        const unitName = timeUnit.container!;
        expect([timeUnit.content, unitName.content]).toEqual([[month], [timeUnit]]);
        expect(unitName.container!.content).toContain(unitName);
        expect(unitName.range).toEqual({ start: { line: 0, character: 22 }, end: { line: 0, character: 27 } });
    });

    it('count lines from the text their root has now, and from nothing once taken out of a tree', () => {
        const text = 'role R { hours 160h / month }\n';
        const root = direct.parse(text)!.value.$cstNode! as RootCstNodeImpl & { _text: string };
        const hours = CstUtils.streamCst(root).find(n => n.text === '160')!;
        expect(hours.range.start).toEqual({ line: 0, character: 15 });
        root._text = `\n\n${text}`;
        (hours as unknown as { _offset: number })._offset += 2;
        expect(hours.range.start).toEqual({ line: 2, character: 15 });
        expect(lineStartsOf('a\r\nb\rc\n\nd')).toEqual(Int32Array.from([0, 3, 5, 7, 8]));
    });

    it('have the line table of a text after an edit, moved rather than counted again', () => {
        const piece = fc.array(fc.constantFrom('a', ' ', '\n', '\r', '\r\n', 'bc'), { maxLength: 12 }).map(p => p.join(''));
        fc.assert(fc.property(piece, piece, fc.nat(), fc.nat(), (old, inserted, a, b) => {
            const start = old.length === 0 ? 0 : a % (old.length + 1);
            const oldEnd = start + (old.length === start ? 0 : b % (old.length - start + 1));
            const text = old.slice(0, start) + inserted + old.slice(oldEnd);
            const moved = editLineStarts(lineStartsOf(old), text, start, oldEnd, start + inserted.length);
            expect(Array.from(moved)).toEqual(Array.from(lineStartsOf(text)));
        }), { numRuns: 5000 });
    });
});
