import type { AstNode, AstReflection, GrammarAST, LangiumCoreServices, LeafCstNode, Linker, ParseResult, Reference } from 'langium';

import { CompositeCstNodeImpl, LeafCstNodeImpl, RootCstNodeImpl } from 'langium';
import type { CapFile } from '../generated/ast.js';
import { convertCapString, parseCapNumberAt } from '../value-converter.js';
import { NameTable } from './name-table.js';
import type { TokenType } from './token-leaf.js';
import { ChildLists, LeafKinds, openComposite } from './composite-node.js';
import { TokenLeaf, setLineStarts } from './token-leaf.js';
import { GrammarElements } from './grammar-elements.js';
import type { Comment, Tokens } from './scanner.js';
import { CURRENCY_SYMBOL, DATE, FIRST_KEYWORD, ID, NUMBER, STRING, TERMINAL_NAMES, scan } from './scanner.js';

/**
 * A recursive-descent parser for files without syntax errors, which are nearly all of the files
 * the language server and the CLI build. It gives the tree Langium's parser gives, node for node:
 * the same AST objects with the same properties in the same order, the same CST with the same
 * grammar elements, token types, positions and comment placement, references built by the same
 * linker. At the first token it does not expect it stops, and the caller parses the text again
 * with Langium's parser, which recovers and reports the error; a file with an error therefore gets
 * exactly the diagnostics it always got.
 *
 * Why: Langium's parser (Chevrotain, with LL(*) prediction and a CST builder that is driven token
 * by token) spent 10 to 20 times the lexing time on Cap's flat grammar, and building it at
 * startup cost the CLI 50 to 100 ms. This parser reads Cap's grammar as what it is, LL(2), and
 * builds each node once. test/language/direct-parser.test.ts compares both trees on the examples,
 * generated plans and fuzzed files.
 */
export class DirectParser {
    private readonly g: GrammarElements;
    private readonly keywordKinds_ = new Map<string, number>();
    private readonly kindNames_: string[] = [...TERMINAL_NAMES];
    private readonly linker: Linker;
    private readonly reflection: AstReflection;
    private readonly defaults = new Map<string, Array<[string, unknown]>>();
    private readonly grammar: LangiumCoreServices['Grammar'];
    private readonly tokenTypes: TokenType[];
    private readonly f: Features;

    // The state of one parse.
    private text = '';
    private t!: Tokens;
    private pos = 0;
    private comment = 0;
    /** The open composite nodes, the file first, and where the children of each start in `children`. */
    private frames: CompositeCstNodeImpl[] = [];
    private starts: number[] = [];
    /** Nodes, and tokens whose leaves are made when read, as `LeafKinds.token` numbers them. */
    private children: Array<LeafCstNode | CompositeCstNodeImpl | number> = [];
    /** The children of every closed node but the file's (composite-node.ts). */
    private kept!: ChildLists;
    private readonly leafKinds: LeafKinds;
    private readonly names = new NameTable();
    /** One constructor per AST node type (see `node`). */
    private readonly makers = new Map<string, new () => Node>();

    constructor(services: LangiumCoreServices) {
        this.grammar = services.Grammar;
        this.g = new GrammarElements(this.grammar);
        this.linker = services.references.Linker;
        this.reflection = services.shared.AstReflection;
        for (const rule of this.grammar.rules) {
            for (const keyword of keywordsOf(rule)) {
                if (!this.keywordKinds_.has(keyword)) {
                    this.keywordKinds_.set(keyword, this.kindNames_.length);
                    this.kindNames_.push(keyword);
                }
            }
        }
        this.f = features(this.g);
        this.tokenTypes = this.kindNames_.map(name => ({ name }));
        this.leafKinds = new LeafKinds(this.tokenTypes);
    }

