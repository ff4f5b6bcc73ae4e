import { describe, expect, it } from 'vitest';
import { hintsAt, openWorkspace, tooltip, WHOLE } from './lsp-helpers.js';
import { PLAN, ROLES } from './fixtures.js';

const files = { '/w/plan.cap': PLAN, '/w/team/roles.cap': ROLES };

describe('inlay hints', () => {
    it('shows every figure of the hand-worked plan', async () => {
        const { services, docs } = await openWorkspace(files);
        const provider = services.Cap.lsp.InlayHintProvider!;
        const plan = docs['/w/plan.cap'];
        expect(
            hintsAt(
                plan,
                await provider.getInlayHints(plan, { textDocument: { uri: plan.uri.toString() }, range: WHOLE }),
            ),
        ).toEqual([
            'service QBR { role CSM  effort 3h every quarter ⇒ ⟶ 1 h/account/mo',
            'service Health { role CSM  effort 4h every month ⇒ ⟶ 4 h/account/mo',
            'tier SMB ⇒ 1.25 FTE · $396/mo to serve · CLV $2,344',
            'services QBR, Health ⇒ CSM 5 h/account/mo → 24 accounts/FTE',
            'agent alice ⇒ load 125% ⚠ · 120 h/mo capacity',
        ]);
        const roles = docs['/w/team/roles.cap'];
        const roleHints = await provider.getInlayHints(roles, {
            textDocument: { uri: roles.uri.toString() },
            range: WHOLE,
        });
        expect(hintsAt(roles, roleHints)).toEqual([
            'role CSM "Customer Success Manager" ⇒ 125% utilized ⚠ · needs 1.25 FTE, has 1',
            'overhead 40h / month ⇒ ⟶ 120 h/mo effective · $79.17/h',
        ]);
        expect(tooltip(roleHints![0])).toContain('required = demand 150 h ÷ effective 120 h = **1.25 FTE**');
    });

    it('say they are partial while the model has a syntax error, still within 43 characters', async () => {
        // An unclosed `{` in the tier: the model reads with the block closed, and says so.
        const broken = PLAN.replace('  services QBR, Health\n}', '  services QBR, Health\n');
        const { services, docs } = await openWorkspace({ '/w/plan.cap': broken, '/w/team/roles.cap': ROLES });
        const plan = docs['/w/plan.cap'];
        const hints = await services.Cap.lsp.InlayHintProvider!.getInlayHints(plan, {
            textDocument: { uri: plan.uri.toString() },
            range: WHOLE,
        });
        expect(hintsAt(plan, hints).map(h => h.split(' ⇒ ')[1])).toEqual([
            '⟶ 1 h/account/mo (partial)',
            '⟶ 4 h/account/mo (partial)',
            '1.25 FTE · $396/mo to serve (partial)',
            'CSM → 24 accounts/FTE (partial)',
            'load 125% ⚠ · 120 h/mo capacity (partial)',
        ]);
        expect(tooltip(hints![0])).toMatch(
            /^_1 error in the model: these figures are from the parts that could be read._/,
        );
    });
});
