import { describe, expect, it } from 'vitest';
import { SymbolKind } from 'vscode-languageserver';
import type { DocumentSymbol, Location, LocationLink } from 'vscode-languageserver';
import { PLAN, ROLES } from './fixtures.js';
import { openWorkspace, positionOf } from './lsp-helpers.js';

const files = { '/w/plan.cap': PLAN, '/w/team/roles.cap': ROLES };

describe('navigation across imported files', () => {
    it('goes from a reference in the plan to the role declared in the imported file', async () => {
        const { services, docs } = await openWorkspace(files);
        const plan = docs['/w/plan.cap'];
        const links = (await services.Cap.lsp.DefinitionProvider!.getDefinition(plan, {
            textDocument: { uri: plan.uri.toString() },
            position: positionOf(plan, 'role CSM', 6),
        })) as LocationLink[];
        expect(links).toHaveLength(1);
        expect(links[0].targetUri).toBe('file:///w/team/roles.cap');
        expect(links[0].targetSelectionRange).toEqual({
            start: { line: 0, character: 5 },
            end: { line: 0, character: 8 },
        });
    });

    it('finds every reference to a role, in every file', async () => {
        const { services, docs } = await openWorkspace(files);
        const roles = docs['/w/team/roles.cap'];
        const refs = (await services.Cap.lsp.ReferencesProvider!.findReferences(roles, {
            textDocument: { uri: roles.uri.toString() },
            position: { line: 0, character: 6 },
            context: { includeDeclaration: true },
        })) as Location[];
        const lines = PLAN.split('\n');
        const at = (l: Location) => `${l.uri.split('/').pop()}:${l.range.start.line}`;
        expect(refs.map(at).sort()).toEqual(
            [
                `plan.cap:${lines.findIndex(l => l.startsWith('agent alice'))}`,
                `plan.cap:${lines.findIndex(l => l.startsWith('service Health'))}`,
                `plan.cap:${lines.findIndex(l => l.startsWith('service QBR'))}`,
                'roles.cap:0',
            ].sort(),
        );
    });

    it('renames a service in its declaration and in the tier that lists it', async () => {
        const { services, docs } = await openWorkspace(files);
        const plan = docs['/w/plan.cap'];
        const edit = await services.Cap.lsp.RenameProvider!.rename(plan, {
            textDocument: { uri: plan.uri.toString() },
            position: positionOf(plan, 'QBR', 1),
            newName: 'BusinessReview',
        });
        const changes = edit!.changes!['file:///w/plan.cap'];
        expect(changes).toHaveLength(2);
        const renamed = changes.map(c => plan.textDocument.getText(c.range));
        expect(renamed).toEqual(['QBR', 'QBR']);
        expect(changes.every(c => c.newText === 'BusinessReview')).toBe(true);
    });

    it('renames a role across files', async () => {
        const { services, docs } = await openWorkspace(files);
        const roles = docs['/w/team/roles.cap'];
        const edit = await services.Cap.lsp.RenameProvider!.rename(roles, {
            textDocument: { uri: roles.uri.toString() },
            position: { line: 0, character: 6 },
            newName: 'AM',
        });
        expect(Object.keys(edit!.changes!).sort()).toEqual(['file:///w/plan.cap', 'file:///w/team/roles.cap']);
        expect(edit!.changes!['file:///w/plan.cap']).toHaveLength(3);
    });
});

describe('symbols and folding', () => {
    it('outlines a file by declaration, with kinds a reader can tell apart', async () => {
        const { services, docs } = await openWorkspace(files);
        const plan = docs['/w/plan.cap'];
        const symbols = (await services.Cap.lsp.DocumentSymbolProvider!.getSymbols(plan, {
            textDocument: { uri: plan.uri.toString() },
        })) as DocumentSymbol[];
        expect(symbols.map(s => [s.name, s.kind])).toEqual([
            ['Acme', SymbolKind.Module],
            ['QBR', SymbolKind.Method],
            ['Health', SymbolKind.Method],
            ['SMB', SymbolKind.Enum],
            ['alice', SymbolKind.Variable],
        ]);
    });

    it('finds declarations of every file by name', async () => {
        const { services } = await openWorkspace(files);
        const found = await services.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'CSM' });
        expect(found.map(s => [s.name, s.kind, s.location.uri])).toEqual([
            ['CSM', SymbolKind.Class, 'file:///w/team/roles.cap'],
        ]);
    });

    it('folds blocks', async () => {
        const { services, docs } = await openWorkspace(files);
        const plan = docs['/w/plan.cap'];
        const folds = await services.Cap.lsp.FoldingRangeProvider!.getFoldingRanges(plan, {
            textDocument: { uri: plan.uri.toString() },
        });
        const tier = PLAN.split('\n').findIndex(l => l.startsWith('tier SMB'));
        // The tier spans 6 lines; the fold ends a line early so the closing brace stays in view.
        expect(folds.map(f => [f.startLine, f.endLine])).toEqual(expect.arrayContaining([[tier, tier + 4]]));
    });
});