    /** The parse of `text`, or undefined when it has an error (or a character only Langium's lexer reads). */
    parse(text: string): ParseResult<CapFile> | undefined {
        const tokens = scan(text, this.keywordKinds_);
        if (!tokens) return undefined;
        this.text = text;
        this.t = tokens;
        this.pos = 0;
        this.comment = 0;
        this.names.reset();
        this.frames = [];
        this.starts = [];
        this.children = [];
        this.kept = new ChildLists(tokens, this.leafKinds);
        try {
            const value = this.file();
            return { value, lexerErrors: [], lexerReport: { diagnostics: [] }, parserErrors: [] };
        } catch (error) {
            if (error === UNEXPECTED) return undefined;
            throw error;
        } finally {
            this.text = '';
            this.t = undefined as unknown as Tokens;
            this.names.reset();
            this.frames = [];
            this.starts = [];
            this.children = [];
            // Its last list holds nodes of this tree: the parser must not keep the tree alive.
            this.kept = undefined as unknown as ChildLists;
        }
    }

    /** The scanner's keyword kinds and every kind's token name, for tests that compare it with Langium's lexer. */
    keywordKinds(): Map<string, number> {
        return this.keywordKinds_;
    }

    kindNames(): readonly string[] {
        return this.kindNames_;
    }

    // ---- rules --------------------------------------------------------------------------------

    private file(): CapFile {
        const root = new RootCstNodeImpl(this.text);
        setLineStarts(root, this.text, this.t.lineStarts.subarray(0, this.t.lines));
        this.frames.push(root);
        this.starts.push(0);
        const file: Node = this.node('CapFile');
        const f = this.f;
        while (this.is('import')) {
            const cst = this.open(root, f.imports);
            const node: Node = this.node('Import');
            this.leaf(cst, f.importKeyword);
            node.path = convertCapString(this.image(this.leaf(cst, f.importPath, STRING)));
            this.add(file, 'imports', this.done(node, cst));
        }
        while (this.pos < this.t.count) {
            const cst = this.open(root, f.elements);
            const word = this.word();
            const block = f.blocks.get(word);
            let node: Node;
            if (block) node = this.block(this.open(cst, block.inElement), block);
            else if (word === 'assert') node = this.assertion(this.open(cst, f.assertionInElement));
            else throw UNEXPECTED;
            this.add(file, 'elements', this.done(node, cst));
        }
        this.done(file, root);
        root.astNode = file as AstNode;
        // Comments after the last token: Langium adds them to the file node once the parse ends.
        this.comments(root, Number.MAX_SAFE_INTEGER);
        this.closeAbove(root);
        this.close(0);
        return file as unknown as CapFile;
    }

    private block(cst: CompositeCstNodeImpl, block: BlockFeatures): Node {
        const node: Node = this.node(block.type);
        this.leaf(cst, block.keyword);
        node.name = this.name(this.leaf(cst, block.name, ID));
        if (this.kind() === STRING) node.title = convertCapString(this.image(this.leaf(cst, block.title)));
        this.leaf(cst, block.open, this.kindOf('{'));
        const close = this.kindOf('}');
        while (this.kind() !== close) {
            const outer = this.open(cst, block.content);
            let child: Node;
            if (block.type === 'Scenario') {
                const member = this.f.blocks.get(this.word());
                if (!member?.inScenario) throw UNEXPECTED;
                child = this.block(this.open(outer, member.inScenario), member);
            } else {
                child = this.property(outer);
            }
            this.add(node, block.feature, this.done(child, outer));
        }
        this.leaf(cst, block.close);
        fitted(node, block.feature);
        return node;
    }

