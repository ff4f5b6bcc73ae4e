import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { AstUtils, GrammarUtils, URI } from 'langium';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { createCapServices, isOverheadItem, isProperty } from '@cap/language';
import { PROPERTY_RULES } from '../../packages/language/src/validation/property-rules.js';

/**
 * The TextMate grammar (syntaxes/cap.tmLanguage.json) tokenized by the same engine VS Code uses
 * (vscode-textmate on the Oniguruma regex library), so the colours an editor shows are pinned.
 */

const root = resolve(__dirname, '../..');
const require = createRequire(import.meta.url);
let grammar: textmate.IGrammar;

beforeAll(async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: p => new oniguruma.OnigScanner(p),
            createOnigString: s => new oniguruma.OnigString(s),
        }),
        loadGrammar: async () =>
            textmate.parseRawGrammar(
                readFileSync(resolve(root, 'syntaxes/cap.tmLanguage.json'), 'utf-8'),
                'cap.tmLanguage.json',
            ),
    });
    grammar = (await registry.loadGrammar('source.cap'))!;
});

/** Every token of a text as `[text, innermost scope]`, whitespace-only tokens dropped. */
function tokens(text: string): [string, string][] {
    let state = textmate.INITIAL;
    const out: [string, string][] = [];
    for (const line of text.split('\n')) {
        const r = grammar.tokenizeLine(line, state);
        for (const t of r.tokens) {
            const piece = line.slice(t.startIndex, t.endIndex);
            if (piece.trim() === '') continue;
            out.push([piece.trim(), t.scopes[t.scopes.length - 1]]);
        }
        state = r.ruleStack;
    }
    return out;
}

/** Per line of a text, the innermost scope at a character. */
function scopesByLine(text: string): ((character: number) => string)[] {
    let state = textmate.INITIAL;
    return text.split('\n').map(line => {
        const r = grammar.tokenizeLine(line, state);
        state = r.ruleStack;
        return character => r.tokens.find(t => t.startIndex <= character && character < t.endIndex)!.scopes.at(-1)!;
    });
}

/** The `.cap` files under some folders of the repository. */
function capFiles(folders: string[]): string[] {
    return folders.flatMap(folder =>
        readdirSync(resolve(root, folder), { recursive: true, encoding: 'utf-8' })
            .filter(f => f.endsWith('.cap'))
            .map(f => join(root, folder, f)),
    );
}

function scopeOf(text: string, piece: string, nth = 0): string {
    const hits = tokens(text).filter(([p]) => p === piece);
    if (hits.length <= nth)
        throw new Error(`"${piece}" is not a token of ${JSON.stringify(text)}: ${JSON.stringify(tokens(text))}`);
    return hits[nth][1];
}

