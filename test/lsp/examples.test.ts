import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { AstNode } from 'langium';
import type { CapFile } from '@cap/language';
import { hintsAt, openWorkspace, WHOLE } from './lsp-helpers.js';

/** What a newcomer sees on opening examples/ in an editor: hints on every declaration, no false errors. */

const examples = resolve(__dirname, '../../examples');

function capFiles(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? capFiles(path) : name.endsWith('.cap') ? [path] : [];
    });
}

async function openExample(name: string) {
    const dir = join(examples, name);
    const files = Object.fromEntries(
        capFiles(dir).map(path => [`/ex/${relative(dir, path).replace(/\\/g, '/')}`, readFileSync(path, 'utf-8')]),
    );
    return openWorkspace(files);
}

const declarationKinds = new Set(['Role', 'Service', 'Tier', 'Agent']);

describe.each(['seed', 'three-tier', 'multi-file', 'growth-500', 'scenarios'])('examples/%s in the editor', name => {
    it('has hints on every role, service, tier and agent, and no errors in any file', async () => {
        const { services, docs } = await openExample(name);
        for (const doc of Object.values(docs)) {
            expect(
                doc.diagnostics!.filter(d => d.severity === 1).map(d => d.message),
                doc.uri.path,
            ).toEqual([]);
            const hints =
                (await services.Cap.lsp.InlayHintProvider!.getInlayHints(doc, {
                    textDocument: { uri: doc.uri.toString() },
                    range: WHOLE,
                })) ?? [];
            for (const el of (doc.parseResult.value as CapFile).elements as AstNode[]) {
                if (!declarationKinds.has(el.$type)) continue;
                const { start, end } = el.$cstNode!.range;
                const inside = hints.filter(h => h.position.line >= start.line && h.position.line <= end.line);
                expect(inside.length, `${doc.uri.path}: ${el.$type} ${(el as { name?: string }).name}`).toBeGreaterThan(
                    0,
                );
            }
        }
    });
});

describe('the figures a newcomer reads (examples/README.md)', () => {
    it('seed: 120 h effective at $60/h, 24 accounts per CSM, CLV $3,600, pods at 80%', async () => {
        const { services, docs } = await openExample('seed');
        const doc = docs['/ex/seed.cap'];
        const hints = hintsAt(
            doc,
            await services.Cap.lsp.InlayHintProvider!.getInlayHints(doc, {
                textDocument: { uri: doc.uri.toString() },
                range: WHOLE,
            }),
        );
        const labels = hints.map(h => h.split(' ⇒ ')[1]);
        expect(labels).toEqual(
            expect.arrayContaining([
                'required 20 FTE · staffed 25 · 80% utilized',
                '⟶ 120 h/mo effective · $60.00/h',
                '⟶ 2 h/account/mo',
                '⟶ 0.5 h/account/mo',
                '20 FTE · $300/mo to serve · CLV $3,600',
                'CSM 5 h/account/mo → 24 accounts/FTE',
                'load 80% · 1,800 h/mo capacity',
                'load 80% · 1,200 h/mo capacity',
            ]),
        );
    });

    it('multi-file: figures per quarter, in euros, on the imported roles too', async () => {
        const { services, docs } = await openExample('multi-file');
        const roles = Object.values(docs).find(d => d.uri.path.endsWith('team/roles.cap'))!;
        const labels = hintsAt(
            roles,
            await services.Cap.lsp.InlayHintProvider!.getInlayHints(roles, {
                textDocument: { uri: roles.uri.toString() },
                range: WHOLE,
            }),
        ).map(h => h.split(' ⇒ ')[1]);
        const effective = labels.filter(l => l.startsWith('⟶'));
        expect(effective.length).toBeGreaterThan(1);
        for (const label of effective) expect(label).toMatch(/^⟶ [0-9,.]+ h\/qtr effective · €[0-9.,]+\/h$/);
    });
});
