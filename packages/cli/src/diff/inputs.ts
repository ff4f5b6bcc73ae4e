import type { AstNode, CstNode, LeafCstNode } from 'langium';
import { CstUtils } from 'langium';
import type { Assertion, CapFile, Element, OverheadProperty, Property, Scenario } from '@cap/language';
import { parseCapNumber } from '@cap/language';

/**
 * What changed in a model's text, declaration by declaration: the half of `cap diff` that needs
 * the syntax tree. Declarations are matched by kind and name (never by file, so moving a role to
 * another file is no change), properties by key. Values are compared token by token with numbers
 * read as numbers, so spacing, comments, `1,200` vs `1200` and the order of a `services` list do
 * not count as changes; what a reader sees is each side's own source text, whitespace-normalised.
 */

export type InputChangeKind = 'added' | 'removed' | 'changed' | 'renamed';

export interface InputChange {
    /**
     * Dot path: `role.CSM.overhead`, `role.CSM.overhead.meetings`, `scenario.Growth.tier.SMB.accounts`,
     * `assert.CSM.utilization`.
     */
    path: string;
    /** How the declaration reads: `role CSM`, `scenario Growth, tier SMB`, `model`, `assert CSM.utilization`. */
    declaration: string;
    /** `overhead`, `overhead meetings`, `title`; `null` for a whole declaration or an assertion. */
    property: string | null;
    change: InputChangeKind;
    /** Source text of each side (a whole declaration when it was added or removed; the names of a rename). */
    old: string | null;
    new: string | null;
    /**
     * Trailing text both sides share and the sentence factors out, so that an effort reads
     * `effort 4h → 3h every quarter`: the frequency when only the hours changed.
     */
    common: string | null;
}

const KIND_ORDER = ['model', 'role', 'service', 'tier', 'agent', 'scenario', 'assert'] as const;
type DeclKind = (typeof KIND_ORDER)[number];

interface Value {
    display: string;
    /** Equal canons mean no change. */
    canon: string;
    /** For effort and price: the amount and the frequency apart, to factor out an unchanged frequency. */
    amount?: Value;
    frequency?: Value;
    /** For an overhead block: its items by name. */
    items?: Map<string, Value>;
}

interface Decl {
    kind: DeclKind;
    name: string;
    /** Properties in source order; the title is the property `title`, the model's name `name`. */
    props: Map<string, Value>;
    /** A scenario's blocks. */
    members?: Decl[];
    /** The whole declaration, for `added` and `removed`. */
    source: string;
}

/** Differences between two models, each given as the root of every file it loads. */
export function diffInputs(oldFiles: CapFile[], newFiles: CapFile[]): InputChange[] {
    return diffDecls(collect(oldFiles), collect(newFiles), { path: [], label: '' });
}

function collect(files: CapFile[]): Decl[] {
    const decls: Decl[] = [];
    const assertionCount = new Map<string, number>();
    for (const file of files) {
        for (const element of file.elements ?? []) {
            const decl = toDecl(element, assertionCount);
            if (decl) decls.push(decl);
        }
    }
    return decls;
}

function toDecl(element: Element, assertionCount: Map<string, number>): Decl | undefined {
    switch (element.$type) {
        case 'ModelDecl': {
            // One model block per model: matched as `model` whatever its name, so a renamed model
            // reads as a changed name.
            const props = new Map<string, Value>([['name', plain(element.name)]]);
            if (element.title !== undefined) props.set('title', title(element.title));
            addProps(props, element.props);
            return { kind: 'model', name: '', props, source: sourceOf(element) };
        }
        case 'Role':
        case 'Service':
        case 'Tier':
        case 'Agent': {
            const props = new Map<string, Value>();
            if (element.title !== undefined) props.set('title', title(element.title));
            addProps(props, element.props);
            return {
                kind: element.$type.toLowerCase() as DeclKind,
                name: element.name,
                props,
                source: sourceOf(element),
            };
        }
        case 'Scenario':
            return scenarioDecl(element);
        case 'Assertion':
            return assertionDecl(element, assertionCount);
    }
    return undefined;
}

