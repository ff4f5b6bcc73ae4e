import { EmptyFileSystem, URI } from 'langium';
import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { createCapServices, fileUri, formatCap, loadModel, memoryFileReader, toReportDiagnostics } from '@cap/language';
import type { Evaluation } from '@cap/language';
import { createCapLspServices } from '@cap/language/lsp';
import { reportToJson, toReport } from '@cap/engine';
import { renderPlanExtras, renderSummary } from '../../packages/cli/src/summary.js';
import { renderForecast } from '../../packages/cli/src/forecast-table.js';

/**
 * What must hold for any input, however broken: every stage returns, every diagnostic points
 * inside its file, no figure is NaN or Infinity anywhere a person or a program reads it, and a
 * file that parses formats idempotently, keeps its comments and builds to the same report.
 *
 * One pair of service containers is reused for every case, as a long-running server reuses its
 * own: creating Langium's parser costs half a second, and reuse also exercises state left over
 * from the case before.
 */

export interface CaseInput {
    files: Record<string, string>;
    entry: string;
    /** The file the editor features and the formatter look at. */
    target: string;
}

export interface OracleOptions {
    /** Editor features (hints, hovers, completion, actions, lens, tokens, symbols, LSP formatting). */
    editor?: boolean;
    /** Positions to hover at and to complete at, spread over the target file. */
    hovers?: number;
    completions?: number;
    /** Formatter safety on the target file when it parses. */
    format?: boolean;
    /**
     * Inlay hints for the first this many lines, as an editor asks for what it shows; the whole
     * file when not given. A 5 MB model has 80,000 declarations, and nobody looks at all at once.
     */
    visibleLines?: number;
    /** Skip the terminal tables (`cap build --summary`): they take a millisecond a row. */
    noTables?: boolean;
}

export type Timings = Record<string, number>;

export class FuzzFailure extends Error {}

function fail(what: string): never {
    throw new FuzzFailure(what);
}

const NON_FINITE_TEXT = /NaN|Infinity/;

export class Oracle {
    private readonly core = createCapServices();
    private readonly lsp = createCapLspServices(EmptyFileSystem);
    private scratch = 0;

    /** Runs every stage on one input and returns how long each took (ms). Throws `FuzzFailure` on a violation. */
    async check(input: CaseInput, options: OracleOptions = {}): Promise<Timings> {
        const timings: Timings = {};
        const time = async <T>(stage: string, f: () => T | Promise<T>): Promise<T> => {
            const start = performance.now();
            try {
                return await f();
            } catch (err) {
                if (err instanceof FuzzFailure) throw err;
                const e = err as Error;
                fail(`${stage} threw ${e?.name}: ${e?.message}\n${e?.stack?.split('\n').slice(1, 8).join('\n')}`);
            } finally {
                timings[stage] = (timings[stage] ?? 0) + performance.now() - start;
            }
        };
        // Words the author wrote may legitimately read "NaN" in a message; only figures are checked then.
        const textCheck = !Object.values(input.files).some(t => NON_FINITE_TEXT.test(t));

        const { normalised } = await time('build+report', () =>
            this.buildAndReport(input, textCheck, !options.noTables),
        );
        if (options.editor) await this.editor(input, options, textCheck, time);
        if (options.format) {
            const doc = this.parse(input.files[input.target]);
            const { lexerErrors, parserErrors } = doc.parseResult;
            if (lexerErrors.length === 0 && parserErrors.length === 0) {
                await time('format', () => this.formatter(input, doc, normalised));
            }
        }
        return timings;
    }