describe('the TextMate grammar', () => {
    it('declarations: the kind keyword and the declared name', () => {
        expect(tokens('role CSM "Customer Success Manager" {')).toEqual([
            ['role', 'storage.type.role.cap'],
            ['CSM', 'entity.name.type.role.cap'],
            ['"', 'punctuation.definition.string.begin.cap'],
            ['Customer Success Manager', 'string.quoted.double.cap'],
            ['"', 'punctuation.definition.string.end.cap'],
            ['{', 'punctuation.section.block.begin.cap'],
        ]);
        for (const kind of ['model', 'service', 'tier', 'agent', 'scenario']) {
            expect(scopeOf(`${kind} X {`, kind)).toBe(`storage.type.${kind}.cap`);
            expect(scopeOf(`${kind} X {`, 'X')).toBe(`entity.name.type.${kind}.cap`);
        }
    });

    it('`role CSM` inside a service or an agent is the role property, not a declaration', () => {
        expect(tokens('service QBR { role CSM  effort 6h every quarter }').slice(3, 5)).toEqual([
            ['role', 'variable.other.property.cap'],
            ['CSM', 'source.cap'],
        ]);
    });

    it('properties, touch levels, frequencies and time units', () => {
        const text = 'tier SMB { touch low  accounts 1,200  churn 8% / year  new 2 / quarter  services QBR, CheckIn }';
        expect(scopeOf(text, 'touch')).toBe('variable.other.property.cap');
        expect(scopeOf(text, 'low')).toBe('constant.language.cap');
        expect(scopeOf(text, 'accounts')).toBe('variable.other.property.cap');
        expect(scopeOf(text, 'services')).toBe('variable.other.property.cap');
        expect(scopeOf(text, 'year')).toBe('support.constant.time-unit.cap');
        expect(scopeOf(text, '/')).toBe('keyword.operator.rate.cap');
        expect(scopeOf(text, ',', 0)).toBe('punctuation.separator.comma.cap');
        const effort =
            'effort 3h 2 times / year  effort 12h once  effort 4h every 2 weeks  price included  hours 160h per month';
        for (const word of ['times', 'once', 'every', 'per'])
            expect(scopeOf(effort, word), word).toBe('keyword.other.frequency.cap');
        expect(scopeOf(effort, 'weeks')).toBe('support.constant.time-unit.cap');
        expect(scopeOf(effort, 'included')).toBe('constant.language.cap');
    });

    it('numbers with their units: hours, minutes, percent, grouping, k and M', () => {
        expect(tokens('hours 160h / month')).toEqual([
            ['hours', 'variable.other.property.cap'],
            ['160', 'constant.numeric.cap'],
            ['h', 'keyword.other.unit.cap'],
            ['/', 'keyword.operator.rate.cap'],
            ['month', 'support.constant.time-unit.cap'],
        ]);
        expect(tokens('effort 30min every month').slice(1, 3)).toEqual([
            ['30', 'constant.numeric.cap'],
            ['min', 'keyword.other.unit.cap'],
        ]);
        expect(tokens('overhead 0.5 h').slice(1)).toEqual([
            ['0.5', 'constant.numeric.cap'],
            ['h', 'keyword.other.unit.cap'],
        ]);
        expect(tokens('uptake 12.5%').slice(1)).toEqual([
            ['12.5', 'constant.numeric.cap'],
            ['%', 'keyword.other.unit.cap'],
        ]);
        expect(tokens('accounts 1,200').slice(1)).toEqual([['1,200', 'constant.numeric.cap']]);
        expect(tokens('ramp 3 months').slice(1)).toEqual([
            ['3', 'constant.numeric.cap'],
            ['months', 'support.constant.time-unit.cap'],
        ]);
        expect(tokens('fte -0.5').slice(1)).toEqual([['-0.5', 'constant.numeric.cap']]);
    });

    it('money: a currency symbol or an ISO code with the amount, k and M multipliers', () => {
        expect(tokens('cost $9,500 / month').slice(1, 3)).toEqual([
            ['$', 'keyword.other.unit.currency.cap'],
            ['9,500', 'constant.numeric.money.cap'],
        ]);
        expect(tokens('arr $120k').slice(1)).toEqual([
            ['$', 'keyword.other.unit.currency.cap'],
            ['120k', 'constant.numeric.money.cap'],
        ]);
        expect(tokens('arr $1.2M').slice(1)).toEqual([
            ['$', 'keyword.other.unit.currency.cap'],
            ['1.2M', 'constant.numeric.money.cap'],
        ]);
        expect(tokens('cost €8,000 / month').slice(1, 3)).toEqual([
            ['€', 'keyword.other.unit.currency.cap'],
            ['8,000', 'constant.numeric.money.cap'],
        ]);
        expect(tokens('cost £700').slice(1)).toEqual([
            ['£', 'keyword.other.unit.currency.cap'],
            ['700', 'constant.numeric.money.cap'],
        ]);
        expect(tokens('cost 9500 USD / month').slice(1, 3)).toEqual([
            ['9500', 'constant.numeric.money.cap'],
            ['USD', 'keyword.other.unit.currency.cap'],
        ]);
        expect(tokens('currency EUR')).toEqual([
            ['currency', 'variable.other.property.cap'],
            ['EUR', 'source.cap'],
        ]);
    });

    it('dates are one token, not a number and a negative number', () => {
        expect(tokens('start 2027-03')).toEqual([
            ['start', 'variable.other.property.cap'],
            ['2027-03', 'constant.numeric.date.cap'],
        ]);
    });

    it('digits and keywords inside names are not numbers or keywords', () => {
        expect(tokens('agent pod2 {').slice(0, 2)).toEqual([
            ['agent', 'storage.type.agent.cap'],
            ['pod2', 'entity.name.type.agent.cap'],
        ]);
        expect(tokens('tiers tier_2, q3_accounts')).toEqual([
            ['tiers', 'variable.other.property.cap'],
            ['tier_2', 'source.cap'],
            [',', 'punctuation.separator.comma.cap'],
            ['q3_accounts', 'source.cap'],
        ]);
        expect(tokens('services Hours_review')).toEqual([
            ['services', 'variable.other.property.cap'],
            ['Hours_review', 'source.cap'],
        ]);
    });

    it('comments: line and block, across lines, and nothing inside them is code', () => {
        expect(tokens('accounts 480 // 480 / 24 = 20 CSMs')).toEqual([
            ['accounts', 'variable.other.property.cap'],
            ['480', 'constant.numeric.cap'],
            ['//', 'punctuation.definition.comment.cap'],
            ['480 / 24 = 20 CSMs', 'comment.line.double-slash.cap'],
        ]);
        expect(tokens('/* role X {\n  hours 160h */ tier').map(([, s]) => s)).toEqual([
            'punctuation.definition.comment.cap',
            'comment.block.cap',
            'comment.block.cap',
            'punctuation.definition.comment.cap',
            'storage.type.cap',
        ]);
    });

    it('strings: escapes, comment markers inside, unterminated strings end at the line end', () => {
        expect(tokens('"a \\"quoted\\" // not a comment"').map(([, s]) => s)).toEqual([
            'punctuation.definition.string.begin.cap',
            'string.quoted.double.cap',
            'constant.character.escape.cap',
            'string.quoted.double.cap',
            'constant.character.escape.cap',
            'string.quoted.double.cap',
            'punctuation.definition.string.end.cap',
        ]);
        expect(tokens('role X "unterminated\nhours 160h').slice(-3)).toEqual([
            ['hours', 'variable.other.property.cap'],
            ['160', 'constant.numeric.cap'],
            ['h', 'keyword.other.unit.cap'],
        ]);
    });

    it('imports and assertions', () => {
        expect(tokens('import "./team/roles.cap"')[0]).toEqual(['import', 'keyword.control.import.cap']);
        expect(tokens('assert CSM.utilization <= 85%')).toEqual([
            ['assert', 'keyword.control.assert.cap'],
            ['CSM', 'source.cap'],
            ['.', 'punctuation.accessor.cap'],
            ['utilization', 'source.cap'],
            ['<=', 'keyword.operator.comparison.cap'],
            ['85', 'constant.numeric.cap'],
            ['%', 'keyword.other.unit.cap'],
        ]);
    });

    it('knows a property written as a measure by where it stands: a word a value follows, a new one too', () => {
        const text = 'tier T { onboardingWeeks 6 weeks  health 80%  risk $-3  books from crm  count -1 }';
        for (const word of ['onboardingWeeks', 'health', 'risk', 'books', 'count'])
            expect(scopeOf(text, word), word).toBe('variable.other.property.cap');
        expect(tokens('overhead { meetings 20h / month  admin 10% }').slice(2, 3)).toEqual([
            ['meetings', 'variable.other.property.cap'],
        ]);
        // What a number follows is not a property: a unit, a frequency, a time unit, a name.
        const effort =
            'effort 2 h 4 times / year  effort 4h every 2 weeks  cost 9500 USD / month  window 2027-01 to 2027-03';
        expect(scopeOf(effort, 'h')).toBe('keyword.other.unit.cap');
        expect(scopeOf(effort, 'every')).toBe('keyword.other.frequency.cap');
        expect(scopeOf(effort, 'USD')).toBe('keyword.other.unit.currency.cap');
        expect(scopeOf(effort, 'to')).toBe('keyword.other.from.cap');
        expect(scopeOf('services QBR, CheckIn  accounts 3', 'CheckIn')).toBe('source.cap');
    });

    it('colours every property of every rule, written as its example, and of every example model', () => {
        for (const [block, rules] of Object.entries(PROPERTY_RULES))
            for (const [key, rule] of Object.entries(rules))
                if (rule.measure)
                    expect(scopeOf(`${key} ${rule.measure.example}`, key), `${block}.${key}`).toBe(
                        'variable.other.property.cap',
                    );
        const services = createCapServices();
        let checked = 0;
        for (const file of capFiles(['examples', 'test/fixtures'])) {
            const text = readFileSync(file, 'utf-8');
            const root = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(file)).parseResult
                .value;
            const scopes = scopesByLine(text);
            for (const node of AstUtils.streamAllContents(root)) {
                const feature = isProperty(node) ? 'key' : isOverheadItem(node) ? 'name' : undefined;
                const word = feature && GrammarUtils.findNodeForProperty(node.$cstNode, feature);
                if (!word) continue;
                const { line, character } = word.range.start;
                expect(scopes[line](character), `${file}:${line + 1}: ${word.text}`).toBe(
                    'variable.other.property.cap',
                );
                checked++;
            }
        }
        expect(checked).toBeGreaterThan(200);
    });

    it('keeps in step with cap.langium: every keyword of the language gets a scope', () => {
        const langium = readFileSync(resolve(root, 'packages/language/src/cap.langium'), 'utf-8')
            .replace(/\/\/[^\n]*/g, '')
            .replace(/\/\*[\s\S]*?\*\//g, '');
        const keywords = [...new Set([...langium.matchAll(/'([a-z]+)'/g)].map(m => m[1]))].sort();
        expect(keywords.length).toBeGreaterThan(40);
        const unscoped = keywords.filter(k => tokens(`${k} `)[0]?.[1] === 'source.cap');
        expect(unscoped).toEqual([]);
    });

    it('tokenizes every example without an unterminated string or comment leaking into the next line', () => {
        for (const file of [
            'examples/seed/seed.cap',
            'examples/three-tier/three-tier.cap',
            'examples/multi-file/plan.cap',
        ]) {
            const text = readFileSync(resolve(root, file), 'utf-8');
            let state = textmate.INITIAL;
            const lines = text.split('\n');
            lines.forEach(line => {
                state = grammar.tokenizeLine(line, state).ruleStack;
            });
            expect(grammar.tokenizeLine('hours', state).tokens[0].scopes.at(-1), file).toBe(
                'variable.other.property.cap',
            );
        }
    });
});