function scenarioDecl(scenario: Scenario): Decl {
    const props = new Map<string, Value>();
    if (scenario.title !== undefined) props.set('title', title(scenario.title));
    const members = (scenario.members ?? []).map(member => toDecl(member, new Map())!).filter(Boolean);
    return { kind: 'scenario', name: scenario.name, props, members, source: sourceOf(scenario) };
}

function assertionDecl(assertion: Assertion, count: Map<string, number>): Decl {
    // Assertions have no names: the path they test is their identity, so a changed bound reads
    // as a change. A second assertion on the same path (a lower and an upper bound) is `#2`.
    const path = (assertion.path ?? []).join('.');
    const n = (count.get(path) ?? 0) + 1;
    count.set(path, n);
    const cst = assertion.$cstNode;
    const leaves = cst ? tokens(cst) : [];
    const condition = leaves.slice(leaves.findIndex(l => l.text === assertion.op));
    return {
        kind: 'assert',
        name: n === 1 ? path : `${path}#${n}`,
        props: new Map([['', fromLeaves(condition)]]),
        source: sourceOf(assertion),
    };
}

function addProps(props: Map<string, Value>, list: Property[] | undefined): void {
    for (const prop of list ?? []) {
        // A property given twice is a model error, and models with errors are not compared.
        if (!props.has(prop.key)) props.set(prop.key, propertyValue(prop));
    }
}

function propertyValue(prop: Property): Value {
    switch (prop.$type) {
        case 'EffortProperty':
        case 'PriceProperty': {
            const whole = afterKey(prop);
            if (!prop.value || !prop.frequency) return whole;
            return { ...whole, amount: nodeValue(prop.value), frequency: nodeValue(prop.frequency) };
        }
        case 'ServicesProperty':
        case 'TiersProperty': {
            // A list is a set for the figures: the order it is written in does not matter.
            const names = (prop.$type === 'ServicesProperty' ? prop.services : prop.tiers).map(ref => ref.$refText);
            return { display: afterKey(prop).display, canon: [...names].sort().join(',') };
        }
        case 'OverheadProperty':
            return overheadValue(prop);
        default:
            return afterKey(prop);
    }
}

function overheadValue(prop: OverheadProperty): Value {
    const whole = afterKey(prop);
    if (prop.value) return whole;
    const items = new Map<string, Value>();
    for (const item of prop.items ?? [])
        if (!items.has(item.name)) items.set(item.name, item.value ? nodeValue(item.value) : plain(''));
    const canon = [...items]
        .map(([name, v]) => `${name}=${v.canon}`)
        .sort()
        .join(';');
    return { display: whole.display, canon: `{${canon}}`, items };
}

// ---------------------------------------------------------------------------------------------
// Comparing.

interface Scope {
    path: string[];
    /** `scenario Growth, ` inside a scenario. */
    label: string;
}

function diffDecls(oldDecls: Decl[], newDecls: Decl[], scope: Scope): InputChange[] {
    const key = (d: Decl) => `${d.kind} ${d.name}`;
    const oldByKey = new Map(oldDecls.map(d => [key(d), d]));
    const newByKey = new Map(newDecls.map(d => [key(d), d]));
    const removed = oldDecls.filter(d => !newByKey.has(key(d)));
    const added = newDecls.filter(d => !oldByKey.has(key(d)));
    const renames = detectRenames(removed, added);

    const out: { kind: DeclKind; name: string; changes: InputChange[] }[] = [];
    for (const d of newDecls) {
        const before = oldByKey.get(key(d)) ?? renames.byNew.get(d);
        if (!before) {
            out.push({ kind: d.kind, name: d.name, changes: [declChange(d, 'added', scope)] });
            continue;
        }
        const changes: InputChange[] = [];
        if (before.name !== d.name) {
            changes.push({
                path: pathOf(scope, d.kind, d.name),
                declaration: `${scope.label}${d.kind} ${before.name}`,
                property: null,
                change: 'renamed',
                old: before.name,
                new: d.name,
                common: null,
            });
        }
        changes.push(...diffProps(before, d, scope));
        if (d.members || before.members) {
            changes.push(
                ...diffDecls(before.members ?? [], d.members ?? [], {
                    path: [...pathOf(scope, d.kind, d.name).split('.')],
                    label: `${scope.label}${labelOf(d)}, `,
                }),
            );
        }
        out.push({ kind: d.kind, name: d.name, changes });
    }
    for (const d of removed) {
        if (!renames.byOld.has(d)) out.push({ kind: d.kind, name: d.name, changes: [declChange(d, 'removed', scope)] });
    }
    out.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareNames(a.name, b.name));
    return out.flatMap(o => o.changes);
}