    /** Parse, link, validate, evaluate through the CLI's loader; then the report and the terminal tables. */
    private async buildAndReport(
        input: CaseInput,
        textCheck: boolean,
        tables = true,
    ): Promise<{ report: string; normalised: string }> {
        await reset(this.core.shared);
        const model = await loadModel(this.core, fileUri(input.entry), memoryFileReader(input.files));
        for (const { uri, document, diagnostic } of model.diagnostics) {
            // A data file's diagnostic (spec §14) has no document: its range is in the data file's text.
            const text = input.files[uri.path];
            const doc =
                document?.textDocument ??
                (text === undefined ? undefined : TextDocument.create(uri.toString(), 'csv', 0, text));
            checkDiagnostic(diagnostic, doc, uri.path);
        }
        checkFigures(model.evaluation);
        const object = toReport(model.evaluation, toReportDiagnostics(model.diagnostics, model.entry));
        checkFinite(object, 'report');
        const report = reportToJson(object);
        if (textCheck && NON_FINITE_TEXT.test(report))
            fail(`the report reads ${NON_FINITE_TEXT.exec(report)![0]}: ${around(report, NON_FINITE_TEXT)}`);
        const ev = model.evaluation;
        if (!tables) return { report, normalised: normaliseReport(report) };
        let text = renderSummary(ev.results, false) + renderPlanExtras(ev, false);
        if (ev.forecast) text += renderForecast(ev.model, ev.results, ev.forecast, false);
        for (const s of ev.scenarios.values())
            if (s.forecast) text += renderForecast(s.model, s.results, s.forecast, false, s);
        if (textCheck && NON_FINITE_TEXT.test(text))
            fail(`the summary reads ${NON_FINITE_TEXT.exec(text)![0]}: ${around(text, NON_FINITE_TEXT)}`);
        return { report, normalised: normaliseReport(report) };
    }

    private async editor(
        input: CaseInput,
        options: OracleOptions,
        textCheck: boolean,
        time: <T>(stage: string, f: () => T | Promise<T>) => Promise<T>,
    ): Promise<void> {
        const { shared, Cap } = this.lsp;
        const docs = await time('lsp build', async () => {
            await reset(shared);
            const docs: Record<string, LangiumDocument> = {};
            for (const [path, text] of Object.entries(input.files)) {
                docs[path] = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(path));
                shared.workspace.LangiumDocuments.addDocument(docs[path]);
            }
            await shared.workspace.DocumentBuilder.build(Object.values(docs), { validation: true });
            for (const doc of Object.values(docs)) {
                for (const d of doc.diagnostics ?? []) checkDiagnostic(d, doc.textDocument, doc.uri.path);
            }
            return docs;
        });
        const doc = docs[input.target];
        const text = doc.textDocument.getText();
        const textDocument = { uri: doc.uri.toString() };
        const lsp = Cap.lsp;
        const whole: Range = {
            start: { line: 0, character: 0 },
            end: { line: doc.textDocument.lineCount, character: 0 },
        };
        const shown: Range =
            options.visibleLines === undefined
                ? whole
                : { start: whole.start, end: { line: options.visibleLines, character: 0 } };
        const readable = (what: string, value: unknown) => {
            const json = JSON.stringify(value ?? null);
            if (textCheck && NON_FINITE_TEXT.test(json))
                fail(`${what} reads ${NON_FINITE_TEXT.exec(json)![0]}: ${around(json, NON_FINITE_TEXT)}`);
        };

