import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CstNodeBuilder, GrammarAST, LangiumParser } from 'langium';
import { CapLangiumParser, createCapServices } from '@cap/language';

/**
 * What Cap relies on in Langium, checked against the Langium that is installed: the pinned
 * version, every method Cap overrides (with its number of parameters), the protected members the
 * parser uses, and the grammar's rules that code names. A Langium upgrade that changes any of
 * them fails here, by name, instead of at run time in a user's editor.
 */

const root = resolve(__dirname, '../..');
const json = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf-8'));

describe('the Langium release', () => {
    it('is the exact version every package.json pins', () => {
        const installed = {
            langium: json('node_modules/langium/package.json').version,
            'langium-cli': json('node_modules/langium-cli/package.json').version,
        };
        expect(
            json('packages/language/package.json').dependencies.langium,
            'packages/language pins langium exactly',
        ).toBe(installed.langium);
        expect(json('package.json').devDependencies['langium-cli'], 'the workspace pins langium-cli exactly').toBe(
            installed['langium-cli'],
        );
        expect(installed['langium-cli'], 'langium-cli generates for the langium it is installed with').toBe(
            installed.langium,
        );
    });
});

/** `override` members of classes in packages/<name>/src, by module and class. */
function overrides(): { module: string; className: string; members: string[] }[] {
    const out: { module: string; className: string; members: string[] }[] = [];
    const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
            const path = join(dir, name);
            if (statSync(path).isDirectory()) {
                if (name !== 'generated') walk(path);
            } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
                const text = readFileSync(path, 'utf-8');
                for (const match of text.matchAll(
                    /^(?:export )?(?:abstract )?class (\w+) extends (\w+)[^{]*\{([\s\S]*?)^\}/gm,
                )) {
                    const members = [
                        ...match[3].matchAll(
                            /^ {4}(?:(?:public|protected) )?override (?:async )?(?:get |set )?(\w+)/gm,
                        ),
                    ].map(m => m[1]);
                    if (members.length > 0) out.push({ module: path, className: match[1], members });
                }
            }
        }
    };
    for (const pkg of ['language', 'cli']) walk(join(root, 'packages', pkg, 'src'));
    return out;
}

describe('what Cap overrides', () => {
    it("exists in the class Cap extends, and takes at least the parameters Cap's override reads", async () => {
        const found = overrides();
        expect(found.length, "the source scan finds Cap's overrides").toBeGreaterThan(15);
        for (const { module, className, members } of found) {
            const where = relative(root, module);
            const exports = (await import(pathToFileURL(module).href)) as Record<string, unknown>;
            const cls = exports[className];
            expect(typeof cls, `${where}: export ${className}, so that this test can check what it overrides`).toBe(
                'function',
            );
            const base = Object.getPrototypeOf((cls as { prototype: object }).prototype) as object;
            for (const member of members) {
                let owner: object | null = base;
                let descriptor: PropertyDescriptor | undefined;
                while (owner && !(descriptor = Object.getOwnPropertyDescriptor(owner, member)))
                    owner = Object.getPrototypeOf(owner);
                const baseName = base.constructor.name;
                expect(
                    descriptor,
                    `${where}: ${className}.${member} overrides ${baseName}.${member}, which this Langium does not have`,
                ).toBeDefined();
                const ours = Object.getOwnPropertyDescriptor((cls as { prototype: object }).prototype, member)!;
                if (typeof descriptor!.value === 'function') {
                    const theirs = declaredParameters(descriptor!.value);
                    expect(
                        declaredParameters(ours.value),
                        `${where}: ${className}.${member} reads ${declaredParameters(ours.value)} parameters; ${baseName}.${member} takes ${theirs}`,
                    ).toBeLessThanOrEqual(theirs);
                }
            }
        }
    });

    it("includes the protected members Cap's parser uses", () => {
        const { Cap } = createCapServices();
        class Probe extends CapLangiumParser {
            members() {
                return { tokenize: typeof this.lexer.tokenize, input: findMember(this.wrapper, 'input') };
            }
        }
        const probe = new Probe(Cap).members();
        expect(probe.tokenize, 'LangiumParser has its lexer in `lexer`').toBe('function');
        expect(
            typeof probe.input?.set,
            "LangiumParser's Chevrotain parser (`wrapper`) takes its tokens through `input`",
        ).toBe('function');
        expect(CapLangiumParser.prototype).toBeInstanceOf(LangiumParser);
        for (const method of [
            'buildRootNode',
            'buildCompositeNode',
            'buildLeafNode',
            'construct',
            'createLeafNode',
            'appendChildren',
            'insertChildren',
        ]) {
            expect(typeof findMember(CstNodeBuilder.prototype, method)?.value, `CstNodeBuilder.${method}`).toBe(
                'function',
            );
        }
        expect(typeof findMember(CstNodeBuilder.prototype, 'current')?.get, 'CstNodeBuilder.current').toBe('function');
    });
});