/**
 * A declaration removed and another of the same kind added with exactly the same body (title
 * aside) is a rename, when that pairing is the only one possible. Two agents `{ role CSM }`
 * swapped for two others stay removed + added: which became which is a guess.
 */
function detectRenames(removed: Decl[], added: Decl[]): { byNew: Map<Decl, Decl>; byOld: Set<Decl> } {
    const byNew = new Map<Decl, Decl>();
    const byOld = new Set<Decl>();
    const body = (d: Decl) => `${d.kind}|${bodyCanon(d)}`;
    const removedByBody = groupBy(
        removed.filter(d => d.kind !== 'assert' && d.kind !== 'model'),
        body,
    );
    const addedByBody = groupBy(
        added.filter(d => d.kind !== 'assert' && d.kind !== 'model'),
        body,
    );
    for (const [b, olds] of removedByBody) {
        const news = addedByBody.get(b);
        if (olds.length === 1 && news?.length === 1) {
            byNew.set(news[0], olds[0]);
            byOld.add(olds[0]);
        }
    }
    return { byNew, byOld };
}

function bodyCanon(d: Decl): string {
    const props = [...d.props]
        .filter(([k]) => k !== 'title')
        .map(([k, v]) => `${k}=${v.canon}`)
        .sort();
    const members = (d.members ?? []).map(m => `${m.kind} ${m.name}(${bodyCanon(m)})`).sort();
    return `${props.join(';')}[${members.join(';')}]`;
}

function diffProps(before: Decl, after: Decl, scope: Scope): InputChange[] {
    const declaration = `${scope.label}${labelOf(after)}`;
    const base = pathOf(scope, after.kind, after.name);
    const change = (
        property: string,
        pathKey: string,
        kind: InputChangeKind,
        o: Value | undefined,
        n: Value | undefined,
    ): InputChange => {
        // Factor out a frequency both sides share: `effort 4h → 3h every quarter`.
        const factor =
            kind === 'changed' &&
            o?.frequency &&
            n?.frequency &&
            o.frequency.canon === n.frequency.canon &&
            o.amount &&
            n.amount;
        return {
            path: pathKey ? `${base}.${pathKey}` : base,
            declaration,
            property: property || null,
            change: kind,
            old: o?.display ?? null,
            new: n?.display ?? null,
            common: factor ? n!.frequency!.display : null,
        };
    };
    const out: InputChange[] = [];
    for (const [k, n] of after.props) {
        const o = before.props.get(k);
        if (!o) out.push(change(k, k, 'added', undefined, n));
        else if (o.canon !== n.canon) {
            if (o.items && n.items) out.push(...diffItems(k, o.items, n.items, change));
            else out.push(change(k, k, 'changed', o, n));
        }
    }
    for (const [k, o] of before.props) if (!after.props.has(k)) out.push(change(k, k, 'removed', o, undefined));
    return out;
}

function diffItems(
    key: string,
    before: Map<string, Value>,
    after: Map<string, Value>,
    change: (
        property: string,
        pathKey: string,
        kind: InputChangeKind,
        o: Value | undefined,
        n: Value | undefined,
    ) => InputChange,
): InputChange[] {
    const out: InputChange[] = [];
    for (const [name, n] of after) {
        const o = before.get(name);
        if (!o) out.push(change(`${key} ${name}`, `${key}.${name}`, 'added', undefined, n));
        else if (o.canon !== n.canon) out.push(change(`${key} ${name}`, `${key}.${name}`, 'changed', o, n));
    }
    for (const [name, o] of before)
        if (!after.has(name)) out.push(change(`${key} ${name}`, `${key}.${name}`, 'removed', o, undefined));
    return out;
}

