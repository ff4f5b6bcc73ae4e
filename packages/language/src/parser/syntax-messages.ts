import type { GrammarAST as G } from 'langium';
import { AstUtils, GrammarAST, LangiumParserErrorMessageProvider } from 'langium';
import { didYouMean, didYouMeanText } from '../did-you-mean.js';
import { isUnitWord } from '../quantities.js';
import type { BlockKind } from '../validation/property-rules.js';
import { PROPERTY_RULES } from '../validation/property-rules.js';
import { a, words } from '../words.js';
import { startKeywords } from './grammar-keywords.js';
import { PROPERTY_WORD, propertyWords } from './property-words.js';

type Provider = LangiumParserErrorMessageProvider;
type MismatchOptions = Parameters<Provider['buildMismatchTokenMessage']>[0];
type NotAllInputOptions = Parameters<Provider['buildNotAllInputParsedMessage']>[0];
type NoViableAltOptions = Parameters<Provider['buildNoViableAltMessage']>[0];
type EarlyExitOptions = Parameters<Provider['buildEarlyExitMessage']>[0];
type Token = MismatchOptions['actual'];
type TokenType = MismatchOptions['expected'];

/** The grammar rules whose `{ … }` holds properties, and the kind of block each is. */
const BLOCK_RULES: Record<string, BlockKind> = {
    ModelDecl: 'model',
    Role: 'role',
    Service: 'service',
    Tier: 'tier',
    Agent: 'agent',
};

/** How a terminal reads in a message. */
const TERMINAL_WORDS: Record<string, string> = {
    ID: 'a name',
    NUMBER: 'a number',
    STRING: 'a text in double quotes',
    DATE: 'a month such as 2027-03',
    CURRENCY_SYMBOL: 'a currency symbol',
    EOF: 'the end of the file',
};

/**
 * Syntax errors in Cap's words, on one line, with a suggestion where a known word is close to what
 * was written: "`touch` is high, low or tech, not `hihg`: did you mean `high`?" instead of
 * Chevrotain's list of token sequences. The words come from the grammar (the keywords that start a
 * declaration, the alternatives the parser expected) and from the table of each block's properties.
 *
 * A suggestion that is a keyword is also remembered by the offset of the word it replaces, so that
 * the parser can read the file again as if it had been corrected (see CapLangiumParser).
 */