/** How many parameters a function declares, defaults included (`length` stops at the first default). */
function declaredParameters(fn: (...args: unknown[]) => unknown): number {
    const source = fn.toString();
    let depth = 0;
    let count = 0;
    let empty = true;
    let quote = '';
    for (let i = source.indexOf('(') + 1; i < source.length; i++) {
        const c = source[i];
        if (quote) {
            if (c === '\\') i++;
            else if (c === quote) quote = '';
            continue;
        }
        if (c === '"' || c === "'" || c === '`') quote = c;
        else if ('([{'.includes(c)) depth++;
        else if (')]}'.includes(c) && depth-- === 0) break;
        else if (c === ',' && depth === 0) count++;
        if (!/\s/.test(c)) empty = false;
    }
    return empty ? 0 : count + 1;
}

/** A property's descriptor, wherever on the prototype chain it is defined. */
function findMember(object: object, name: string): PropertyDescriptor | undefined {
    for (let owner: object | null = object; owner; owner = Object.getPrototypeOf(owner)) {
        const descriptor = Object.getOwnPropertyDescriptor(owner, name);
        if (descriptor) return descriptor;
    }
    return undefined;
}

describe('the generated grammar', () => {
    const { Cap } = createCapServices();
    const rules = new Map(Cap.Grammar.rules.map(rule => [rule.name, rule]));

    it("has the terminals Cap's code names, hidden where the formatter expects comments", () => {
        // value-converter.ts (NUMBER, STRING), completion.ts (ID), cap-formatter.ts (NUMBER, CURRENCY_SYMBOL, the comments).
        for (const name of ['ID', 'NUMBER', 'STRING', 'CURRENCY_SYMBOL', 'DATE']) {
            const rule = rules.get(name);
            expect(rule && GrammarAST.isTerminalRule(rule) && !rule.hidden, `terminal ${name}`).toBe(true);
        }
        for (const name of ['WS', 'SL_COMMENT', 'ML_COMMENT']) {
            const rule = rules.get(name);
            expect(rule && GrammarAST.isTerminalRule(rule) && rule.hidden, `hidden terminal ${name}`).toBe(true);
        }
    });

    it("has the parser rules Cap's code names", () => {
        // completion.ts: a unit is `unit=UnitName` in Measure, a UnitName an ID or a time unit.
        const measure = rules.get('Measure');
        if (!measure || !GrammarAST.isParserRule(measure)) throw new Error('the grammar has no parser rule Measure');
        const assigned = (rule: GrammarAST.ParserRule) =>
            [...streamElements(rule.definition)].filter(GrammarAST.isAssignment).map(a => a.feature);
        expect(assigned(measure), 'Measure assigns `unit` and `per`').toEqual(
            expect.arrayContaining(['unit', 'per', 'value', 'symbol', 'percent']),
        );
        const unitName = rules.get('UnitName');
        expect(
            unitName &&
                GrammarAST.isParserRule(unitName) &&
                [...streamElements(unitName.definition)].some(
                    e => GrammarAST.isRuleCall(e) && e.rule.ref?.name === 'ID',
                ),
            'UnitName calls ID',
        ).toBe(true);
    });

    it("is one Cap's event parser reads, so correct files take the fast path", () => {
        expect(CapLangiumParser.unsupported(Cap)).toBeUndefined();
    });
});

function* streamElements(element: GrammarAST.AbstractElement): Generator<GrammarAST.AbstractElement> {
    yield element;
    if (GrammarAST.isGroup(element) || GrammarAST.isAlternatives(element))
        for (const e of element.elements) yield* streamElements(e);
    else if (GrammarAST.isAssignment(element)) yield* streamElements(element.terminal);
}
