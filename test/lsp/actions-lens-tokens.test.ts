import { describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, SemanticTokens } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PLAN, ROLES } from './fixtures.js';
import { openWorkspace } from './lsp-helpers.js';
import type { Workspace } from './lsp-helpers.js';

/** Applies a code action's edits to the document text, as an editor would. */
function apply(ws: Workspace, path: string, action: CodeAction): string {
    const doc = ws.docs[path];
    const edits = action.edit!.changes![doc.uri.toString()];
    return TextDocument.applyEdits(
        TextDocument.create(doc.uri.toString(), 'cap', 1, doc.textDocument.getText()),
        edits,
    );
}

async function actionsFor(ws: Workspace, path: string, code: string): Promise<CodeAction[]> {
    const doc = ws.docs[path];
    const diagnostics = (doc.diagnostics ?? []).filter(d => d.code === code) as Diagnostic[];
    expect(diagnostics.length, `a ${code} diagnostic`).toBeGreaterThan(0);
    return (await ws.services.Cap.lsp.CodeActionProvider!.getCodeActions(doc, {
        textDocument: { uri: doc.uri.toString() },
        range: diagnostics[0].range,
        context: { diagnostics },
    })) as CodeAction[];
}

describe('code actions', () => {
    it("adds the missing unit, shaped like the property's example", async () => {
        const ws = await openWorkspace({ '/m.cap': 'role CSM {\n  hours 160\n  cost 9500 / month\n}\n' });
        const actions = await actionsFor(ws, '/m.cap', 'CAP020');
        expect(actions.map(a => a.title)).toEqual(['Write `hours 160h / month`', 'Write `cost $9500 / month`']);
        expect(apply(ws, '/m.cap', actions[0])).toBe('role CSM {\n  hours 160h / month\n  cost 9500 / month\n}\n');
        expect(apply(ws, '/m.cap', actions[1])).toBe('role CSM {\n  hours 160\n  cost $9500 / month\n}\n');
    });

    it('adds the missing `/ month` to a rate', async () => {
        const ws = await openWorkspace({ '/m.cap': 'role CSM {\n  hours 160h\n}\n' });
        const [action] = await actionsFor(ws, '/m.cap', 'CAP021');
        expect(action.title).toBe('Add `/ month`');
        const fixed = apply(ws, '/m.cap', action);
        expect(fixed).toBe('role CSM {\n  hours 160h / month\n}\n');
        const again = await openWorkspace({ '/m.cap': fixed });
        expect(again.docs['/m.cap'].diagnostics!.filter(d => d.severity === 1)).toEqual([]);
    });

    it('creates a missing role, which leaves the model without errors', async () => {
        const ws = await openWorkspace({ '/m.cap': 'service QBR { role CSMM effort 1h every month }\n' });
        const [action] = await actionsFor(ws, '/m.cap', 'CAP003');
        expect(action.title).toBe('Create role `CSMM`');
        const fixed = apply(ws, '/m.cap', action);
        expect(fixed).toBe(
            'service QBR { role CSMM effort 1h every month }\n\nrole CSMM {\n  hours 160h / month\n  overhead 40h / month\n  cost $9,500 / month\n}\n',
        );
        const again = await openWorkspace({ '/m.cap': fixed });
        expect(again.docs['/m.cap'].diagnostics!.filter(d => d.severity === 1)).toEqual([]);
    });

    it("creates a missing service for the model's first role", async () => {
        const ws = await openWorkspace({
            '/m.cap': 'role CSM { hours 160h / month cost $1 / month }\ntier T { accounts 1 services Onboard }',
        });
        const [action] = await actionsFor(ws, '/m.cap', 'CAP003');
        expect(action.title).toBe('Create service `Onboard`');
        expect(apply(ws, '/m.cap', action)).toContain(
            '\n\nservice Onboard {\n  role CSM\n  effort 1h every month\n}\n',
        );
    });

    it('removes an unused service with its lines', async () => {
        const ws = await openWorkspace({
            '/m.cap':
                'role CSM { hours 160h / month cost $1 / month }\n\nservice Old {\n  role CSM\n  effort 1h every month\n}\n\nagent a { role CSM }\n',
        });
        const [action] = await actionsFor(ws, '/m.cap', 'CAP061');
        expect(action.title).toBe('Remove unused service `Old`');
        expect(apply(ws, '/m.cap', action)).toBe(
            'role CSM { hours 160h / month cost $1 / month }\n\nagent a { role CSM }\n',
        );
    });
});