    private property(outer: CompositeCstNodeImpl): Node {
        const f = this.f;
        const word = this.word();
        if (f.measureKeys.has(word)) {
            const cst = this.open(outer, f.property.MeasureProperty);
            const node: Node = this.node('MeasureProperty');
            this.wrapped(cst, f.measureKeys.get(word)!, undefined, f.measureKey);
            node.key = word;
            this.set(node, 'value', this.measure(cst, f.measurePropertyValue));
            return node;
        }
        const p = f.props.get(word);
        if (!p) throw UNEXPECTED;
        const cst = this.open(outer, p.call);
        const node: Node = this.node(p.type);
        this.leaf(cst, p.key);
        node.key = word;
        switch (p.type) {
            case 'OverheadProperty':
                if (this.is('{')) {
                    this.leaf(cst, f.overheadOpen);
                    while (this.kind() === ID) {
                        const item = this.open(cst, f.overheadItems);
                        const itemNode: Node = this.node('OverheadItem');
                        itemNode.name = this.name(this.leaf(item, f.overheadItemName));
                        this.set(itemNode, 'value', this.measure(item, f.overheadItemValue));
                        this.add(node, 'items', this.done(itemNode, item));
                    }
                    fitted(node, 'items');
                    this.leaf(cst, f.overheadClose, this.kindOf('}'));
                } else {
                    this.set(node, 'value', this.measure(cst, f.overheadValue));
                }
                break;
            case 'RoleProperty': {
                node.role = this.reference(cst, f.roleRef, node, 'role');
                break;
            }
            case 'EffortProperty':
            case 'PriceProperty': {
                const q = p.type === 'EffortProperty' ? f.effort : f.price;
                if (q.included && this.is('included')) {
                    this.leaf(cst, q.included);
                    node.included = true;
                    break;
                }
                this.set(node, 'value', this.measure(cst, q.value));
                const next = this.word();
                if (next === 'once' || next === 'every' || this.kind() === NUMBER) this.set(node, 'frequency', this.frequency(cst, q.frequency));
                break;
            }
            case 'TouchProperty': {
                const keyword = f.touchLevels.get(this.word());
                if (!keyword) throw UNEXPECTED;
                this.wrapped(cst, keyword, undefined, f.touch);
                node.touch = keyword.value;
                break;
            }
            case 'ServicesProperty':
            case 'TiersProperty': {
                const [feature, first, rest, comma] = p.type === 'ServicesProperty' ? f.services : f.tiers;
                const refs: unknown[] = [];
                node[feature] = refs;
                refs.push(this.reference(cst, first, node, feature));
                while (this.is(',')) {
                    this.leaf(cst, comma);
                    refs.push(this.reference(cst, rest, node, feature));
                }
                fitted(node, feature);
                break;
            }
            case 'DateProperty':
                node.date = this.image(this.leaf(cst, f.date, DATE));
                break;
            case 'CurrencyProperty':
                node.code = this.name(this.leaf(cst, f.currencyCode, ID));
                break;
            case 'PeriodProperty':
                node.unit = this.unitName(cst, f.periodUnit);
                break;
        }
        return node;
    }

    private measure(parent: CompositeCstNodeImpl, feature: GrammarAST.AbstractElement): Node {
        const f = this.f.measure;
        const cst = this.open(parent, feature);
        const node: Node = this.node('Measure');
        if (this.kind() === CURRENCY_SYMBOL) node.symbol = this.image(this.leaf(cst, f.symbol));
        node.value = this.number(this.leaf(cst, f.value, NUMBER));
        if (this.is('%')) {
            this.leaf(cst, f.percent);
            node.percent = true;
        } else if (this.isUnitName()) {
            // Greedy, as Langium's parser decides: in `overhead { meetings 10 admin 5h }` the
            // identifier `admin` is the unit of 10, and the 5 after it is an error.
            node.unit = this.unitName(cst, f.unit);
        }
        const per = this.word();
        if (per === '/' || per === 'per') {
            this.leaf(cst, per === '/' ? f.slash : f.perWord);
            node.per = this.unitName(cst, f.per);
        }
        return this.done(node, cst);
    }

    private frequency(parent: CompositeCstNodeImpl, feature: GrammarAST.AbstractElement): Node {
        const f = this.f.frequency;
        const cst = this.open(parent, feature);
        const node: Node = this.node('Frequency');
        if (this.is('once')) {
            this.leaf(cst, f.once);
            node.once = true;
        } else if (this.is('every')) {
            this.leaf(cst, f.every);
            if (this.kind() === NUMBER) node.count = this.number(this.leaf(cst, f.everyCount));
            node.unit = this.unitName(cst, f.everyUnit);
        } else {
            node.count = this.number(this.leaf(cst, f.timesCount, NUMBER));
            this.leaf(cst, f.times, this.kindOf('times'));
            node.times = true;
            const per = this.word();
            if (per !== '/' && per !== 'per') throw UNEXPECTED;
            this.leaf(cst, per === '/' ? f.slash : f.perWord);
            node.unit = this.unitName(cst, f.timesUnit);
        }
        return this.done(node, cst);
    }

