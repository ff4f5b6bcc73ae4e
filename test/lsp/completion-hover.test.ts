import { describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { expectCompletion, expectHover } from 'langium/test';
import { createCapLspServices } from '@cap/language/lsp';
import type { CompletionList } from 'vscode-languageserver';
import { PLAN, ROLES } from './fixtures.js';
import { openWorkspace, positionOf } from './lsp-helpers.js';

const services = createCapLspServices(EmptyFileSystem).Cap;
const complete = expectCompletion(services);
const hover = expectHover(services);
const labels = (list: CompletionList) => list.items.map(i => i.label);

describe('completion', () => {
    it('offers only the properties a role takes inside a role', async () => {
        await complete({
            text: 'role CSM {\n  <|>\n}',
            index: 0,
            assert: list => {
                const got = labels(list);
                expect(got).toEqual(expect.arrayContaining(['hours', 'overhead', 'cost', 'ramp']));
                for (const other of ['accounts', 'seats', 'effort', 'fte', 'churn', 'horizon'])
                    expect(got).not.toContain(other);
            },
            disposeAfterCheck: true,
        });
    });

    it("offers roles, and only roles, after a service's `role`", async () => {
        await complete({
            text: 'role CSM { hours 160h / month }\nrole Onboarding { hours 160h / month }\ntier SMB { accounts 1 }\nservice QBR { role <|> effort 1h every month }',
            index: 0,
            assert: list => expect(labels(list).sort()).toEqual(['CSM', 'Onboarding']),
            disposeAfterCheck: true,
        });
    });

    it("offers services after `services` and tiers after an agent's `tiers`", async () => {
        const model =
            'role CSM { hours 160h / month }\nservice QBR { role CSM effort 1h every month }\nservice Kickoff { role CSM effort 1h once }\ntier SMB { accounts 1 services <|> }\nagent a { role CSM tiers <|> }';
        await complete({
            text: model,
            index: 0,
            assert: list => expect(labels(list).sort()).toEqual(['Kickoff', 'QBR']),
            disposeAfterCheck: true,
        });
        await complete({
            text: model,
            index: 1,
            assert: list => expect(labels(list)).toEqual(['SMB']),
            disposeAfterCheck: true,
        });
    });

    it('offers unit words after a number and time units after `/`', async () => {
        await complete({
            text: 'model M { currency EUR }\nrole CSM { hours 160 <|> }',
            index: 0,
            assert: list => expect(labels(list)).toEqual(expect.arrayContaining(['h', 'min', 'months', 'EUR', '%'])),
            disposeAfterCheck: true,
        });
        await complete({
            text: 'role CSM { hours 160h / <|> }',
            index: 0,
            assert: list => expect(labels(list).sort()).toEqual(['month', 'quarter', 'week', 'year']),
            disposeAfterCheck: true,
        });
    });

    it('offers the declaration keywords at the top level, with their meaning', async () => {
        await complete({
            text: '<|>',
            index: 0,
            assert: list => {
                expect(labels(list)).toEqual(
                    expect.arrayContaining([
                        'import',
                        'model',
                        'role',
                        'service',
                        'tier',
                        'agent',
                        'scenario',
                        'assert',
                    ]),
                );
                const role = list.items.find(i => i.label === 'role')!;
                expect(JSON.stringify(role.documentation)).toContain('Effective availability E = hours − overhead');
            },
            disposeAfterCheck: true,
        });
    });
});

describe('hover', () => {
    it('shows a rate normalised to a month', async () => {
        await hover({
            text: 'role CSM { hours 40<|>h / week }',
            index: 0,
            hover: /`40h \/ week` = \*\*173\.33 h\/month\*\*/,
            disposeAfterCheck: true,
        });
        await hover({
            text: 'tier T { accounts 1 churn 8<|>% / year }',
            index: 0,
            hover: /\*\*0\.7% a month\*\* \(compounded/,
            disposeAfterCheck: true,
        });
        await hover({
            text: 'role CSM { hours 160h / month cost $96<|>k / year }',
            index: 0,
            hover: /`\$96k \/ year` = \*\*\$8,000\/month\*\*/,
            disposeAfterCheck: true,
        });
    });

    it("explains a keyword with the specification's definition", async () => {
        await hover({
            text: 'role CSM { hours 160h / month <|>overhead 40h / month }',
            index: 0,
            hover: /\*\*overhead\*\*\n\nNon-customer time per FTE/,
            disposeAfterCheck: true,
        });
        await hover({
            text: 'tier T { accounts 1 <|>churn 8% / year }',
            index: 0,
            hover: /cm = 1 − \(1 − c\)\^\(1\/months\)/,
            disposeAfterCheck: true,
        });
    });

    it('explains a role, at its declaration and at a reference in another file, with the actual values', async () => {
        const { services: s, docs } = await openWorkspace({ '/w/plan.cap': PLAN, '/w/team/roles.cap': ROLES });
        const provider = s.Cap.lsp.HoverProvider!;
        const plan = docs['/w/plan.cap'];
        const atReference = await provider.getHoverContent(plan, {
            textDocument: { uri: plan.uri.toString() },
            position: positionOf(plan, 'role CSM', 6),
        });
        const text = (atReference!.contents as { value: string }).value;
        expect(text).toContain('**role CSM** — Customer Success Manager');
        expect(text).toContain('effective = hours 160 h − overhead 40 h = **120 h/month** per FTE');
        expect(text).toContain('hourly cost = cost $9,500 ÷ 120 h = **$79.17/h**');
        expect(text).toContain('utilization = 150 h ÷ (1 FTE × 120 h) = **125%**');
        expect(text).toContain('gap = 1.25 − 1 = 0.25 FTE → **1 hire**');
        const agent = await provider.getHoverContent(plan, {
            textDocument: { uri: plan.uri.toString() },
            position: positionOf(plan, 'alice', 1),
        });
        expect((agent!.contents as { value: string }).value).toContain(
            'load = 150 h ÷ 120 h = **125%** ⚠ over capacity',
        );
    });
});