function declChange(d: Decl, kind: 'added' | 'removed', scope: Scope): InputChange {
    return {
        path: pathOf(scope, d.kind, d.name),
        declaration: `${scope.label}${labelOf(d)}`,
        property: null,
        change: kind,
        old: kind === 'removed' ? d.source : null,
        new: kind === 'added' ? d.source : null,
        common: null,
    };
}

function labelOf(d: Decl): string {
    if (d.kind === 'model') return 'model';
    if (d.kind === 'assert') return `assert ${d.name.replace(/#\d+$/, '')}`;
    return `${d.kind} ${d.name}`;
}

function pathOf(scope: Scope, kind: DeclKind, name: string): string {
    return [...scope.path, kind, ...(name ? [name] : [])].join('.');
}

// ---------------------------------------------------------------------------------------------
// Sentences, for the terminal and Markdown renderers alike.

/**
 * One line a CS Ops reader understands: `role CSM: overhead 40h / month → 50h / month`,
 * `service QBR: effort 4h → 3h every quarter`, `agent dana added`, `role CSM renamed to AM`.
 * `code` wraps source text (backticks in Markdown).
 */
export function sentence(c: InputChange, code: (text: string) => string = t => t): string {
    const assertion = c.declaration.startsWith('assert ') || c.declaration.includes(', assert ');
    switch (c.change) {
        case 'renamed':
            return `${c.declaration} renamed to ${c.new}`;
        case 'added':
        case 'removed': {
            if (c.property === null) {
                // An assertion has no name to show: its condition is what the reader needs.
                return assertion
                    ? `${c.declaration} ${code(conditionOf(c[c.change === 'added' ? 'new' : 'old']!))} ${c.change}`
                    : `${c.declaration} ${c.change}`;
            }
            const text = c.change === 'added' ? c.new! : c.old!;
            return `${c.declaration}: ${c.property} ${code(text)} ${c.change}`;
        }
        case 'changed': {
            const subject = c.property === null ? `${c.declaration}:` : `${c.declaration}: ${c.property}`;
            if (c.common) {
                const strip = (s: string) => s.slice(0, s.length - c.common!.length).trimEnd();
                return `${subject} ${code(strip(c.old!))} → ${code(strip(c.new!))} ${c.common}`;
            }
            return `${subject} ${code(c.old!)} → ${code(c.new!)}`;
        }
    }
}

/** `assert CSM.utilization <= 85%` → `<= 85%`. */
function conditionOf(source: string): string {
    const m = /(<=|>=|==|<|>)/.exec(source);
    return m ? source.slice(m.index) : source;
}

// ---------------------------------------------------------------------------------------------
// Source text.

function tokens(node: CstNode): LeafCstNode[] {
    return CstUtils.flattenCst(node)
        .filter(leaf => !leaf.hidden)
        .toArray();
}

/**
 * Leaves joined as written, with any run of whitespace or comments between two tokens shown as
 * one space: `40h  /   month // busy` reads `40h / month`, while `4h` stays `4h`.
 */
function fromLeaves(leaves: LeafCstNode[]): Value {
    let display = '';
    let previousEnd = -1;
    for (const leaf of leaves) {
        if (previousEnd >= 0 && leaf.offset > previousEnd) display += ' ';
        display += leaf.text;
        previousEnd = leaf.end;
    }
    const canon = leaves
        .map(leaf => (leaf.tokenType.name === 'NUMBER' ? String(parseCapNumber(leaf.text)) : leaf.text))
        .join(' ');
    return { display, canon };
}

function nodeValue(node: AstNode): Value {
    return node.$cstNode ? fromLeaves(tokens(node.$cstNode)) : plain('');
}

/** A property's value: its source after the key word. */
function afterKey(prop: Property): Value {
    return prop.$cstNode ? fromLeaves(tokens(prop.$cstNode).slice(1)) : plain('');
}

function sourceOf(node: AstNode): string {
    return nodeValue(node).display;
}

function plain(text: string): Value {
    return { display: text, canon: text };
}

function title(text: string): Value {
    return { display: JSON.stringify(text), canon: JSON.stringify(text) };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
    const out = new Map<string, T[]>();
    for (const item of items) {
        const k = key(item);
        const list = out.get(k);
        if (list) list.push(item);
        else out.set(k, [item]);
    }
    return out;
}

function compareNames(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