export class CapParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    /** The words that start a declaration at the top of a file: import, model, role, … */
    private readonly declarations: string[];
    /** The words that start a declaration inside a scenario: role, service, tier, agent. */
    private readonly members: string[];
    /** The words that start a frequency: once, every. */
    private readonly frequencies: string[];
    /** The keywords, and the words of PROPERTY_WORD, which the parser reads as keywords too. */
    private readonly keywords: Set<string>;
    private readonly terminals: Set<string>;
    /**
     * The errors of the current parse that are about a word: by the offset of the token the parser
     * stumbled on, the word (that token, or the name before it) and the keyword it may stand for.
     */
    readonly words = new Map<number, { word: Token; keyword?: string }>();
    /** The tokens being parsed, while the parser reads them (see CapLangiumParser). */
    tokens: (() => readonly Token[]) | undefined;

    constructor(grammar: G.Grammar) {
        super();
        this.declarations = [...startKeywords(grammar, 'Import'), ...startKeywords(grammar, 'Element')];
        this.members = startKeywords(grammar, 'ScenarioMember');
        this.frequencies = startKeywords(grammar, 'Frequency');
        this.keywords = new Set([
            ...AstUtils.streamAllContents(grammar)
                .filter(GrammarAST.isKeyword)
                .map(k => k.value)
                .filter(v => /^[a-z]+$/.test(v)),
            ...propertyWords(grammar),
        ]);
        this.terminals = new Set(grammar.rules.filter(GrammarAST.isTerminalRule).map(r => r.name));
        this.terminals.add('EOF');
    }

    override buildMismatchTokenMessage({ expected, actual, previous, ruleName }: MismatchOptions): string {
        const rule = ruleOf(ruleName);
        if (expected.name === '}' && this.isWord(actual)) {
            const kind = BLOCK_RULES[rule];
            if (kind) return this.notAProperty(actual, previous, kind);
            if (rule === 'Scenario') return this.notAMember(actual);
            if (rule === 'OverheadProperty' && this.keywords.has(actual.tokenType.name))
                return `\`${actual.image}\` is not an overhead item: close the \`overhead { … }\` block before it`;
        }
        if (expected.name === 'EOF') return this.notADeclaration(actual);
        if (expected.name === 'ID' && this.keywords.has(actual.tokenType.name))
            return this.keywordAsName(actual, previous);
        if (
            expected.name === 'NUMBER' &&
            previous.image === 'hours' &&
            this.before(previous)?.tokenType.name === 'NUMBER'
        )
            return this.hoursAsUnit(actual, previous);
        const suggestion = this.terminals.has(expected.name) ? undefined : this.suggest(actual, [expected.name]);
        // After recovering, the parser may name the token it stopped at as the one before.
        const after = previous.image && previous.startOffset < actual.startOffset ? ` after \`${previous.image}\`` : '';
        return `Expecting ${this.describe(expected)}${after}, not ${quoted(actual)}${didYouMeanText(suggestion)}`;
    }

    override buildNotAllInputParsedMessage({ firstRedundant }: NotAllInputOptions): string {
        return this.notADeclaration(firstRedundant);
    }

    override buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous, ruleName }: NoViableAltOptions): string {
        return this.oneOf(
            expectedPathsPerAlt.flatMap(paths => paths.map(path => path[0])),
            actual[0],
            previous,
            ruleOf(ruleName),
        );
    }

    override buildEarlyExitMessage({ expectedIterationPaths, actual, previous, ruleName }: EarlyExitOptions): string {
        return this.oneOf(
            expectedIterationPaths.map(path => path[0]),
            actual[0],
            previous,
            ruleOf(ruleName),
        );
    }

    /**
     * A word where a property of a block belongs: a mistyped property, a keyword out of place, or
     * a mistyped frequency (`2h evry month`). A name right after a number reads as its unit
     * (`accounts 3  servces QBR`): when that is not a unit, it is the word the message is about.
     */
    private notAProperty(actual: Token, previous: Token, kind: BlockKind): string {
        const properties = Object.keys(PROPERTY_RULES[kind]);
        const takes = `; ${a(kind)} takes ${properties.join(', ')}`;
        if (this.isUnknownUnit(previous)) {
            const before = this.suggest(previous, properties, actual);
            if (!before) this.about(actual, previous);
            return `\`${previous.image}\` is not a property of ${a(kind)}${before ? didYouMeanText(before) : takes}`;
        }
        const suggestion = this.suggest(actual, properties);
        if (suggestion) return `\`${actual.image}\` is not a property of ${a(kind)}${didYouMeanText(suggestion)}`;
        const endOfQuantity = previous.tokenType.name === 'NUMBER' || isUnitWord(previous.image);
        const frequency = endOfQuantity ? this.suggest(actual, this.frequencies) : undefined;
        if (frequency) return `Unexpected \`${actual.image}\` after \`${previous.image}\`${didYouMeanText(frequency)}`;
        return `\`${actual.image}\` is not a property of ${a(kind)}${takes}`;
    }

    private notAMember(actual: Token): string {
        const suggestion = this.suggest(actual, this.members);
        return suggestion
            ? `\`${actual.image}\` cannot start a declaration in a scenario${didYouMeanText(suggestion)}`
            : `\`${actual.image}\` cannot start a declaration in a scenario; ` +
                  `a scenario holds ${words(this.members, 'and')} blocks`;
    }

    private notADeclaration(actual: Token): string {
        if (actual.tokenType.name === '}') return 'An extra `}`: no block is open here';
        if (!this.isWord(actual))
            return `Expecting a declaration (${words(this.declarations, 'or')}), not ${quoted(actual)}`;
        const suggestion = this.suggest(actual, this.declarations);
        return suggestion
            ? `\`${actual.image}\` does not start a declaration${didYouMeanText(suggestion)}`
            : `\`${actual.image}\` does not start a declaration; a file holds ${words(this.declarations, 'and')}`;
    }

    /** `agent new {`: a keyword cannot be a name. The rest is read with the word as the name. */
    private keywordAsName(actual: Token, previous: Token): string {
        this.about(actual, actual, 'ID');
        const what = this.declarations.includes(previous.image) ? ` ${a(previous.image)}` : ' anything';
        return `\`${actual.image}\` is a keyword and cannot name${what}: choose another name`;
    }

    /** `hours 160 hours / month`: `hours` is a property, the unit is `h`. */
    private hoursAsUnit(actual: Token, previous: Token): string {
        this.about(actual, previous, 'ID');
        return `After a number, hours are written \`h\` (\`160h\`), not \`${previous.image}\`${didYouMeanText('h')}`;
    }

    /**
     * One of several words or tokens: "`touch` is high, low or tech, not `hihg`" after a property,
     * "Expecting a time unit (week, month, quarter or year) after `every`, not `}`" elsewhere.
     */
    private oneOf(expected: TokenType[], actual: Token, previous: Token, rule: string): string {
        const names = [...new Set(expected.map(t => t.name))];
        // A name, where a few keywords may be names too (`Name` in cap.langium): as for `ID` alone.
        if (names.includes('ID') && rule === 'Name' && this.keywords.has(actual.tokenType.name))
            return this.keywordAsName(actual, previous);
        // `hours 160 hours / month`, where a measure or `from` may follow `hours`.
        if (
            names.includes('NUMBER') &&
            previous.image === 'hours' &&
            this.before(previous)?.tokenType.name === 'NUMBER'
        )
            return this.hoursAsUnit(actual, previous);
        const keywords = names.filter(n => !this.terminals.has(n));
        const suggestion = this.suggest(actual, keywords);
        const found = `not ${quoted(actual)}${didYouMeanText(suggestion)}`;
        if (rule === 'UnitName' || rule === 'TimeUnit')
            return `Expecting a time unit (${words(keywords, 'or')}) after \`${previous.image}\`, ${found}`;
        const list = words(
            names.map(n => (this.terminals.has(n) ? (TERMINAL_WORDS[n] ?? n) : n)),
            'or',
        );
        if (keywords.length === names.length && PROPERTY_KEYS.has(previous.image) && rule !== 'CompareOp')
            return `\`${previous.image}\` is ${list}, ${found}`;
        return previous.image
            ? `Expecting ${list} after \`${previous.image}\`, ${found}`
            : `Expecting ${list}, ${found}`;
    }

    /** The error at `at` is about `word`, which the parser may read as `keyword` (a keyword, or `ID`). */
    private about(at: Token, word: Token, keyword?: string): void {
        if (Number.isFinite(at.startOffset)) this.words.set(at.startOffset, { word, keyword });
    }

    /** A name right after a number is its unit; one Cap does not know may be a property out of place. */
    private isUnknownUnit(token: Token): boolean {
        return (
            token.tokenType.name === 'ID' && !isUnitWord(token.image) && this.before(token)?.tokenType.name === 'NUMBER'
        );
    }

    /** The token before another in the tokens being parsed. */
    private before(token: Token): Token | undefined {
        const tokens = this.tokens?.() ?? [];
        let low = 0;
        let high = tokens.length - 1;
        while (low <= high) {
            const mid = (low + high) >> 1;
            if (tokens[mid].startOffset < token.startOffset) low = mid + 1;
            else high = mid - 1;
        }
        return tokens[low] === token ? tokens[low - 1] : undefined;
    }

    private describe(type: TokenType): string {
        return this.terminals.has(type.name) ? (TERMINAL_WORDS[type.name] ?? type.name) : `\`${type.name}\``;
    }

    /** A name or a keyword: what a mistyped word lexes as. */
    private isWord(token: Token): boolean {
        const type = token.tokenType.name;
        return type === 'ID' || type === PROPERTY_WORD || this.keywords.has(type);
    }

    /**
     * The suggestion for a word, remembered when it is a keyword the parser can read instead;
     * `at` is the token the parser stumbled on, when that is not the word itself.
     */
    private suggest(word: Token, candidates: Iterable<string>, at: Token = word): string | undefined {
        if (!this.isWord(word)) return undefined;
        const suggestion = didYouMean(word.image, candidates);
        if (suggestion && this.keywords.has(suggestion)) this.about(at, word, suggestion);
        return suggestion;
    }
}

/** Every property keyword, of any block: `touch` is what its value must be. */
const PROPERTY_KEYS = new Set(Object.values(PROPERTY_RULES).flatMap(rules => Object.keys(rules)));

/** Chevrotain's rule names carry Langium's suffix (a zero-width space). */
function ruleOf(ruleName: string): string {
    return ruleName.replace(/\u200B$/, '');
}

function quoted(token: Token): string {
    return token.tokenType.name === 'EOF' ? 'the end of the file' : `\`${token.image}\``;
}

/**
 * An unexpected character in words, invisible ones written as code points (`U+0000`, a NUL byte,
 * `U+200B`): printed as they are, they would show as nothing, or break the terminal's line.
 */
export class CapLexerErrorMessages {
    buildUnexpectedCharactersMessage(fullText: string, startOffset: number): string {
        const code = fullText.codePointAt(startOffset) ?? 0;
        const c = String.fromCodePoint(code);
        if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(c)) return `Unexpected character \`${c}\``;
        const point = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
        return `Unexpected character ${point}${code === 0 ? ' (a NUL byte)' : ''}`;
    }

    buildUnableToPopLexerModeMessage(token: { image: string }): string {
        return `Unexpected \`${token.image}\``;
    }
}
