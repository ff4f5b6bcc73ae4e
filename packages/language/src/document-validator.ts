import type { AstNode, LangiumDocument, ValidationAcceptor, ValidationCheck, ValidationOptions } from 'langium';
import { Cancellation, DefaultDocumentValidator, DocumentValidator, interruptAndCheck } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Codes, codeDocsUrl } from './validation/codes.js';
import { forEachAstNodeAsync } from './workspace/ast-walk.js';

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
    /** The checks per node type and category set: they are registered once, at start-up. */
    private readonly checksByType = new Map<string, ValidationCheck[]>();

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const d of diagnostics) {
            const builtIn = (d.data as { code?: string } | undefined)?.code;
            if (d.code === undefined && builtIn !== undefined && BUILT_IN_CODES[builtIn]) d.code = BUILT_IN_CODES[builtIn];
            if (d.code === Codes.SyntaxError && typeof d.message === 'string') d.message = friendlierParseMessage(d.message);
            if (d.code === Codes.UnexpectedCharacter && typeof d.message === 'string') d.message = friendlierLexMessage(d.message);
            if (typeof d.code === 'string' && d.code.startsWith('CAP')) d.codeDescription = { href: codeDocsUrl(d.code) };
            d.source = 'cap';
        }
        return diagnostics;
    }

    /**
     * Langium's node loop, in the same order with the same checks, over a plain walk of the AST.
     * Langium builds a stream of the checks for every node (most node types have none) and awaits
     * between nodes; on a 70k-line plan that was most of the validation time.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('validating')) return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        const categories = options.categories;
        const categoryKey = categories ? categories.join(',') : '*';
        await forEachAstNodeAsync(rootNode, node => {
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            const checks = nodeOptions.validateNode ? this.checksFor(node.$type, categoryKey, categories) : [];
            // Only nodes with checks cost a promise; most nodes (properties, measures) have none.
            if (checks.length === 0) return nodeOptions.validateChildren;
            return runChecks(checks, node, acceptor, cancelToken).then(() => nodeOptions.validateChildren);
        }, cancelToken);
    }

    private checksFor(type: string, categoryKey: string, categories: ValidationOptions['categories']): ValidationCheck[] {
        const key = `${type}\u0000${categoryKey}`;
        let checks = this.checksByType.get(key);
        if (!checks) {
            checks = this.validationRegistry.getChecks(type, categories).toArray();
            this.checksByType.set(key, checks);
        }
        return checks;
    }
}

/**
 * A node's checks, one after the other. The file's own checks (duplicate names, unused
 * declarations, the engine's warnings) each take a while on a large plan; between them a newer
 * edit may cancel the build (Langium's interruptAndCheck lets pending messages in every 10 ms).
 */
async function runChecks(checks: ValidationCheck[], node: AstNode, acceptor: ValidationAcceptor, cancelToken: Cancellation.CancellationToken): Promise<void> {
    const cancellable = cancelToken !== Cancellation.CancellationToken.None;
    for (const check of checks) {
        if (cancellable) await interruptAndCheck(cancelToken);
        await check(node, acceptor, cancelToken);
    }
}

/** Chevrotain speaks of token types; a CS Ops analyst reads words. */
function friendlierParseMessage(message: string): string {
    return message
        .replace(/token of type '?NUMBER'?/g, 'a number')
        .replace(/token of type '?ID'?/g, 'a name')
        .replace(/token of type '?STRING'?/g, 'a quoted string')
        .replace(/token of type '?DATE'?/g, 'a month such as 2027-03')
        .replace(/token of type '?EOF'?/g, 'the end of the file')
        .replace(/token of type '([^']+)'/g, '`$1`');
}

/** `unexpected character: ->#<- at offset: 3, skipped 1 characters.` becomes `Unexpected character `#``. */
function friendlierLexMessage(message: string): string {
    const m = /^unexpected character: ->([\s\S]*)<- at offset/.exec(message);
    return m ? `Unexpected character \`${m[1]}\`` : message;
}
