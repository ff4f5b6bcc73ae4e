import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FIGURES } from '@cap/engine';
import { hintsAt, openWorkspace, positionOf, WHOLE } from './lsp-helpers.js';

/**
 * Scenarios and assertions in the editor, on examples/scenarios/plan.cap (worked by hand in
 * examples/README.md). Per month: CSM E = 120 h; Enterprise D = 2 + 2 = 4 h.
 * Growth: 180 × 4 = 720 h → 6 FTE (base 600 h → 5), one more CSM at $9,000 → +$27,000 a quarter.
 * Lean: CheckIn 1 h → D = 3 h, 150 × 3 = 450 h → 3.75 FTE (−1.25); csm_team 6 → 5: −$27,000 a quarter.
 */
const PLAN = readFileSync(resolve(__dirname, '../../examples/scenarios/plan.cap'), 'utf-8');

async function open(text = PLAN) {
    const ws = await openWorkspace({ '/w/plan.cap': text });
    return { ...ws, doc: ws.docs['/w/plan.cap'] };
}

describe('scenario and assertion hints', () => {
    it("shows each scenario's change against the base and each assertion's figure", async () => {
        const { services, doc } = await open();
        const hints = hintsAt(
            doc,
            await services.Cap.lsp.InlayHintProvider!.getInlayHints(doc, {
                textDocument: { uri: doc.uri.toString() },
                range: WHOLE,
            }),
        );
        expect(hints).toEqual(
            expect.arrayContaining([
                'scenario Growth "Win 30 more Enterprise accounts, hire one CSM" ⇒ +1 CSM · +$27k/qtr',
                'scenario Lean "Lighter check-ins, a smaller CSM team" ⇒ -1.25 CSM · -$27k/qtr',
                'assert CSM.utilization <= 85% ⇒ ✓ 83.3%', // 600 ÷ (6 × 120)
                'assert Growth.CSM.utilization <= 90% ⇒ ✓ 85.7%', // 720 ÷ (7 × 120)
                'assert Lean.CSM.utilization >= 70% ⇒ ✓ 75%', // 450 ÷ (5 × 120)
            ]),
        );
    });

    it('marks a failing assertion', async () => {
        const { services, doc } = await open(
            PLAN.replace('assert CSM.utilization <= 85%', 'assert CSM.utilization <= 80%'),
        );
        const hints = hintsAt(
            doc,
            await services.Cap.lsp.InlayHintProvider!.getInlayHints(doc, {
                textDocument: { uri: doc.uri.toString() },
                range: WHOLE,
            }),
        );
        expect(hints).toContain('assert CSM.utilization <= 80% ⇒ ✗ 83.3%');
    });
});

describe('hovers in scenarios', () => {
    it('shows the base value an override replaces, and the figures the scenario computes', async () => {
        const { services, doc } = await open();
        const hover = await services.Cap.lsp.HoverProvider!.getHoverContent(doc, {
            textDocument: { uri: doc.uri.toString() },
            position: positionOf(doc, 'accounts 180', 2),
        });
        const text = (hover!.contents as { value: string }).value;
        expect(text).toContain('base `accounts 150` → scenario Growth `accounts 180`');
        expect(text).toContain('_In scenario Growth:_');
        expect(text).toContain('180 accounts');
    });

    it("says a scenario's new declaration is new, and explains an assertion", async () => {
        const { services, doc } = await open();
        const hover = await services.Cap.lsp.HoverProvider!.getHoverContent(doc, {
            textDocument: { uri: doc.uri.toString() },
            position: positionOf(doc, 'new_csm', 2),
        });
        expect((hover!.contents as { value: string }).value).toContain('A new agent, only in scenario Growth.');
        const onAssert = await services.Cap.lsp.HoverProvider!.getHoverContent(doc, {
            textDocument: { uri: doc.uri.toString() },
            position: positionOf(doc, 'assert Lean.CSM', 9),
        });
        expect((onAssert!.contents as { value: string }).value).toMatch(
            /^\*\*assert\*\* `Lean\.CSM\.utilization >= 70%`\n\n✓ /,
        );
    });
});

describe('completion after assert', () => {
    async function complete(line: string) {
        const text = `${PLAN}\n${line}`;
        const { services, doc } = await open(text);
        const list = await services.Cap.lsp.CompletionProvider!.getCompletion(doc, {
            textDocument: { uri: doc.uri.toString() },
            position: doc.textDocument.positionAt(text.length),
        });
        return list!.items.map(i => i.label);
    }

    it('offers totals, the scenarios and the declarations first', async () => {
        expect((await complete('assert ')).sort()).toEqual(
            ['CSM', 'Enterprise', 'Growth', 'Lean', 'SMB', 'Scale', 'csm_team', 'scale_team', 'totals'].sort(),
        );
    });

    it('offers the declarations of a scenario, including the ones it adds', async () => {
        expect(await complete('assert Growth.')).toEqual(expect.arrayContaining(['totals', 'CSM', 'new_csm']));
        expect(await complete('assert Growth.')).not.toContain('Lean');
    });

    it('offers every figure of a tier the report has, with what it is', async () => {
        const text = `${PLAN}\nassert SMB.`;
        const { services, doc } = await open(text);
        const list = await services.Cap.lsp.CompletionProvider!.getCompletion(doc, {
            textDocument: { uri: doc.uri.toString() },
            position: doc.textDocument.positionAt(text.length),
        });
        const figures = { ...FIGURES.tier, ...FIGURES.tierByRole };
        expect(list!.items.map(i => i.label)).toEqual(Object.keys(figures));
        for (const item of list!.items)
            expect(item.documentation).toBe(figures[item.label as keyof typeof figures].doc);
        expect(list!.items.find(i => i.label === 'churn')!.detail).toBe('ratio per reporting period');
        expect(list!.items.find(i => i.label === 'requiredFte')!.detail).toBe('fte, per role: add .ROLE');
    });

    it('offers the metrics of the named kind, and the roles of a per-role tier figure', async () => {
        expect(await complete('assert CSM.')).toEqual([
            'hoursPerFte',
            'overheadPerFte',
            'effectivePerFte',
            'costPerFte',
            'hourlyCost',
            'rampMonths',
            'demandHours',
            'requiredFte',
            'staffedFte',
            'utilization',
            'gapFte',
            'hires',
        ]);
        expect(await complete('assert totals.co')).toEqual([
            'accounts',
            'revenue',
            'teamCost',
            'crc',
            'costToRevenue',
            'requiredFte',
            'staffedFte',
        ]);
        expect(await complete('assert SMB.accountsPerFte.')).toEqual(['Scale']);
    });
});
