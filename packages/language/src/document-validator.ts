import type { LangiumDocument, ValidationOptions } from 'langium';
import { DefaultDocumentValidator, DocumentValidator } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Cancellation } from 'langium';
import { Codes, codeDocsUrl } from './validation/codes.js';

const BUILT_IN_CODES: Record<string, string> = {
    [DocumentValidator.LexingError]: Codes.UnexpectedCharacter,
    [DocumentValidator.ParsingError]: Codes.SyntaxError,
    [DocumentValidator.LinkingError]: Codes.UnresolvedReference,
};

/** Gives Langium's own lexing, parsing and linking diagnostics Cap's stable codes. */
export class CapDocumentValidator extends DefaultDocumentValidator {
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