describe('quick fixes for what a newcomer mistypes', () => {
    /** The document with a fix applied, and the errors left when it is opened again. */
    async function fixed(text: string, code: string, title: string): Promise<{ text: string; errors: string[] }> {
        const ws = await openWorkspace({ '/m.cap': text });
        const action = (await actionsFor(ws, '/m.cap', code)).find(a => a.title === title);
        expect(action, title).toBeDefined();
        const after = apply(ws, '/m.cap', action!);
        const again = await openWorkspace({ '/m.cap': after });
        return {
            text: after,
            errors: again.docs['/m.cap'].diagnostics!.filter(d => d.severity === 1).map(d => String(d.message)),
        };
    }

    const role = 'role CSM { hours 160h / month  cost $1 / month }\n';

    it('writes the word a "did you mean" suggests: a reference, a keyword, a property, a unit', async () => {
        expect(await fixed(`${role}agent a { role CMS }\n`, 'CAP003', 'Change `CMS` to `CSM`')).toEqual({
            text: `${role}agent a { role CSM }\n`,
            errors: [],
        });
        expect(await fixed(`${role}teir T { accounts 3 }\n`, 'CAP002', 'Change `teir` to `tier`')).toMatchObject({
            text: `${role}tier T { accounts 3 }\n`,
            errors: [],
        });
        expect(
            await fixed(
                `${role}agent a { role CSM  tier T }\ntier T { accounts 1 }\n`,
                'CAP002',
                'Change `tier` to `tiers`',
            ),
        ).toMatchObject({ errors: [] });
        expect(await fixed(`${role}tier T { accounts 3  arr $1.2K }\n`, 'CAP022', 'Change `K` to `k`')).toEqual({
            text: `${role}tier T { accounts 3  arr $1.2k }\n`,
            errors: [],
        });
    });

    it('renames a scenario member to the declaration it meant to change', async () => {
        const text = `${role}tier MidMarket { accounts 3 }\nscenario S { tier Midmarket { accounts 4 } }\n`;
        expect(await fixed(text, 'CAP062', 'Change `Midmarket` to `MidMarket`')).toEqual({
            text: `${role}tier MidMarket { accounts 3 }\nscenario S { tier MidMarket { accounts 4 } }\n`,
            errors: [],
        });
    });

    it('adds the missing `}` after the last line of the block, indented like it', async () => {
        const text = 'role CSM {\n  hours 160h / month\n  cost $1 / month  // fully loaded\n\nagent a { role CSM }\n';
        expect(await fixed(text, 'CAP002', 'Add the missing `}`')).toEqual({
            text: 'role CSM {\n  hours 160h / month\n  cost $1 / month  // fully loaded\n}\n\nagent a { role CSM }\n',
            errors: [],
        });
        const inScenario = `${role}scenario S {\n  agent b { role CSM }\nassert CSM.utilization <= 100%\n`;
        expect((await fixed(inScenario, 'CAP002', 'Add the missing `}`')).text).toBe(
            `${role}scenario S {\n  agent b { role CSM }\n}\nassert CSM.utilization <= 100%\n`,
        );
    });

    it('adds the missing unit inside an overhead block, and to an overhead of its own', async () => {
        const text =
            'role CSM {\n  hours 160h / month\n  overhead {\n    admin 10h / month\n    meetings 24\n  }\n  cost $1 / month\n}\n';
        expect(await fixed(text, 'CAP020', 'Write `meetings 24h / month`')).toEqual({
            text: 'role CSM {\n  hours 160h / month\n  overhead {\n    admin 10h / month\n    meetings 24h / month\n  }\n  cost $1 / month\n}\n',
            errors: [],
        });
        const single = 'role CSM {\n  hours 160h / month\n  overhead 40\n  cost $1 / month\n}\n';
        expect((await fixed(single, 'CAP020', 'Write `overhead 40h / month`')).errors).toEqual([]);
    });
});

