import type {
    AstNode,
    LangiumCoreServices,
    LangiumDocument,
    MaybePromise,
    ParseResult,
    ValidationAcceptor,
    ValidationCheck,
    ValidationOptions,
} from 'langium';
import {
    Cancellation,
    DefaultDocumentValidator,
    DocumentValidator,
    ValidationRegistry,
    interruptAndCheck,
} from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isUnclosedBlockError } from './parser/cap-lexer.js';
import { Codes, codeDocsUrl } from './validation/codes.js';
import { forEachAstNodeAsync } from './workspace/ast-walk.js';
import { containedTypes } from './workspace/containment.js';

const BUILT_IN_CODES: Record<string, string> = {
    [DocumentValidator.LexingError]: Codes.UnexpectedCharacter,
    [DocumentValidator.ParsingError]: Codes.SyntaxError,
    [DocumentValidator.LinkingError]: Codes.UnresolvedReference,
};

/**
 * Gives Langium's own lexing, parsing and linking diagnostics Cap's stable codes, and runs the
 * checks without Langium's per-node overhead.
 */
export class CapDocumentValidator extends DefaultDocumentValidator {
    /** The checks by node type, per category set: they are registered once, at start-up. */
    private readonly checksByCategories = new Map<string, Map<string, ValidationCheck[]>>();
    /** The node types whose contents may hold a node with checks, per category set. */
    private readonly descendByCategories = new Map<string, Set<string>>();
    private readonly containment: Map<string, Set<string>>;
    private readonly allTypes: string[];

    constructor(services: LangiumCoreServices) {
        super(services);
        this.containment = containedTypes(services.Grammar);
        this.allTypes = services.shared.AstReflection.getAllTypes();
    }

    override async validateDocument(
        document: LangiumDocument,
        options?: ValidationOptions,
        cancelToken?: Cancellation.CancellationToken,
    ): Promise<Diagnostic[]> {
        const diagnostics = oneMessagePerWord(await super.validateDocument(document, options, cancelToken));
        for (const d of diagnostics) {
            const builtIn = (d.data as { code?: string } | undefined)?.code;
            if (d.code === undefined && builtIn !== undefined && BUILT_IN_CODES[builtIn])
                d.code = BUILT_IN_CODES[builtIn];
            const suggestion = typeof d.message === 'string' ? suggestionIn(d.message) : undefined;
            if (suggestion !== undefined) d.data = { ...(d.data as object | undefined), suggestion };
            if (typeof d.code === 'string' && d.code.startsWith('CAP'))
                d.codeDescription = { href: codeDocsUrl(d.code) };
            d.source = 'cap';
        }
        return diagnostics;
    }

    /** A `{` that is never closed is a syntax error, with the edit that closes it (CapLexer). */
    protected override processLexingErrors(
        parseResult: ParseResult,
        diagnostics: Diagnostic[],
        options: ValidationOptions,
    ): void {
        const unclosed = parseResult.lexerErrors.filter(isUnclosedBlockError);
        if (unclosed.length === 0) {
            super.processLexingErrors(parseResult, diagnostics, options);
            return;
        }
        super.processLexingErrors(
            { ...parseResult, lexerErrors: parseResult.lexerErrors.filter(e => !isUnclosedBlockError(e)) },
            diagnostics,
            options,
        );
        for (const e of unclosed) {
            const start = { line: e.line! - 1, character: e.column! - 1 };
            const at = { line: e.unclosed.line, character: e.unclosed.character };
            diagnostics.push({
                severity: 1,
                range: { start, end: { line: start.line, character: start.character + e.length } },
                message: e.message,
                code: Codes.SyntaxError,
                data: { closing: { range: { start: at, end: at }, newText: e.unclosed.text } },
                source: 'cap',
            });
        }
    }

    /**
     * Langium's node loop, in the same order with the same checks, over a plain walk of the AST.
     * Langium builds a stream of the checks for every node (most node types have none) and awaits
     * between nodes; on a 70k-line plan that was most of the validation time. The walk does not
     * enter nodes whose contents cannot hold a node with checks (a block's properties), and a
     * check that returns no promise is not awaited (see CapValidationRegistry).
     */
    protected override async validateAstNodes(
        rootNode: AstNode,
        options: ValidationOptions,
        acceptor: ValidationAcceptor,
        cancelToken = Cancellation.CancellationToken.None,
    ): Promise<void> {
        if (this.profiler?.isActive('validating'))
            return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        const { checks, descend } = this.checksFor(options.categories);
        await forEachAstNodeAsync(
            rootNode,
            node => {
                const nodeOptions = this.validateSingleNodeOptions(node, options);
                const validateChildren = nodeOptions.validateChildren && descend.has(node.$type);
                const nodeChecks = nodeOptions.validateNode ? checks.get(node.$type) : undefined;
                if (nodeChecks === undefined) return validateChildren;
                const pending = runChecks(nodeChecks, node, acceptor, cancelToken);
                return pending ? pending.then(() => validateChildren) : validateChildren;
            },
            cancelToken,
        );
    }