        await time('inlay hints', async () => {
            const hints = await lsp.InlayHintProvider!.getInlayHints(doc, { textDocument, range: shown });
            for (const h of hints ?? []) checkPosition(h.position, doc.textDocument, 'inlay hint');
            readable('inlay hints', hints);
        });
        const positions = samplePositions(doc, options.hovers ?? 8);
        await time('hover', async () => {
            for (const position of positions) {
                const hover = await lsp.HoverProvider!.getHoverContent(doc, { textDocument, position });
                if (hover?.range) checkRange(hover.range, doc.textDocument, 'hover range');
                readable(`hover at ${position.line}:${position.character}`, hover);
            }
        });
        await time('completion', async () => {
            for (const position of samplePositions(doc, options.completions ?? 2)) {
                const list = await lsp.CompletionProvider!.getCompletion(doc, { textDocument, position });
                for (const item of list?.items ?? []) {
                    const edit = item.textEdit;
                    if (edit && 'range' in edit)
                        checkRange(edit.range, doc.textDocument, `completion edit of ${item.label}`);
                }
            }
        });
        await time('other features', async () => {
            const actions = await lsp.CodeActionProvider!.getCodeActions(doc, {
                textDocument,
                range: shown,
                context: { diagnostics: (doc.diagnostics ?? []).filter(d => d.range.start.line <= shown.end.line) },
            });
            for (const action of actions ?? []) {
                for (const edits of Object.values(('edit' in action ? action.edit?.changes : undefined) ?? {})) {
                    for (const e of edits) checkRange(e.range, doc.textDocument, `code action "${action.title}"`);
                }
            }
            readable('code lens', await lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument }));
            await lsp.SemanticTokenProvider!.semanticHighlight(doc, { textDocument });
            await lsp.DocumentSymbolProvider!.getSymbols(doc, { textDocument });
        });
        await time('lsp format', async () => {
            const edits = await lsp.Formatter!.formatDocument(doc, {
                textDocument,
                options: { tabSize: 2, insertSpaces: true },
            });
            for (const e of edits) checkRange(e.range, doc.textDocument, 'formatting edit');
            if (edits.length > 0) {
                const expected = formatCap(doc);
                if (expected === undefined) fail('the formatter gave edits for a document it refuses to format');
                if (applyEdits(doc.textDocument, edits) !== expected)
                    fail('the formatting edits do not give the formatted text');
            }
        });
        void text;
    }

    /** Idempotent, every comment kept, the same tokens, and the same report as the original. */
    private async formatter(input: CaseInput, doc: LangiumDocument, normalised: string): Promise<void> {
        const text = doc.textDocument.getText();
        const formatted = formatCap(doc);
        if (formatted === undefined) fail('a file that parses was refused by the formatter');
        const again = formatCap(this.parse(formatted));
        if (again !== formatted)
            fail(
                `formatting is not idempotent:\n--- once\n${formatted.slice(0, 2000)}\n--- twice\n${again?.slice(0, 2000)}`,
            );
        const before = lexed(this.core, text);
        const after = lexed(this.core, formatted);
        if (JSON.stringify(before.comments) !== JSON.stringify(after.comments)) fail('formatting changed the comments');
        if (JSON.stringify(before.code) !== JSON.stringify(after.code)) {
            const i = before.code.findIndex((t, k) => t !== after.code[k]);
            fail(`formatting changed the tokens at token ${i}: ${before.code[i]} → ${after.code[i]}`);
        }
        if (formatted === text) return;
        const { normalised: reformatted } = await this.buildAndReport(
            { ...input, files: { ...input.files, [input.target]: formatted } },
            false,
            false,
        );
        if (reformatted !== normalised)
            fail(`the formatted model reports differently:\n${firstDifference(normalised, reformatted)}`);
    }

    private parse(text: string): LangiumDocument {
        return this.core.shared.workspace.LangiumDocumentFactory.fromString(
            text,
            URI.file(`/format/${this.scratch++}.cap`),
        );
    }
}

/** Deletes every document and clears every workspace cache, so that no case sees the one before. */
async function reset(shared: LangiumSharedCoreServices): Promise<void> {
    const uris = shared.workspace.LangiumDocuments.all.map(d => d.uri).toArray();
    await shared.workspace.DocumentBuilder.update([], uris);
}

/** The tokens as the lexer reads them, and the comments as a multiset (sorted, trailing whitespace dropped). */
function lexed(core: ReturnType<typeof createCapServices>, text: string): { code: string[]; comments: string[] } {
    const result = core.Cap.parser.Lexer.tokenize(text);
    return {
        code: result.tokens.map(t => `${t.tokenType.name}:${t.image}`),
        comments: result.hidden
            .map(t =>
                t.image
                    .replace(/\r\n?/g, '\n')
                    .replace(/[ \t\f\v]+\n/g, '\n')
                    .trimEnd(),
            )
            .sort(),
    };
}

/** A report with diagnostic positions dropped (formatting moves lines) and diagnostics re-sorted. */
function normaliseReport(json: string): string {
    const report = JSON.parse(json) as {
        diagnostics: { file: string; code: string; message: string; severity: string; line: number; column: number }[];
    };
    report.diagnostics = report.diagnostics
        .map(d => ({ ...d, line: 0, column: 0 }))
        .sort((a, b) => {
            const x = `${a.file}\0${a.code}\0${a.severity}\0${a.message}`;
            const y = `${b.file}\0${b.code}\0${b.severity}\0${b.message}`;
            return x < y ? -1 : x > y ? 1 : 0;
        });
    return JSON.stringify(report, null, 1);
}

/**
 * Inside its file, with a message and one of Cap's codes. Langium turns an exception in a
 * validation check or in scoping into a diagnostic ("An error occurred during validation: …")
 * rather than letting it escape, so a crash there shows up here or nowhere.
 */
function checkDiagnostic(d: Diagnostic, doc: TextDocument | undefined, path: string): void {
    const what = `diagnostic ${d.code} "${d.message}" in ${path}`;
    if (doc) checkRange(d.range, doc, what);
    if (typeof d.message !== 'string' || d.message.length === 0) fail(`${what} has no message`);
    if (typeof d.code !== 'string' || !/^CAP[0-9]{3}$/.test(d.code))
        fail(`${what} has no Cap code: a check or the linker threw`);
    if (/An error occurred/.test(d.message)) fail(`${what}: a check or the linker threw`);
}