    private assertion(cst: CompositeCstNodeImpl): Node {
        const f = this.f.assertion;
        const node: Node = this.node('Assertion');
        this.leaf(cst, f.keyword);
        const path: string[] = [this.pathSegment(cst, f.first)];
        node.path = path;
        while (this.is('.')) {
            this.leaf(cst, f.dot);
            path.push(this.pathSegment(cst, f.rest));
        }
        const operator = f.operators.get(this.word());
        if (!operator) throw UNEXPECTED;
        this.wrapped(cst, operator, undefined, f.op);
        node.op = operator.value;
        this.set(node, 'value', this.measure(cst, f.value));
        return node;
    }

    /** `ID | Keyword`, where Keyword is any keyword a metric or declaration can be named by. */
    private pathSegment(parent: CompositeCstNodeImpl, feature: GrammarAST.AbstractElement): string {
        const f = this.f.path;
        if (this.kind() === ID) return this.name(this.wrapped(parent, f.id, undefined, feature));
        const word = this.word();
        if (this.f.measureKeys.has(word)) this.wrapped(parent, this.f.measureKeys.get(word)!, undefined, feature, f.keyword, f.measureKey);
        else if (this.f.timeUnits.has(word)) this.wrapped(parent, this.f.timeUnits.get(word)!, undefined, feature, f.keyword, f.timeUnit);
        else if (f.keywords.has(word)) this.wrapped(parent, f.keywords.get(word)!, undefined, feature, f.keyword);
        else throw UNEXPECTED;
        return word;
    }

    private unitName(parent: CompositeCstNodeImpl, feature: GrammarAST.AbstractElement): string {
        const f = this.f.unit;
        if (this.kind() === ID) return this.name(this.wrapped(parent, f.id, undefined, feature));
        const word = this.word();
        const keyword = this.f.timeUnits.get(word);
        if (!keyword) throw UNEXPECTED;
        this.wrapped(parent, keyword, undefined, feature, f.timeUnit);
        return word;
    }

    private isUnitName(): boolean {
        return this.kind() === ID || this.f.timeUnits.has(this.word());
    }

    // ---- tokens -------------------------------------------------------------------------------

    private kind(): number {
        return this.pos < this.t.count ? this.t.kind[this.pos] : -1;
    }

    /** The keyword at the cursor ('' for a terminal or the end). */
    private word(): string {
        const kind = this.kind();
        return kind >= FIRST_KEYWORD ? this.kindNames_[kind] : '';
    }

    private is(keyword: string): boolean {
        return this.kind() === this.keywordKinds_.get(keyword);
    }

    private kindOf(keyword: string): number {
        return this.keywordKinds_.get(keyword)!;
    }

    /** The text of the token at `index`. */
    private image(index: number): string {
        return this.text.substring(this.t.start[index], this.t.end[index]);
    }

    /** A declaration's name, a reference's text or a word of the file's vocabulary, interned (name-table.ts). */
    private name(index: number): string {
        return this.names.intern(this.text, this.t.start[index], this.t.end[index]);
    }

    /** A NUMBER token's value, read in place (value-converter.ts). */
    private number(index: number): number {
        return parseCapNumberAt(this.text, this.t.start[index], this.t.end[index]);
    }

    // ---- tree building, as Langium's parser and CstNodeBuilder do it ------------------------------

    /** A composite node for a rule call, opened before its first token as Langium opens it. */
    private open(parent: CompositeCstNodeImpl, feature: GrammarAST.AbstractElement): CompositeCstNodeImpl {
        const node = openComposite(parent, feature);
        this.append(parent, node);
        return node;
    }

    /**
     * The token at the cursor, of the kind `expected` when given (a keyword's kind is checked
     * against the feature), as a child of `parent`: its leaf is made when something reads the
     * parent's children (composite-node.ts). The comments before the token go in first. Returns
     * the token's index.
     */
    private leaf(parent: CompositeCstNodeImpl, feature: GrammarAST.AbstractElement, expected?: number): number {
        const index = this.token(parent, feature, expected);
        const kind = this.t.kind[index];
        this.append(parent, this.leafKinds.token(index, this.leafKinds.shape(feature), kind) ?? this.tokenLeaf(parent, feature, index));
        return index;
    }