    private checksFor(categories: ValidationOptions['categories']): {
        checks: Map<string, ValidationCheck[]>;
        descend: Set<string>;
    } {
        const key = categories ? categories.join(',') : '*';
        let checks = this.checksByCategories.get(key);
        let descend = this.descendByCategories.get(key);
        if (!checks || !descend) {
            checks = new Map();
            for (const type of this.allTypes) {
                const list = this.validationRegistry.getChecks(type, categories).toArray();
                if (list.length > 0) checks.set(type, list);
            }
            descend = new Set();
            for (const type of this.allTypes) {
                const below = this.containment.get(type);
                // A type the grammar does not describe is entered, as Langium would.
                if (!below || [...below].some(t => checks!.has(t))) descend.add(type);
            }
            this.checksByCategories.set(key, checks);
            this.descendByCategories.set(key, descend);
        }
        return { checks, descend };
    }
}

/**
 * A node's checks, one after the other; undefined when every one of them finished at once. The
 * file's own checks (duplicate names, unused declarations, the engine's warnings) each take a
 * while on a large plan: between them a newer edit may cancel the build (Langium's
 * interruptAndCheck lets pending messages in every 10 ms). A block's checks are quick; the walk
 * checks for cancellation every few hundred nodes.
 */
function runChecks(
    checks: ValidationCheck[],
    node: AstNode,
    acceptor: ValidationAcceptor,
    cancelToken: Cancellation.CancellationToken,
): Promise<void> | undefined {
    if (node.$container === undefined && cancelToken !== Cancellation.CancellationToken.None)
        return runChecksInterruptibly(checks, node, acceptor, cancelToken);
    for (let i = 0; i < checks.length; i++) {
        const result = checks[i](node, acceptor, cancelToken);
        if (result instanceof Promise)
            return result.then(() => runRemaining(checks, i + 1, node, acceptor, cancelToken));
    }
    return undefined;
}

async function runRemaining(
    checks: ValidationCheck[],
    from: number,
    node: AstNode,
    acceptor: ValidationAcceptor,
    cancelToken: Cancellation.CancellationToken,
): Promise<void> {
    for (let i = from; i < checks.length; i++) await checks[i](node, acceptor, cancelToken);
}

async function runChecksInterruptibly(
    checks: ValidationCheck[],
    node: AstNode,
    acceptor: ValidationAcceptor,
    cancelToken: Cancellation.CancellationToken,
): Promise<void> {
    for (const check of checks) {
        await interruptAndCheck(cancelToken);
        await check(node, acceptor, cancelToken);
    }
}

/**
 * Langium's registry runs every check as an async function, so that each check of each block cost
 * promises and a turn of the microtask queue. Here a check that returns no promise runs and
 * reports its errors at once (the same diagnostic, the same cancellation), and only a check that
 * returns a promise is awaited.
 */
export class CapValidationRegistry extends ValidationRegistry {
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node, accept, cancelToken) => {
            let result: MaybePromise<void>;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (err) {
                return this.handleException(
                    () => {
                        throw err;
                    },
                    'An error occurred during validation',
                    accept,
                    node,
                );
            }
            if (result instanceof Promise)
                return this.handleException(() => result, 'An error occurred during validation', accept, node);
            return undefined;
        };
    }
}

/**
 * A word with a syntax error gets no second diagnostic: `accounts 3  colour blue` is a property
 * out of place (CAP002), not also an unknown unit `colour` (CAP022).
 */
function oneMessagePerWord(diagnostics: Diagnostic[]): Diagnostic[] {
    const syntax = diagnostics.filter(
        d => (d.data as { code?: string } | undefined)?.code === DocumentValidator.ParsingError,
    );
    if (syntax.length === 0) return diagnostics;
    const at = new Set(syntax.map(d => `${d.range.start.line}:${d.range.start.character}`));
    return diagnostics.filter(d => syntax.includes(d) || !at.has(`${d.range.start.line}:${d.range.start.character}`));
}

/** The word a message suggests ("…: did you mean `CSM`?"), for the quick fix that writes it. */
function suggestionIn(message: string): string | undefined {
    return /did you mean `([^`]+)`\?$/.exec(message)?.[1];
}
