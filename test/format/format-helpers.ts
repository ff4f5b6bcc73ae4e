import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { URI } from 'langium';
import type { LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver-types';
import { createCapServices, formatCap, toReportDiagnostics } from '@cap/language';
import type { CapFormattingOptions } from '@cap/language';
import { reportToJson, toReport } from '@cap/engine';
import { build } from '../helpers.js';
import { random } from '../../bench/generate.ts';

export const root = resolve(__dirname, '../..');

const services = createCapServices();
let counter = 0;

/** Parses one file on its own (no imports, no linking), as `cap fmt` does. */
export function parse(text: string): LangiumDocument {
    return services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/format/${counter++}.cap`));
}

export function format(text: string, options?: Partial<CapFormattingOptions>): string | undefined {
    return formatCap(parse(text), options);
}

/** Formats text that must be formattable. */
export function fmt(text: string, options?: Partial<CapFormattingOptions>): string {
    const out = format(text, options);
    if (out === undefined) throw new Error(`refused to format:\n${text}`);
    return out;
}

/** What the lexer reads: the code tokens, and the comments with their trailing whitespace dropped. */
export function tokens(text: string): { code: string[]; comments: string[] } {
    const result = services.Cap.parser.Lexer.tokenize(text);
    if (result.errors.length > 0) throw new Error('lexer errors');
    return {
        code: result.tokens.map(t => `${t.tokenType.name}:${t.image}`),
        comments: [...result.hidden].sort((a, b) => a.startOffset - b.startOffset).map(t => normaliseComment(t.image)),
    };
}

function normaliseComment(image: string): string {
    return image
        .replace(/\r\n?/g, '\n')
        .replace(/[ \t\f\v]+\n/g, '\n')
        .trimEnd();
}

/**
 * An example model as the in-memory files `reportOf` reads: the model as `/m/main.cap` and the data
 * files beside it (`data/*.csv`), so a model that reads a CRM export builds with it.
 */
export function exampleFiles(path: string, text: string): Record<string, string> {
    const files: Record<string, string> = { '/m/main.cap': text };
    const data = join(root, path, '..', 'data');
    if (statSync(data, { throwIfNoEntry: false })?.isDirectory())
        for (const name of readdirSync(data)) files[`/m/data/${name}`] = readFileSync(join(data, name), 'utf8');
    return files;
}

/**
 * The cap-report/1 JSON of an entry file built from in-memory files. Diagnostic positions are
 * dropped when `positions` is false (formatting moves lines; the diagnostics themselves must not change).
 */
export async function reportOf(files: Record<string, string>, entry: string, positions = true): Promise<string> {
    const model = await build(files, entry);
    const diagnostics = toReportDiagnostics(model.diagnostics, model.entry)
        .map(d => (positions ? d : { ...d, line: 0, column: 0 }))
        .sort((a, b) => (a.file + a.code + a.message < b.file + b.code + b.message ? -1 : 1));
    return reportToJson(toReport(model.evaluation.results, diagnostics));
}

/** Applies LSP edits (non-overlapping, any order) to a text. */
export function applyEdits(document: LangiumDocument, edits: TextEdit[]): string {
    const text = document.textDocument.getText();
    const offsets = edits
        .map(e => ({
            start: document.textDocument.offsetAt(e.range.start),
            end: document.textDocument.offsetAt(e.range.end),
            text: e.newText,
        }))
        .sort((a, b) => b.start - a.start);
    let out = text;
    for (const e of offsets) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return out;
}

/** Every `.cap` file under a folder of the repository, as repository-relative paths. */
export function capFiles(folder: string): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
        for (const name of readdirSync(dir).sort()) {
            const path = join(dir, name);
            if (statSync(path).isDirectory()) walk(path);
            else if (name.endsWith('.cap')) out.push(relative(root, path));
        }
    };
    walk(join(root, folder));
    return out;
}

export function read(path: string): string {
    return readFileSync(join(root, path), 'utf-8');
}

/** The benchmark's deterministic generator (mulberry32), so that a failing case can be replayed. */
export { random };

/**
 * The same tokens and comments with random whitespace between them: spaces, tabs, CRLF, blank
 * lines, trailing whitespace. A line comment is always followed by a line break (it would swallow
 * the next token otherwise), and there is always some whitespace between two items, so the lexer
 * reads exactly the same tokens.
 */
export function uglify(text: string, seed: number): string {
    const next = random(seed);
    const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
    const result = services.Cap.parser.Lexer.tokenize(text);
    const items = [...result.tokens, ...result.hidden].sort((a, b) => a.startOffset - b.startOffset);
    let out = pick(['', '\n', '  ', '\r\n\r\n']);
    items.forEach((item, i) => {
        out += item.image;
        if (i === items.length - 1) return;
        if (item.tokenType.name === 'SL_COMMENT')
            out += pick(['\n', '\r\n', '\n\n\t', '   \n    ', '\n\n\n', '\t\r\n ']);
        else out += pick([' ', ' ', ' ', '\t', '   ', '\n', '\r\n', ' \t\n  ', '\n\n', ' \n\n\n ', '\n\t\t']);
    });
    return out + pick(['', '\n', '\n\n\n', '  ', '\r\n']);
}

/** Everything on one line, except where a line comment needs its line break. */
export function oneLine(text: string): string {
    const result = services.Cap.parser.Lexer.tokenize(text);
    const items = [...result.tokens, ...result.hidden].sort((a, b) => a.startOffset - b.startOffset);
    return items.map(t => t.image + (t.tokenType.name === 'SL_COMMENT' ? '\n' : ' ')).join('');
}