    /**
     * The token at the cursor as `leaf` reads it, inside composite nodes for `outer`, `middle`
     * and `inner` (those given): a datatype rule's nodes that hold only this token, made with its
     * leaf when read (composite-node.ts). Comments before the token go where they would go before
     * the outermost node, which is where `leaf` puts them before a node still empty.
     */
    private wrapped(parent: CompositeCstNodeImpl, feature: GrammarAST.AbstractElement, expected: number | undefined, outer: GrammarAST.AbstractElement, middle?: GrammarAST.AbstractElement, inner?: GrammarAST.AbstractElement): number {
        const index = this.token(parent, feature, expected);
        const entry = this.leafKinds.token(index, this.leafKinds.shape(feature, outer, middle, inner), this.t.kind[index]);
        if (entry !== undefined) {
            this.append(parent, entry);
            return index;
        }
        let node = this.open(parent, outer);
        if (middle) node = this.open(node, middle);
        if (inner) node = this.open(node, inner);
        this.append(node, this.tokenLeaf(node, feature, index));
        return index;
    }

    /** The token at the cursor as `leaf` reads it, its leaf made now: a reference holds it. */
    private referenceLeaf(parent: CompositeCstNodeImpl, feature: GrammarAST.AbstractElement): LeafCstNode {
        const leaf = this.tokenLeaf(parent, feature, this.token(parent, feature, ID));
        this.append(parent, leaf);
        return leaf;
    }

    /** A reference to the name at the cursor, from `property` of `node`. */
    private reference(parent: CompositeCstNodeImpl, feature: GrammarAST.AbstractElement, node: Node, property: string): Reference {
        const leaf = this.referenceLeaf(parent, feature);
        return this.linker.buildReference(node as AstNode, property, leaf, this.names.intern(this.text, leaf.offset, leaf.end));
    }

    private tokenLeaf(parent: CompositeCstNodeImpl, feature: GrammarAST.AbstractElement, index: number): TokenLeaf {
        const t = this.t;
        return new TokenLeaf(parent, feature, t.start[index], t.end[index] - t.start[index], this.tokenType(t.kind[index]));
    }

    /** Checks the token at the cursor, places the comments before it, and moves past it. */
    private token(parent: CompositeCstNodeImpl, feature: GrammarAST.AbstractElement, expected?: number): number {
        const t = this.t;
        const pos = this.pos;
        if (pos >= t.count) throw UNEXPECTED;
        const kind = t.kind[pos];
        if (expected !== undefined ? kind !== expected : (feature.$type === 'Keyword' && this.kindNames_[kind] !== (feature as GrammarAST.Keyword).value)) throw UNEXPECTED;
        this.comments(parent, t.start[pos]);
        this.pos = pos + 1;
        return pos;
    }

    /**
     * The comments that start before `offset`, placed where Langium's CstNodeBuilder places the
     * hidden tokens before a token: at the end of the node being built when it has content, else
     * just before the innermost enclosing node that is not its parent's first child.
     */
    private comments(current: CompositeCstNodeImpl, offset: number): void {
        const list = this.t.comments;
        if (this.comment >= list.length || list[this.comment].start > offset) return;
        const nodes: LeafCstNodeImpl[] = [];
        while (this.comment < list.length && list[this.comment].start <= offset) nodes.push(this.commentLeaf(list[this.comment++]));
        const top = this.closeAbove(current);
        if (this.children.length > this.starts[top]) {
            for (const node of nodes) {
                node.container = current;
                this.children.push(node);
            }
            return;
        }
        // Each open node is the last child of the open node before it, so its index there is the
        // distance from its parent's first child.
        let frame = top;
        while (frame > 0 && this.starts[frame] - 1 === this.starts[frame - 1]) frame--;
        // Before that node in its parent, or first in the file; the nodes from there on move up.
        const at = frame > 0 ? this.starts[frame] - 1 : 0;
        const parent = this.frames[frame > 0 ? frame - 1 : 0];
        for (const n of nodes) n.container = parent;
        this.children.splice(at, 0, ...nodes);
        for (let f = Math.max(frame, 1); f < this.frames.length; f++) this.starts[f] += nodes.length;
    }

