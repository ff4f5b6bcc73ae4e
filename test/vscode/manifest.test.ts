import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the build script is JavaScript, without declarations.
import { buildWebview } from '../../packages/vscode/webview.esbuild.mjs';
import { HINT_KINDS, OPEN_PREVIEW_COMMAND } from '@cap/language/lsp';

/** The extension's manifest agrees with its code, the server and the .vsix file list. */

const dir = resolve(__dirname, '../../packages/vscode');
const manifest = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf-8'));
const activate = readFileSync(resolve(dir, 'src/client/activate.ts'), 'utf-8');

describe('packages/vscode/package.json', () => {
    it('declares every command the extension registers, and only those, with a title and the Cap category', () => {
        const registered = [...activate.matchAll(/(\w+): '(cap\.\w+)'/g)].map(m => m[2]).sort();
        const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
        expect(declared).toEqual(registered);
        expect(declared).toContain(OPEN_PREVIEW_COMMAND);
        for (const c of manifest.contributes.commands)
            expect(c).toMatchObject({ category: 'Cap', title: expect.any(String) });
    });

    it('has a boolean setting, on by default, for every kind of inlay hint the server can switch off', () => {
        const props = manifest.contributes.configuration.properties;
        for (const kind of HINT_KINDS)
            expect(props[`cap.inlayHints.${kind}`], kind).toMatchObject({ type: 'boolean', default: true });
        expect(Object.keys(props).filter(k => k.startsWith('cap.inlayHints.')).length).toBe(HINT_KINDS.length);
    });

    it('registers .cap with the grammar, the language configuration and an icon', () => {
        expect(manifest.contributes.languages[0]).toMatchObject({
            id: 'cap',
            extensions: ['.cap'],
            configuration: './language-configuration.json',
        });
        expect(manifest.contributes.grammars[0]).toMatchObject({
            language: 'cap',
            scopeName: 'source.cap',
            path: './dist/syntaxes/cap.tmLanguage.json',
        });
        expect(manifest.icon).toBe('images/icon.png');
        const png = readFileSync(resolve(dir, manifest.icon));
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect(png.readUInt32BE(16)).toBe(128);
    });

    it('restores previews after a reload: activated by the preview panel type', () => {
        expect(manifest.activationEvents).toContain('onWebviewPanel:cap.preview');
    });

    it("ships the desktop and web entry points, the preview's script and stylesheet, and nothing unbundled", () => {
        const ignore = readFileSync(resolve(dir, '.vscodeignore'), 'utf-8');
        expect(ignore.split('\n')[1]).toBe('**');
        for (const entry of [
            manifest.main,
            manifest.browser,
            './dist/server.cjs',
            './dist/web/server.js',
            './dist/cli/cap.mjs',
            './dist/webview/preview.js',
            './media/preview.css',
        ]) {
            expect(ignore).toContain(`!${entry.replace(/^\.\//, '')}`);
        }
        expect(ignore).not.toMatch(/node_modules/);
        expect(manifest.repository.url).toBe('https://github.com/cap-lang/cap.git');
        expect(manifest.license).toBe('MIT');
    });

    it("the preview's script carries Observable Plot, for offline use, and nothing the page's policy refuses to run", async () => {
        const { outputFiles } = await buildWebview({
            write: false,
            minify: true,
            outfile: resolve(dir, 'dist/webview/preview.js'),
        });
        const code = new TextDecoder().decode(outputFiles[0].contents);
        expect(code).toContain('aria-label');
        // No 'unsafe-eval' in the policy: neither eval nor the Function constructor may be in the bundle.
        expect(code).not.toMatch(/\beval\s*\(|new Function\s*\(|\bFunction\s*\(/);
        // Nothing loaded at run time.
        expect(code).not.toMatch(/\bimport\s*\(|importScripts|fetch\s*\(/);
    });
});

describe('language-configuration.json', () => {
    const config = JSON.parse(readFileSync(resolve(dir, 'language-configuration.json'), 'utf-8'));

    it('comments, brackets, auto-closing pairs, indentation and folding markers', () => {
        expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(config.brackets).toEqual([['{', '}']]);
        expect(config.autoClosingPairs.map((p: { open: string }) => p.open)).toEqual(['{', '"', '/*']);
        const increase = new RegExp(config.indentationRules.increaseIndentPattern);
        const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
        expect(increase.test('role CSM "Customer Success Manager" {')).toBe(true);
        expect(increase.test('  overhead {')).toBe(true);
        expect(increase.test('service QBR { role CSM  effort 6h every quarter }')).toBe(false);
        expect(decrease.test('  }')).toBe(true);
        expect(new RegExp(config.folding.markers.start).test('// region roles')).toBe(true);
        expect(new RegExp(config.folding.markers.end).test('  // endregion')).toBe(true);
        const word = new RegExp(config.wordPattern);
        expect('pod_a2'.match(word)?.[0]).toBe('pod_a2');
        expect('1,200'.match(word)?.[0]).toBe('1,200');
    });
});
