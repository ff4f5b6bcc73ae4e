/**
 * The editor on a model that reads a CRM export (spec section 14): hints, hovers, completion of
 * column names, the link to the file, quick fixes, and navigation through `from crm` and `-> Tier`.
 * The language server's own services read the files from an in-memory file system.
 */
import { describe, expect, it } from 'vitest';
import type { FileSystemNode, FileSystemProvider, LangiumDocument } from 'langium';
import { URI } from 'langium';
import { createCapLspServices } from '@cap/language/lsp';
import type { CodeAction, CompletionList, DocumentLink, Hover, Location, LocationLink } from 'vscode-languageserver';
import { hintsAt, positionOf, WHOLE } from './lsp-helpers.js';

/** Files by path, read through Langium's file system interface as the server reads a disk. */
class MemoryFileSystem implements FileSystemProvider {
    constructor(readonly files: Record<string, string>) {}
    private node(uri: URI): FileSystemNode {
        if (!(uri.path in this.files)) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
        return { isFile: true, isDirectory: false, uri };
    }
    async stat(uri: URI) {
        return this.node(uri);
    }
    statSync(uri: URI) {
        return this.node(uri);
    }
    async exists(uri: URI) {
        return uri.path in this.files;
    }
    existsSync(uri: URI) {
        return uri.path in this.files;
    }
    async readFile(uri: URI) {
        this.node(uri);
        return this.files[uri.path];
    }
    readFileSync(uri: URI) {
        return this.files[uri.path];
    }
    async readBinary(uri: URI) {
        return new TextEncoder().encode(await this.readFile(uri));
    }
    readBinarySync(uri: URI) {
        return new TextEncoder().encode(this.files[uri.path]);
    }
    async readDirectory() {
        return [];
    }
    readDirectorySync() {
        return [];
    }
}

const MODEL = `data crm "CRM accounts" {
  file "data/accounts.csv"
  key "Account ID"
  tier "Segment" { "Strategic" -> Enterprise }
  revenue "ARR" per year
  owner "Account Owner" role CSM
}
role CSM { hours 160h / month  overhead 40h / month  cost $9,000 / month }
service Care { role CSM  effort 10h every month }
tier Enterprise { accounts from crm  revenue from crm  lifetime 36 months  services Care }
agent alice "Alice Chen" { role CSM }
agent bob { role CSM }
`;

// Enterprise: 4 rows, ARR $120k + $60k + $90k + $30k = $300,000 a year. alice owns 3, bob 1.
// Demand 4 × 10 h = 40 h; E = 120 h: alice 30 h (25%), bob 10 h (8.3%).
const CSV = `Account ID,Segment,ARR,Account Owner
A-1,Strategic,"$120,000",Alice Chen
A-2,Strategic,60000,alice
A-3,Enterprise,90000,Alice Chen
A-4,enterprise,30000,bob
A-5,Strategic Accts,1000,bob
A-6,Strategic,5000,Dana Whitfield
`;

async function open(files: Record<string, string>, path = '/w/plan.cap') {
    const fs = new MemoryFileSystem(files);
    const services = createCapLspServices({ fileSystemProvider: () => fs });
    const { LangiumDocumentFactory, LangiumDocuments, DocumentBuilder } = services.shared.workspace;
    const doc = LangiumDocumentFactory.fromString(files[path], URI.file(path));
    LangiumDocuments.addDocument(doc);
    await DocumentBuilder.build([doc], { validation: true });
    return { services, doc, fs };
}

const uri = (doc: LangiumDocument) => ({ uri: doc.uri.toString() });