    private commentLeaf(c: Comment): LeafCstNodeImpl {
        return new LeafCstNodeImpl(c.start, c.end - c.start, c.line, c.column, c.endLine, c.endColumn, this.tokenTypeNamed(c.name), true);
    }

    /**
     * Adds `child` after the last child of `parent`, which is then complete: every node opened
     * below `parent` is closed (see `closeAbove`). A composite child is open until then.
     */
    private append(parent: CompositeCstNodeImpl, child: LeafCstNode | CompositeCstNodeImpl | number): void {
        this.closeAbove(parent);
        this.children.push(child);
        if (child instanceof CompositeCstNodeImpl) {
            this.frames.push(child);
            this.starts.push(this.children.length);
        }
    }

    /**
     * Closes the nodes opened below `node` (the parser has moved on past them) and returns the
     * frame of `node`. The children of the open nodes wait on one stack, each node's after its
     * parent's, and a node that closes has them copied once, into the parse's lists of children
     * (composite-node.ts): an array grown by push keeps spare room (16 slots and more), so growing
     * each node's own array and copying it to size, as Langium's builder does, made three arrays
     * a node, 3.6 of the 19 MB a 7,000-line build allocated.
     */
    private closeAbove(node: CompositeCstNodeImpl): number {
        let top = this.frames.length - 1;
        while (this.frames[top] !== node) {
            // Adding to a closed node would be a bug here; Langium's parser then reads the file.
            if (top === 0) throw UNEXPECTED;
            this.close(top--);
        }
        return top;
    }

    private close(frame: number): void {
        const start = this.starts[frame];
        // The file's own children are read at once (the index, an edit), the others when asked.
        if (frame === 0) this.frames[0].content = this.kept.own(this.frames[0], this.children, start);
        else this.kept.close(this.frames[frame], this.children, start);
        this.children.length = start;
        this.frames.pop();
        this.starts.pop();
    }

    /**
     * A new AST node of `type`: a plain object, as Langium's parser makes, with room for its
     * properties in the object itself. A literal `{ $type }` has room for one; the rest (its
     * values, then `$container`, `$containerProperty`, `$containerIndex`, `$cstNode`) went to a
     * separate array that was copied bigger as they came, 0.7 MB of a 7,000-line plan's 8 MB and as
     * much again in garbage. Objects made by a constructor start with spare room that V8 trims to
     * what the first few used, one constructor per node type; its prototype is Object's, so the
     * nodes are the plain objects they were, with their properties in the same order.
     */
    private node(type: string): Node {
        let make = this.makers.get(type);
        if (!make) {
            make = function CapAstNode(this: Node) {
                this.$type = type;
            } as unknown as new () => Node;
            make.prototype = Object.prototype;
            this.makers.set(type, make);
        }
        return new make();
    }

    /** A child node assigned to `feature` with `=`, linked to its parent as Langium links it. */
    private set(parent: Node, feature: string, child: Node): void {
        (child.$cstNode as CompositeCstNodeImpl).astNode = child as AstNode;
        parent[feature] = child;
        child.$container = parent;
        child.$containerProperty = feature;
    }

    /** A child node assigned to `feature` with `+=`. */
    private add(parent: Node, feature: string, child: Node): void {
        (child.$cstNode as CompositeCstNodeImpl).astNode = child as AstNode;
        let list = parent[feature] as Node[] | undefined;
        if (!list) parent[feature] = list = [];
        list.push(child);
        child.$container = parent;
        child.$containerProperty = feature;
        child.$containerIndex = list.length - 1;
    }