export function checkPosition(p: Position, doc: TextDocument, what: string): void {
    const ok =
        Number.isInteger(p.line) &&
        Number.isInteger(p.character) &&
        p.line >= 0 &&
        p.character >= 0 &&
        p.line < doc.lineCount &&
        p.character <= lineLength(doc, p.line);
    if (!ok) fail(`${what}: position ${p.line}:${p.character} is outside the file (${doc.lineCount} lines)`);
}

export function checkRange(range: Range, doc: TextDocument, what: string): void {
    if (!range?.start || !range.end) fail(`${what}: no range`);
    checkPosition(range.start, doc, what);
    checkPosition(range.end, doc, what);
    const { start, end } = range;
    if (start.line > end.line || (start.line === end.line && start.character > end.character))
        fail(`${what}: range ends before it starts`);
}

/** Measured with offsets: slicing a 1 MB line once per diagnostic would make the oracle the slow part. */
function lineLength(doc: TextDocument, line: number): number {
    const text = doc.getText();
    const start = doc.offsetAt({ line, character: 0 });
    let end = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : text.length;
    if (end > start && text[end - 1] === '\n') end--;
    if (end > start && text[end - 1] === '\r') end--;
    return end - start;
}

/** Every number in a value, recursively, must be finite. */
export function checkFinite(value: unknown, path: string, seen = new Set<unknown>()): void {
    if (typeof value === 'number') {
        if (!Number.isFinite(value)) fail(`${path} is ${value}`);
        return;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Map) {
        for (const [k, v] of value) checkFinite(v, `${path}.${String(k)}`, seen);
        return;
    }
    for (const [k, v] of Object.entries(value)) {
        // Syntax nodes hang off the evaluation; they hold no figures and link back to everything.
        if (k === 'node' || k === 'nodes' || k === 'entry' || k === 'modelDecl' || k.startsWith('$')) continue;
        checkFinite(v, `${path}.${k}`, seen);
    }
}

/** The engine's own figures (monthly, before the report scales them) are finite too. */
function checkFigures(ev: Evaluation): void {
    checkFinite(ev.model, 'model');
    checkFinite(ev.results, 'results');
    checkFinite(ev.forecast, 'forecast');
    for (const [name, s] of ev.scenarios) {
        checkFinite(s.model, `scenario ${name} model`);
        checkFinite(s.results, `scenario ${name} results`);
        checkFinite(s.forecast, `scenario ${name} forecast`);
        checkFinite(s.delta, `scenario ${name} delta`);
    }
    ev.assertions.forEach((a, i) => checkFinite({ actual: a.actual, expected: a.expected }, `assertion ${i}`));
}

/** Positions to probe: token starts spread over the file, the middle of a token, and the very end. */
function samplePositions(doc: LangiumDocument, count: number): Position[] {
    if (count <= 0) return [];
    const text = doc.textDocument.getText();
    const offsets = new Set<number>([text.length]);
    const step = Math.max(1, Math.floor(text.length / Math.max(1, count)));
    for (let o = 0; o < text.length && offsets.size < count; o += step) offsets.add(o);
    return [...offsets].map(o => doc.textDocument.positionAt(o));
}

/** Edits must not overlap (LSP); applied in one pass, since a formatted 1 MB line has tens of thousands. */
function applyEdits(doc: TextDocument, edits: TextEdit[]): string {
    const text = doc.getText();
    const spans = edits
        .map(e => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText }))
        .sort((a, b) => a.start - b.start);
    const out: string[] = [];
    let at = 0;
    for (const e of spans) {
        if (e.start < at) fail('formatting edits overlap');
        out.push(text.slice(at, e.start), e.text);
        at = e.end;
    }
    out.push(text.slice(at));
    return out.join('');
}

function around(text: string, pattern: RegExp): string {
    const i = text.search(pattern);
    return JSON.stringify(text.slice(Math.max(0, i - 120), i + 60));
}

function firstDifference(a: string, b: string): string {
    const la = a.split('\n');
    const lb = b.split('\n');
    const i = la.findIndex((l, k) => l !== lb[k]);
    return `line ${i}: ${la.slice(Math.max(0, i - 3), i + 2).join('\n')}\n→\n${lb.slice(Math.max(0, i - 3), i + 2).join('\n')}`;
}
