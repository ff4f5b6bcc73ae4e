import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
    AstNode,
    FileSystemProvider,
    LangiumDocument,
    MultiReference,
    Reference,
    ValidationChecks,
} from 'langium';
import {
    AstUtils,
    Cancellation,
    DefaultAstNodeDescriptionProvider,
    DefaultDocumentValidator,
    DefaultIndexManager,
    DefaultLinker,
    DefaultReferenceDescriptionProvider,
    DefaultScopeComputation,
    CstUtils,
    DefaultTokenBuilder,
    DefaultValueConverter,
    DocumentState,
    GrammarAST,
    URI,
    ValidationRegistry,
    isReference,
} from 'langium';
import { createCapServices } from '@cap/language';
import type { CapAstType, CapFile } from '@cap/language';
import { generateModel, generateWorkspace } from '../../bench/generate.ts';
import { CapValidationRegistry } from '../../packages/language/src/document-validator.js';
import { propertyWordPattern, propertyWords } from '../../packages/language/src/parser/property-words.js';

/**
 * The Langium services Cap replaces for speed (cap-module.ts) give exactly what Langium's own
 * give: the same syntax trees, tokens, index entries, references and diagnostics, in the same
 * order. Only the time and memory they take differ; bench/ measures those.
 */

const example = (path: string) =>
    readFileSync(fileURLToPath(new URL(`../../examples/${path}`, import.meta.url)), 'utf-8');
const TEXTS: Record<string, string> = {
    'three-tier': example('three-tier/three-tier.cap'),
    plan: example('multi-file/plan.cap'),
    seed: example('seed/seed.cap'),
    generated: generateModel(0.5),
    errors: 'role R { hours 160 \n /* open */ service S { role Q effort 2h every month ] }\n// tail\ntier T { accounts 3 services S, S }\n',
};

async function built(
    text: string,
    services = createCapServices(),
): Promise<{ doc: LangiumDocument; services: ReturnType<typeof createCapServices> }> {
    const doc = services.shared.workspace.LangiumDocumentFactory.fromString(
        text,
        URI.file(`/svc/${Math.random().toString(36).slice(2)}.cap`),
    );
    services.shared.workspace.LangiumDocuments.addDocument(doc);
    await services.shared.workspace.DocumentBuilder.build([doc], { validation: true });
    return { doc, services };
}

describe('the value converter', () => {
    it("converts every token and datatype node as Langium's does, but numbers and strings, which Cap reads its way", () => {
        const { Cap } = createCapServices();
        const theirs = new DefaultValueConverter();
        let compared = 0;
        for (const text of Object.values(TEXTS)) {
            const root = Cap.parser.LangiumParser.parse<CapFile>(text).value.$cstNode!;
            for (const node of CstUtils.streamCst(root)) {
                const call = node.grammarSource;
                if (!GrammarAST.isRuleCall(call) || ['NUMBER', 'STRING'].includes(call.rule.ref?.name ?? '')) continue;
                expect(Cap.parser.ValueConverter.convert(node.text, node), node.text).toEqual(
                    theirs.convert(node.text, node),
                );
                compared++;
            }
        }
        expect(compared).toBeGreaterThan(1000);
    });
});