    /** What Langium does when a rule ends: the node gets its CST node, then its default values. */
    private done(node: Node, cst: CompositeCstNodeImpl): Node {
        node.$cstNode = cst;
        let defaults = this.defaults.get(node.$type);
        if (!defaults) {
            defaults = [];
            for (const property of Object.values(this.reflection.getTypeMetaData(node.$type).properties)) {
                if (property.defaultValue !== undefined) defaults.push([property.name, property.defaultValue]);
            }
            this.defaults.set(node.$type, defaults);
        }
        for (const [name, value] of defaults) {
            if (node[name] === undefined) node[name] = Array.isArray(value) ? [] : value;
        }
        return node;
    }

    /**
     * A leaf's token type, named as Langium's lexer names it (`ID`, `NUMBER`, `role`, `ML_COMMENT`).
     * The name is what the CST's readers use (comment detection, the formatter, semantic tokens);
     * building Chevrotain's full token types from the grammar would cost `cap check` 5 to 15 ms.
     */
    private tokenType(kind: number): TokenType {
        return this.tokenTypes[kind];
    }

    private tokenTypeNamed(name: 'SL_COMMENT' | 'ML_COMMENT'): TokenType {
        return this.commentTypes[name];
    }

    private readonly commentTypes: Record<'SL_COMMENT' | 'ML_COMMENT', TokenType> = { SL_COMMENT: { name: 'SL_COMMENT' }, ML_COMMENT: { name: 'ML_COMMENT' } };
}

type Node = { $type: string; [key: string]: unknown };

/**
 * Puts a node's finished list of children in an array of its size. An array grown by `push` has
 * room for 16 or 17 entries from its first on, and a block has two to six properties: at 7,000
 * lines the 1,751 lists of properties took 322 KB, two thirds of it empty room that lived (and
 * was copied out of the young generation) as long as the tree. The copy is the one that lives;
 * the grown array dies young, where V8 frees it without copying.
 */
function fitted(node: Node, feature: string): void {
    const list = node[feature] as unknown[] | undefined;
    if (list !== undefined && list.length < 16) node[feature] = list.slice();
}

/** Thrown at the first token the direct parser does not expect; never leaves `parse`. */
const UNEXPECTED = Symbol('unexpected token');

function keywordsOf(rule: GrammarAST.AbstractRule): string[] {
    const out: string[] = [];
    const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        const n = node as { $type?: string; value?: string };
        if (n.$type === 'Keyword' && typeof n.value === 'string') out.push(n.value);
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) continue;
            if (Array.isArray(value)) value.forEach(visit);
            else if (value && typeof value === 'object' && '$type' in value) visit(value);
        }
    };
    if ('definition' in rule) visit(rule.definition);
    return out;
}

interface BlockFeatures {
    type: string;
    feature: 'props' | 'members';
    keyword: GrammarAST.Keyword;
    name: GrammarAST.AbstractElement;
    title: GrammarAST.AbstractElement;
    open: GrammarAST.Keyword;
    close: GrammarAST.Keyword;
    content: GrammarAST.AbstractElement;
    inElement: GrammarAST.RuleCall;
    inScenario?: GrammarAST.RuleCall;
}

type Features = ReturnType<typeof features>;

