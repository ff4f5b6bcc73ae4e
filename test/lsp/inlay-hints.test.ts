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
            'role CSM "Customer Success Manager" ⇒ required 1.25 FTE · staffed 1 · 125% utilized ⚠',
            'overhead 40h / month ⇒ ⟶ 120 h/mo effective · $79.17/h',
        ]);
        expect(tooltip(roleHints![0])).toContain('required = demand 150 h ÷ effective 120 h = **1.25 FTE**');
    });
});