describe('the lexer', () => {
    const { Cap } = createCapServices();
    const words = propertyWords(Cap.Grammar);

    it("lexes with the tokens Langium builds, keyword by keyword, PROPERTY_WORD made of property-rules.ts's words", () => {
        const view = (tokens: ReturnType<DefaultTokenBuilder['buildTokens']>) =>
            (tokens as { name: string; PATTERN: unknown; LONGER_ALT?: { name: string }[]; GROUP?: unknown }[]).map(
                t => ({
                    name: t.name,
                    pattern: String(t.PATTERN),
                    longer: (t.LONGER_ALT ?? []).map(a => a.name),
                    group: t.GROUP,
                }),
            );
        // Langium's, but for the terminal's pattern, and a keyword that starts a property's word
        // (`account`, `accounts`) gives way to that word as it gives way to a longer name.
        const langium = view(new DefaultTokenBuilder().buildTokens(Cap.Grammar, { caseInsensitive: false })).map(t =>
            t.name === 'PROPERTY_WORD'
                ? { ...t, pattern: String(propertyWordPattern(words)) }
                : words.some(w => w.startsWith(t.name) && w !== t.name)
                  ? { ...t, longer: ['PROPERTY_WORD', ...t.longer] }
                  : t,
        );
        expect(view(Cap.parser.TokenBuilder.buildTokens(Cap.Grammar, { caseInsensitive: false }))).toEqual(langium);
        expect(words).toContain('churn');
        expect(words).not.toContain('hours'); // a keyword: a time log's column
    });

    it("reads a property's word as PROPERTY_WORD, a longer name as a name, a keyword it starts as the keyword", () => {
        const lexed = Cap.parser.Lexer.tokenize('accounts account accountsX fte fte_2 count hours churn');
        expect(lexed.tokens.map(t => `${t.tokenType.name}:${t.image}`)).toEqual([
            'PROPERTY_WORD:accounts',
            'account:account',
            'ID:accountsX',
            'PROPERTY_WORD:fte',
            'ID:fte_2',
            'PROPERTY_WORD:count',
            'hours:hours',
            'PROPERTY_WORD:churn',
        ]);
    });
});

