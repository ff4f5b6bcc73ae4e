import { describe, expect, it } from 'vitest';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { hintsAt, openWorkspace, positionOf, tooltip, WHOLE } from './lsp-helpers.js';

/**
 * Spec section 16 in the editor: the hints beside `attrition` and `hiring`, their tooltips and the
 * hovers with the formulas and their values, all read from the cached evaluation.
 *
 * CSM: E = 120 h, 24 agents, 15% a year attrition → staffed 24 · 0.85^(m/12): 24, 23.68, 23.36, …,
 * 22.43 in 2027-06; leavers there 24 × (1 − 0.85^(5/12)) = 1.5714 FTE.
 * SMB: 1,200 accounts, 2% a month churn, 500 won in 2027-02 → N: 1,200, 1,176, 1,652.48, …;
 * required N × 2 h ÷ 120 h: 20, 19.6, 27.54 → the gap of 2027-03 (27.54 − 23.36 = 4.18) needs 5 hires,
 * the first needed from 2027-03, to start by 2027-01 (ramp 2) and open by 2026-11 (2 months to fill):
 * before the forecast's first month, so late.
 */
const PLAN = `model Plan { start 2027-01 horizon 6 months }
role CSM { hours 160h / month overhead 40h / month cost $8,000 / month ramp 2 months
  attrition 15% / year
  hiring 2 months
}
service Care { role CSM effort 2h every month }
tier SMB { accounts 1,200 mrr $800 churn 2% / month expansion 12% / year new { 2027-02 500 } services Care }
agent team { role CSM count 24 }
`;

const text = (hover: Hover | undefined) => (hover?.contents as MarkupContent | undefined)?.value ?? '';

describe('§16 hints', () => {
    it("beside attrition, the FTE that leave over the horizon; beside hiring, the first requisition's month", async () => {
        const { services, docs } = await openWorkspace({ '/w/plan.cap': PLAN });
        const doc = docs['/w/plan.cap'];
        const hints = await services.Cap.lsp.InlayHintProvider!.getInlayHints(doc, {
            textDocument: { uri: doc.uri.toString() },
            range: WHOLE,
        });
        const shown = hintsAt(doc, hints);
        expect(shown).toContain('attrition 15% / year ⇒ ≈ 1.57 FTE leave over the horizon');
        expect(shown).toContain('hiring 2 months ⇒ first req opens 2026-11 (late)');
        const ours = shown.filter(s => s.startsWith('attrition') || s.startsWith('hiring')).map(s => s.split(' ⇒ ')[1]);
        for (const label of ours) expect(label.length, label).toBeLessThanOrEqual(43); // a hint fits in 43 characters
        const [attrition, hiring] = ['attrition', 'hiring'].map(
            key => hints!.find(h => hintsAt(doc, [h])[0].startsWith(key))!,
        );
        expect(tooltip(attrition)).toContain('attrition 15% a year → am = 1 − (1 − 15%)^(1/12) = **1.35% a month**');
        expect(tooltip(attrition)).toContain('= **1.57 FTE**');
        expect(tooltip(hiring)).toContain(
            'hiring plan: **5 hires** over the forecast; the first is needed from 2027-03',
        );
        expect(tooltip(hiring)).toContain('start by = 2027-03 − ceil(ramp 2) months = 2027-01');
        expect(tooltip(hiring)).toContain(
            'open req by = start by − ceil(time to fill 2) months = **2026-11 (before the forecast: late)**',
        );
    });

    it('without a forecast: attrition as a monthly rate, and no hint on hiring', async () => {
        const { services, docs } = await openWorkspace({ '/w/plan.cap': PLAN.replace(' horizon 6 months', '') });
        const doc = docs['/w/plan.cap'];
        const shown = hintsAt(
            doc,
            await services.Cap.lsp.InlayHintProvider!.getInlayHints(doc, {
                textDocument: { uri: doc.uri.toString() },
                range: WHOLE,
            }),
        );
        expect(shown).toContain('attrition 15% / year ⇒ 1.35% a month, compounded');
        expect(shown.filter(s => s.startsWith('hiring'))).toEqual([]);
    });

    it('a role that keeps up: no requisition to open', async () => {
        const { services, docs } = await openWorkspace({ '/w/plan.cap': PLAN.replace('count 24', 'count 40') });
        const doc = docs['/w/plan.cap'];
        const shown = hintsAt(
            doc,
            await services.Cap.lsp.InlayHintProvider!.getInlayHints(doc, {
                textDocument: { uri: doc.uri.toString() },
                range: WHOLE,
            }),
        );
        expect(shown).toContain('hiring 2 months ⇒ no req to open over the horizon');
    });
});

describe('§16 hovers', () => {
    it('on a rate: the monthly rate and its formula, then what the property means', async () => {
        const { services, docs } = await openWorkspace({ '/w/plan.cap': PLAN });
        const doc = docs['/w/plan.cap'];
        const at = (needle: string, delta: number) =>
            services.Cap.lsp.HoverProvider!.getHoverContent(doc, {
                textDocument: { uri: doc.uri.toString() },
                position: positionOf(doc, needle, delta),
            });
        const attrition = text(await at('15% / year', 1));
        expect(attrition).toContain('`15% / year` = **1.3% a month** (compounded: 1 − (1 − 15%)^(1/12))');
        expect(attrition).toContain('The share of people who leave per time unit');
        const expansion = text(await at('12% / year', 1));
        expect(expansion).toContain('`12% / year` = **0.9% a month** (compounded: (1 + 12%)^(1/12) − 1)');
        expect(text(await at('hiring 2', 2))).toContain('Time to fill a requisition');
        expect(text(await at('hiring 2', 7))).toContain('`2 months` = **2 months**');
    });

    it('on the role: its leavers and its hiring plan with the formulas; on the tier: expansion and the intake', async () => {
        const { services, docs } = await openWorkspace({ '/w/plan.cap': PLAN });
        const doc = docs['/w/plan.cap'];
        const at = (needle: string, delta: number) =>
            services.Cap.lsp.HoverProvider!.getHoverContent(doc, {
                textDocument: { uri: doc.uri.toString() },
                position: positionOf(doc, needle, delta),
            });
        const role = text(await at('role CSM', 6));
        expect(role).toContain('leavers by 2027-06 = Σ fte × count × (1 − (1 − am)^j)');
        expect(role).toContain('open req by = start by − ceil(time to fill 2) months');
        const tier = text(await at('tier SMB', 6));
        expect(tier).toContain('expansion 12% a year → em = (1 + 12%)^(1/12) − 1 = **0.95% a month**');
        expect(tier).toContain(
            "new accounts in given months: 2027-02 500; the snapshot takes its own month's, 0 a month",
        );
    });
});
