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

async function labelsOf(name: string) {
    const { services, docs } = await openExample(name);
    const out: { file: string; line: string; label: string }[] = [];
    for (const doc of Object.values(docs)) {
        const hints = await services.Cap.lsp.InlayHintProvider!.getInlayHints(doc, {
            textDocument: { uri: doc.uri.toString() },
            range: WHOLE,
        });
        for (const h of hintsAt(doc, hints)) {
            const [line, label] = h.split(' ⇒ ');
            out.push({ file: doc.uri.path, line, label });
        }
    }
    return out;
}

describe('hints that fit: VS Code cuts a label at 43 characters', () => {
    it.each(['seed', 'three-tier', 'multi-file', 'growth-500', 'scenarios'])(
        'every hint of examples/%s',
        async name => {
            const long = (await labelsOf(name)).filter(h => h.label.length > 43);
            expect(long.map(h => `${h.file}: ${h.label} (${h.label.length})`)).toEqual([]);
        },
    );

    it('three-tier: the key figure first, compact money, whole accounts per FTE, no once-only services', async () => {
        const hints = (await labelsOf('three-tier')).map(h => `${h.line} ⇒ ${h.label}`);
        expect(hints).toEqual(
            expect.arrayContaining([
                // Onboarding: required 1.2 FTE of the 1.5 staffed: 1.2 ÷ 1.5 = 80%.
                'role Onboarding "Onboarding specialist" ⇒ 80% utilized · needs 1.2 FTE, has 1.5',
                // CLV $1,155,338 → three significant figures.
                'tier Enterprise "Strategic accounts" ⇒ 2.98 FTE · $480/mo to serve · CLV $1.16M',
                'tier MidMarket "Mid-market" ⇒ 5.46 FTE · $161/mo to serve · CLV $160k',
                // CSM: 6 h a month per account on 120 effective hours = 20 accounts per FTE; Onboarding's
                // once-only Kickoff is not a per-account figure and is left out.
                'services Kickoff, QBR, SuccessPlan, HealthReview, Workshop ⇒ CSM 6 h/account/mo → 20 accounts/FTE',
                'services QuickStart, CheckIn, BizReview, HealthReview, Webinar ⇒ CSM 2 h/account/mo → 60 accounts/FTE',
                // Scale: 0.01 h an account does not fit with its name: the accounts per FTE stay.
                'services QuickStart, CheckIn, BizReview, HealthReview, Webinar ⇒ Scale → 8,100 accounts/FTE',
                'services Orientation, Webinar, Queue ⇒ Scale → 2,000 accounts/FTE',
                'effort 2h every month ⇒ ⟶ 2 h/mo per session · ≤ 200 accounts',
                'agent leo "Leo Park" ⇒ load 80% · 65 h/mo capacity · ramping 50%',
            ]),
        );
        expect(hints.filter(h => h.includes('Onboarding 0 h') || h.includes('— accounts/FTE'))).toEqual([]);
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
                '80% utilized · needs 20 FTE, has 25',
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