describe('code lens', () => {
    it("shows the plan's totals on the model header of the entry file only", async () => {
        const ws = await openWorkspace({ '/w/plan.cap': PLAN, '/w/team/roles.cap': ROLES });
        const plan = ws.docs['/w/plan.cap'];
        const lenses = await ws.services.Cap.lsp.CodeLensProvider!.provideCodeLens(plan, {
            textDocument: { uri: plan.uri.toString() },
        });
        // team cost: alice 1 FTE × $9,500; CRC = 9,500 ÷ 30 = 316.67; revenue 30 × 150 = 4,500; cost to revenue 211.1%.
        expect(lenses!.map(l => [l.range.start.line, l.command!.title])).toEqual([
            [
                2,
                '1.25 FTE required · 1 staffed · team cost $9,500/mo · CRC $317/mo · 30 accounts · cost to revenue 211.1%',
            ],
        ]);
        const roles = ws.docs['/w/team/roles.cap'];
        expect(
            await ws.services.Cap.lsp.CodeLensProvider!.provideCodeLens(roles, {
                textDocument: { uri: roles.uri.toString() },
            }),
        ).toEqual([]);
    });
});

describe('semantic tokens', () => {
    it('gives a role the same token type where it is declared and where it is used', async () => {
        const ws = await openWorkspace({
            '/m.cap': 'role CSM { hours 160h / month }\nservice QBR { role CSM effort 1h every month }\n',
        });
        const doc = ws.docs['/m.cap'];
        const provider = ws.services.Cap.lsp.SemanticTokenProvider!;
        const tokens = (await provider.semanticHighlight(doc, {
            textDocument: { uri: doc.uri.toString() },
        })) as SemanticTokens;
        const legend = provider.tokenTypes;
        const names = Object.fromEntries(Object.entries(legend).map(([k, v]) => [v, k]));
        // Decode the relative encoding: [deltaLine, deltaStart, length, type, modifiers]*.
        const decoded: string[] = [];
        let line = 0;
        let char = 0;
        for (let i = 0; i < tokens.data.length; i += 5) {
            line += tokens.data[i];
            char = tokens.data[i] === 0 ? char + tokens.data[i + 1] : tokens.data[i + 1];
            decoded.push(
                `${doc.textDocument.getText({ start: { line, character: char }, end: { line, character: char + tokens.data[i + 2] } })}:${names[tokens.data[i + 3]]}`,
            );
        }
        expect(decoded).toEqual([
            'CSM:class',
            'hours:property',
            '160:number',
            'h:type',
            'QBR:function',
            'role:property',
            'CSM:class',
            'effort:property',
            '1:number',
            'h:type',
        ]);
    });

    it('colours a dated intake: its keyword a property, each count a number (the month is a date)', async () => {
        const ws = await openWorkspace({
            '/m.cap': 'model M { start 2027-01 }\ntier T { accounts 1 new { 2027-01 120 } }\n',
        });
        const doc = ws.docs['/m.cap'];
        const provider = ws.services.Cap.lsp.SemanticTokenProvider!;
        const tokens = (await provider.semanticHighlight(doc, {
            textDocument: { uri: doc.uri.toString() },
        })) as SemanticTokens;
        const names = Object.fromEntries(Object.entries(provider.tokenTypes).map(([k, v]) => [v, k]));
        const decoded: string[] = [];
        let line = 0;
        let char = 0;
        for (let i = 0; i < tokens.data.length; i += 5) {
            line += tokens.data[i];
            char = tokens.data[i] === 0 ? char + tokens.data[i + 1] : tokens.data[i + 1];
            const end = { line, character: char + tokens.data[i + 2] };
            decoded.push(
                `${doc.textDocument.getText({ start: { line, character: char }, end })}:${names[tokens.data[i + 3]]}`,
            );
        }
        expect(decoded.slice(-4)).toEqual(['accounts:property', '1:number', 'new:property', '120:number']);
    });
});