function features(g: GrammarElements) {
    const blocks = new Map<string, BlockFeatures>();
    for (const [type, word] of [['ModelDecl', 'model'], ['Role', 'role'], ['Service', 'service'], ['Tier', 'tier'], ['Agent', 'agent'], ['Scenario', 'scenario']] as const) {
        const feature = type === 'Scenario' ? 'members' : 'props';
        blocks.set(word, {
            type, feature,
            keyword: g.keyword(type, word),
            name: g.assigned(type, 'name'),
            title: g.assigned(type, 'title'),
            open: g.keyword(type, '{'),
            close: g.keyword(type, '}'),
            content: g.assigned(type, feature),
            inElement: g.call('Element', type),
            inScenario: type === 'ModelDecl' || type === 'Scenario' ? undefined : g.call('ScenarioMember', type),
        });
    }
    const props = new Map<string, { type: string; call: GrammarAST.RuleCall; key: GrammarAST.AbstractElement }>();
    for (const [type, word] of [
        ['OverheadProperty', 'overhead'], ['RoleProperty', 'role'], ['EffortProperty', 'effort'], ['PriceProperty', 'price'],
        ['TouchProperty', 'touch'], ['ServicesProperty', 'services'], ['TiersProperty', 'tiers'], ['DateProperty', 'start'],
        ['CurrencyProperty', 'currency'], ['PeriodProperty', 'period'],
    ] as const) {
        props.set(word, { type, call: g.call('Property', type), key: g.assigned(type, 'key') });
    }
    const list = (rule: string, feature: string) =>
        [feature, g.assigned(rule, feature, 0), g.assigned(rule, feature, 1), g.keyword(rule, ',')] as const;
    const operators = g.keywords('CompareOp');
    const pathKeywords = g.keywords('Keyword');
    return {
        imports: g.assigned('CapFile', 'imports'),
        elements: g.assigned('CapFile', 'elements'),
        importKeyword: g.keyword('Import', 'import'),
        importPath: g.assigned('Import', 'path'),
        blocks,
        assertionInElement: g.call('Element', 'Assertion'),
        property: { MeasureProperty: g.call('Property', 'MeasureProperty') },
        measureKey: g.assigned('MeasureProperty', 'key'),
        measureKeys: g.keywords('MeasureKey'),
        measurePropertyValue: g.assigned('MeasureProperty', 'value'),
        props,
        overheadOpen: g.keyword('OverheadProperty', '{'),
        overheadClose: g.keyword('OverheadProperty', '}'),
        overheadItems: g.assigned('OverheadProperty', 'items'),
        overheadValue: g.assigned('OverheadProperty', 'value'),
        overheadItemName: g.assigned('OverheadItem', 'name'),
        overheadItemValue: g.assigned('OverheadItem', 'value'),
        roleRef: g.assigned('RoleProperty', 'role'),
        effort: { value: g.assigned('EffortProperty', 'value'), frequency: g.assigned('EffortProperty', 'frequency'), included: undefined },
        price: { value: g.assigned('PriceProperty', 'value'), frequency: g.assigned('PriceProperty', 'frequency'), included: g.assigned('PriceProperty', 'included') },
        touch: g.assigned('TouchProperty', 'touch'),
        touchLevels: g.keywords('TouchLevel'),
        services: list('ServicesProperty', 'services'),
        tiers: list('TiersProperty', 'tiers'),
        date: g.assigned('DateProperty', 'date'),
        currencyCode: g.assigned('CurrencyProperty', 'code'),
        periodUnit: g.assigned('PeriodProperty', 'unit'),
        timeUnits: g.keywords('TimeUnit'),
        measure: {
            symbol: g.assigned('Measure', 'symbol'),
            value: g.assigned('Measure', 'value'),
            percent: g.assigned('Measure', 'percent'),
            unit: g.assigned('Measure', 'unit'),
            slash: g.keyword('Measure', '/'),
            perWord: g.keyword('Measure', 'per'),
            per: g.assigned('Measure', 'per'),
        },
        unit: { id: g.call('UnitName', 'ID'), timeUnit: g.call('UnitName', 'TimeUnit') },
        frequency: {
            once: g.assigned('Frequency', 'once'),
            every: g.keyword('Frequency', 'every'),
            everyCount: g.assigned('Frequency', 'count', 0),
            everyUnit: g.assigned('Frequency', 'unit', 0),
            timesCount: g.assigned('Frequency', 'count', 1),
            times: g.assigned('Frequency', 'times'),
            slash: g.keyword('Frequency', '/'),
            perWord: g.keyword('Frequency', 'per'),
            timesUnit: g.assigned('Frequency', 'unit', 1),
        },
        assertion: {
            keyword: g.keyword('Assertion', 'assert'),
            first: g.assigned('Assertion', 'path', 0),
            dot: g.keyword('Assertion', '.'),
            rest: g.assigned('Assertion', 'path', 1),
            op: g.assigned('Assertion', 'op'),
            operators,
            value: g.assigned('Assertion', 'value'),
        },
        path: {
            id: g.call('PathSegment', 'ID'),
            keyword: g.call('PathSegment', 'Keyword'),
            measureKey: g.call('Keyword', 'MeasureKey'),
            timeUnit: g.call('Keyword', 'TimeUnit'),
            keywords: pathKeywords,
        },
    };
}