describe('a model reading a CRM export, in the editor', async () => {
    const { services, doc } = await open({ '/w/plan.cap': MODEL, '/w/data/accounts.csv': CSV });
    const lsp = services.Cap.lsp;

    it("hints the accounts and ARR a tier reads, and each agent's book and load", async () => {
        // A-6 is Dana's (no agent): 5 rows, ARR $305,000 → $0.3M; alice owns 3, bob 1.
        const hints = hintsAt(
            doc,
            await lsp.InlayHintProvider!.getInlayHints(doc, { textDocument: uri(doc), range: WHOLE }),
        );
        expect(hints).toContain('tier Enterprise { accounts from crm ⇒ 5 accounts · ARR $305k');
        expect(hints).toContain('agent alice "Alice Chen" ⇒ book 3 · load 25%'); // 50 h × 3/5 = 30 h of 120 h
        expect(hints).toContain('agent bob ⇒ book 1 · load 8.3%'); // 50 h × 1/5 = 10 h of 120 h
        // Within the 43 characters VS Code shows of a hint.
        expect(hints.filter(h => h.split(' ⇒ ')[1].length > 43)).toEqual([]);
    });

    it('hovers a data block with the rows read, the rows per tier and what matched nothing', async () => {
        const hover = (await lsp.HoverProvider!.getHoverContent(doc, {
            textDocument: uri(doc),
            position: positionOf(doc, 'data crm', 6),
        })) as Hover;
        const text = (hover.contents as { value: string }).value;
        expect(text).toContain('**data crm** — CRM accounts');
        expect(text).toContain('`data/accounts.csv` · 6 rows read');
        expect(text).toContain('rows per tier: Enterprise 5');
        expect(text).toContain('tier values that match no tier: "Strategic Accts" 1');
        expect(text).toContain('owners that are no agent: "Dana Whitfield" 1');
    });

    it('hovers a tier with how its accounts and revenue came from the file', async () => {
        const hover = (await lsp.HoverProvider!.getHoverContent(doc, {
            textDocument: uri(doc),
            position: positionOf(doc, 'tier Enterprise', 6),
        })) as Hover;
        const text = (hover.contents as { value: string }).value;
        expect(text).toContain('accounts from crm: **5 rows** of `data/accounts.csv` whose Segment matches Enterprise');
        // $305,000 a year ÷ 12 ÷ 5 = $5,083.33 a month
        expect(text).toContain(
            'revenue from crm: Σ $305,000 per year ÷ 12 ÷ 5 accounts = **$5,083 per account per month**',
        );
    });

    it("completes column names from the header inside a column's string", async () => {
        const position = positionOf(doc, '"Account Owner"', 3);
        const list = (await lsp.CompletionProvider!.getCompletion(doc, {
            textDocument: uri(doc),
            position,
        })) as CompletionList;
        expect(list.items.map(i => i.label)).toEqual(['Account ID', 'Segment', 'ARR', 'Account Owner']);
        expect(list.items[1].textEdit).toMatchObject({ newText: '"Segment"' });
    });

    it('links `file "…"` to the export', async () => {
        const links = (await lsp.DocumentLinkProvider!.getDocumentLinks(doc, {
            textDocument: uri(doc),
        })) as DocumentLink[];
        expect(links.map(l => [doc.textDocument.getText(l.range), l.target])).toEqual([
            ['data/accounts.csv', 'file:///w/data/accounts.csv'],
        ]);
    });

    it('goes from `from crm` to the data block, and from `-> Enterprise` to the tier', async () => {
        const toData = (await lsp.DefinitionProvider!.getDefinition(doc, {
            textDocument: uri(doc),
            position: positionOf(doc, 'from crm', 6),
        })) as LocationLink[];
        expect(toData.map(l => doc.textDocument.getText(l.targetSelectionRange))).toEqual(['crm']);
        const toTier = (await lsp.DefinitionProvider!.getDefinition(doc, {
            textDocument: uri(doc),
            position: positionOf(doc, '-> Enterprise', 4),
        })) as LocationLink[];
        expect(toTier[0].targetSelectionRange.start.line).toBe(9);
    });

    it('finds the references of a data block and renames it everywhere', async () => {
        const refs = (await lsp.ReferencesProvider!.findReferences(doc, {
            textDocument: uri(doc),
            position: positionOf(doc, 'data crm', 6),
            context: { includeDeclaration: true },
        })) as Location[];
        expect(refs.map(r => r.range.start.line)).toEqual([0, 9, 9]);
        const edit = await lsp.RenameProvider!.rename(doc, {
            textDocument: uri(doc),
            position: positionOf(doc, 'from crm', 6),
            newName: 'salesforce',
        });
        expect(edit!.changes![doc.uri.toString()].map(e => doc.textDocument.getText(e.range))).toEqual([
            'crm',
            'crm',
            'crm',
        ]);
    });
});

describe('quick fixes for values of the export', async () => {
    const { services, doc } = await open({ '/w/plan.cap': MODEL, '/w/data/accounts.csv': CSV });
    const diagnostics = doc.diagnostics ?? [];
    const actions = async (code: string) =>
        (await services.Cap.lsp.CodeActionProvider!.getCodeActions(doc, {
            textDocument: uri(doc),
            range: diagnostics.find(d => d.code === code)!.range,
            context: { diagnostics: diagnostics.filter(d => d.code === code) },
        })) as CodeAction[];
    const applied = (action: CodeAction) => {
        const edits = action.edit!.changes![doc.uri.toString()];
        let text = doc.textDocument.getText();
        for (const e of [...edits].reverse()) {
            const start = doc.textDocument.offsetAt(e.range.start);
            text = text.slice(0, start) + e.newText + text.slice(doc.textDocument.offsetAt(e.range.end));
        }
        return text;
    };

    it('pairs a tier value that matches no tier with a tier that reads the block, and the warning goes', async () => {
        const [pair] = await actions('CAP082');
        expect(pair.title).toBe('Pair "Strategic Accts" with Enterprise');
        const text = applied(pair);
        // Two spaces between the items of a block on one line, as `cap fmt` writes them.
        expect(text).toContain('tier "Segment" { "Strategic" -> Enterprise  "Strategic Accts" -> Enterprise }');
        const after = await open({ '/w/plan.cap': text, '/w/data/accounts.csv': CSV });
        expect(after.doc.diagnostics!.filter(d => d.code === 'CAP082')).toEqual([]);
        expect(after.services.Cap.evaluation.CapEvaluator.evaluate(after.doc).results.tiers.Enterprise.accounts).toBe(
            6,
        );
    });

    it("creates an agent of the column's role for an owner who is no agent, and the warning goes", async () => {
        const [create] = await actions('CAP085');
        expect(create.title).toBe('Create agent dana_whitfield "Dana Whitfield" (CSM)');
        const text = applied(create);
        expect(text.endsWith('agent dana_whitfield "Dana Whitfield" { role CSM }\n')).toBe(true);
        const after = await open({ '/w/plan.cap': text, '/w/data/accounts.csv': CSV });
        expect(after.doc.diagnostics!.filter(d => d.code === 'CAP085')).toEqual([]);
        expect(
            after.services.Cap.evaluation.CapEvaluator.evaluate(after.doc).results.agents.dana_whitfield.bookAccounts,
        ).toBe(1);
    });
});