describe('the index', () => {
    it('describes declarations with the ranges Langium computes', async () => {
        const { doc, services } = await built(TEXTS['three-tier']);
        const langium = new DefaultAstNodeDescriptionProvider(services.Cap);
        for (const desc of services.shared.workspace.IndexManager.allElements()) {
            const theirs = langium.createDescription(desc.node!, desc.name, doc);
            expect({ ...pick(desc), nameSegment: desc.nameSegment, selectionSegment: desc.selectionSegment }).toEqual({
                ...pick(theirs),
                nameSegment: theirs.nameSegment,
                selectionSegment: theirs.selectionSegment,
            });
        }
    });

    it('exports the declarations Langium exports, in the same order, with a cancellable build token', async () => {
        for (const [name, text] of Object.entries(TEXTS)) {
            const { doc, services } = await built(text);
            const flat = (descs: { name: string; type: string; path: string }[]) =>
                descs.map(d => `${d.type} ${d.name} ${d.path}`);
            const token = new Cancellation.CancellationTokenSource().token;
            const ours = await services.Cap.references.ScopeComputation.collectExportedSymbols(doc, token);
            const theirs = await new DefaultScopeComputation(services.Cap).collectExportedSymbols(doc, token);
            expect(flat(ours), name).toEqual(flat(theirs));
            expect(ours.length, name).toBeGreaterThan(0);
        }
    });

    it('describes references as Langium does, in the same order', async () => {
        for (const [name, text] of Object.entries(TEXTS)) {
            const { doc, services } = await built(text);
            const flat = (
                refs: {
                    sourceUri: URI;
                    sourcePath: string;
                    targetUri: URI;
                    targetPath: string;
                    segment: unknown;
                    local?: boolean;
                }[],
            ) =>
                refs.map(r => ({
                    source: r.sourceUri.toString(),
                    sourcePath: r.sourcePath,
                    target: r.targetUri.toString(),
                    targetPath: r.targetPath,
                    segment: r.segment,
                    local: r.local,
                }));
            const ours = await services.Cap.workspace.ReferenceDescriptionProvider.createDescriptions(doc);
            const theirs = await new DefaultReferenceDescriptionProvider(services.Cap).createDescriptions(doc);
            expect(flat(ours), name).toEqual(flat(theirs));
        }
    });

    it('links the references Langium links, in the same order, to the same targets', async () => {
        for (const [name, text] of Object.entries(TEXTS)) {
            const { doc, services } = await built(text);
            const linker = services.Cap.references.Linker;
            const path = (node: AstNode) => services.Cap.workspace.AstNodeLocator.getAstNodePath(node);
            // Cap's references are single; a multi-reference would show every target it resolved to.
            const target = (r: Reference | MultiReference) =>
                isReference(r)
                    ? r.ref
                        ? path(r.ref)
                        : r.error?.message
                    : r.items.length > 0
                      ? r.items.map(item => path(item.ref)).join(' | ')
                      : r.error?.message;
            const linked = () => doc.references.map(r => `${r.$refText}@${r.$refNode?.offset}→${target(r)}`);
            const ours = linked();
            linker.unlink(doc);
            expect(doc.references).toEqual([]);
            await DefaultLinker.prototype.link.call(linker, doc);
            expect(ours.length, name).toBeGreaterThan(0);
            expect(ours, name).toEqual(linked());
        }
    });

    it('finds the references Langium finds, in the same order, across files', async () => {
        const ws = generateWorkspace(6);
        const services = createCapServices();
        const docs = Object.entries(ws.files).map(([path, text]) => {
            const doc = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/ws/${path}`));
            services.shared.workspace.LangiumDocuments.addDocument(doc);
            return doc;
        });
        await services.shared.workspace.DocumentBuilder.build(docs, { validation: true });
        const index = services.shared.workspace.IndexManager;
        const locator = services.Cap.workspace.AstNodeLocator;
        let found = 0;
        for (const doc of docs) {
            for (const el of (doc.parseResult.value as CapFile).elements) {
                const path = locator.getAstNodePath(el);
                const ours = index.findAllReferences(el, path).toArray();
                const theirs = DefaultIndexManager.prototype.findAllReferences.call(index, el, path).toArray();
                expect(ours).toEqual(theirs);
                found += ours.length;
            }
        }
        expect(found).toBeGreaterThan(100);
    });
});

describe('validation', () => {
    it('runs the checks Langium runs on the nodes Langium walks, in the same order', async () => {
        let reported = 0;
        for (const [name, text] of Object.entries(TEXTS)) {
            const { doc, services } = await built(text);
            const validator = services.Cap.validation.DocumentValidator as unknown as {
                validateAstNodes(root: AstNode, options: object, accept: unknown): Promise<void>;
            };
            const locator = services.Cap.workspace.AstNodeLocator;
            const run = async (walk: typeof validator.validateAstNodes) => {
                const seen: unknown[] = [];
                await walk.call(
                    validator,
                    doc.parseResult.value,
                    {},
                    (severity: string, message: string, info: { node: AstNode; property?: string; index?: number }) => {
                        seen.push([severity, message, locator.getAstNodePath(info.node), info.property, info.index]);
                    },
                );
                return seen;
            };
            const ours = await run(validator.validateAstNodes);
            const theirs = await run(
                (DefaultDocumentValidator.prototype as unknown as typeof validator).validateAstNodes,
            );
            expect(ours, name).toEqual(theirs);
            reported += ours.length;
        }
        expect(reported).toBeGreaterThan(3);
    });

    it("reports a check that throws or rejects as Langium's registry does", async () => {
        const { doc, services } = await built(TEXTS.seed);
        const role: AstNode = (doc.parseResult.value as CapFile).elements.find(el => el.$type === 'Role')!;
        const checks: ValidationChecks<CapAstType> = {
            Role: [
                () => {
                    throw new Error('thrown');
                },
                async () => {
                    throw new Error('rejected');
                },
                () => undefined,
            ],
        };
        const run = async (registry: ValidationRegistry) => {
            registry.register(checks);
            const seen: unknown[] = [];
            for (const check of registry.getChecks('Role')) {
                await check(
                    role,
                    (severity, message, info) => {
                        seen.push([severity, message, info.node === role]);
                    },
                    Cancellation.CancellationToken.None,
                );
            }
            return seen;
        };
        const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        try {
            const ours = await run(new CapValidationRegistry(services.Cap));
            const theirs = await run(new ValidationRegistry(services.Cap));
            expect(ours).toEqual(theirs);
            expect(ours).toHaveLength(2);
        } finally {
            quiet.mockRestore();
        }
    });
});

describe('a workspace of plans that import shared roles and services', () => {
    async function workspace(plans: number) {
        const ws = generateWorkspace(plans);
        const files = new Map(
            Object.entries(ws.files).map(([path, text]) => [URI.file(`/ws/${path}`).toString(), text]),
        );
        const fileSystemProvider = () =>
            ({
                readFile: async (uri: URI) => files.get(uri.toString())!,
                readFileSync: (uri: URI) => files.get(uri.toString())!,
            }) as unknown as FileSystemProvider;
        const services = createCapServices({ fileSystemProvider });
        const docs = Object.keys(ws.files).map(path => {
            const doc = services.shared.workspace.LangiumDocumentFactory.fromString(
                ws.files[path],
                URI.file(`/ws/${path}`),
            );
            services.shared.workspace.LangiumDocuments.addDocument(doc);
            return doc;
        });
        await services.shared.workspace.DocumentBuilder.build(docs, { validation: true });
        const counts = { parsed: 0, linked: 0, validated: 0 };
        const builder = services.shared.workspace.DocumentBuilder;
        builder.onDocumentPhase(DocumentState.Parsed, () => {
            counts.parsed++;
        });
        builder.onDocumentPhase(DocumentState.Linked, () => {
            counts.linked++;
        });
        builder.onDocumentPhase(DocumentState.Validated, () => {
            counts.validated++;
        });
        const edit = async (path: string, from: string, to: string) => {
            const uri = URI.file(`/ws/${path}`);
            files.set(uri.toString(), files.get(uri.toString())!.replace(from, to));
            counts.parsed = counts.linked = counts.validated = 0;
            await builder.update([uri], []);
            return { ...counts };
        };
        return { ws, edit, services };
    }

    it('reparses and relinks only the plan that changed, and validates the shared files of its model again', async () => {
        const { ws, edit } = await workspace(12);
        expect(await edit(ws.plans[5], 'accounts ', 'accounts 1')).toEqual({ parsed: 1, linked: 1, validated: 3 });
    });

    it('relinks the shared services and every plan, not the roles, when the services change', async () => {
        const { ws, edit } = await workspace(12);
        // The roles file is validated again (it belongs to every plan's model), not relinked.
        expect(await edit(ws.shared.services, 'seats 2', 'seats 3')).toEqual({ parsed: 1, linked: 13, validated: 14 });
        expect(await edit(ws.shared.roles, 'ramp ', 'ramp 1')).toEqual({ parsed: 1, linked: 14, validated: 14 });
    });

    it('shows a shared role over capacity as soon as one plan asks too much of it', async () => {
        const { ws, edit, services } = await workspace(4);
        const roles = services.shared.workspace.LangiumDocuments.getDocument(URI.file(`/ws/${ws.shared.roles}`))!;
        const overCapacity = () => (roles.diagnostics ?? []).filter(d => d.code === 'CAP051').map(d => d.message);
        const before = overCapacity();
        // Two thousand more accounts in one tier of one plan: every role that tier uses is over capacity.
        await edit(ws.plans[2], 'accounts ', 'accounts 2000');
        const after = overCapacity();
        expect(after.length).toBeGreaterThan(before.length);
        // The figures of the other plans are the ones they had: their evaluations were not redone.
        const plan0 = services.shared.workspace.LangiumDocuments.getDocument(URI.file(`/ws/${ws.plans[0]}`))!;
        const evaluation = services.Cap.evaluation.CapEvaluator.evaluate(plan0);
        await edit(ws.plans[2], 'accounts 2000', 'accounts 3000');
        expect(services.Cap.evaluation.CapEvaluator.evaluate(plan0)).toBe(evaluation);
        await edit(ws.shared.roles, 'ramp ', 'ramp 1');
        expect(services.Cap.evaluation.CapEvaluator.evaluate(plan0)).not.toBe(evaluation);
    });
});

function pick(d: { name: string; type: string; path: string; documentUri: URI; node?: AstNode }) {
    return {
        name: d.name,
        type: d.type,
        path: d.path,
        uri: d.documentUri.toString(),
        node: d.node && AstUtils.getDocument(d.node).uri.toString(),
    };
}
