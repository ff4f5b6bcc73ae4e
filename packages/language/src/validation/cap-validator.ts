import type { AstNode, LangiumDocument, ValidationAcceptor, ValidationChecks } from 'langium';
import { AstUtils, WorkspaceCache } from 'langium';
import type { CapAstType, CapFile, ModelDecl, Role, ScenarioMember, Service, Tier } from '../generated/ast.js';
import { isAgent, isModelDecl, isRole, isScenario, isService, isServicesProperty, isTier, isTouchProperty } from '../generated/ast.js';
import type { CapServices } from '../cap-module.js';
import { CapIndexManager } from '../workspace/index-manager.js';
import { propertiesByKey } from '../lowering/properties.js';
import type { BlockKind } from './property-rules.js';
import { checkBlock, checkChurnAndLifetime, checkEffectiveAvailability } from './block-checks.js';
import { Codes } from './codes.js';
import type { FindingCode } from '@cap/engine';

export function registerValidationChecks(services: CapServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.CapValidator;
    const checks: ValidationChecks<CapAstType> = {
        CapFile: [validator.checkImports, validator.checkNames, validator.checkEngineFindings],
        ModelDecl: validator.checkModel,
        Role: validator.checkRole,
        Service: validator.checkService,
        Tier: validator.checkTier,
        Agent: validator.checkAgent,
    };
    registry.register(checks, validator);
}

const FINDING_CODES: Record<FindingCode, string> = {
    'unserved-demand': Codes.UnservedDemand,
    'role-over-capacity': Codes.RoleOverCapacity,
    'agent-overloaded': Codes.AgentOverloaded,
    'clv-undefined': Codes.ClvUndefined,
};

const KIND_OF: Record<string, BlockKind> = { ModelDecl: 'model', Role: 'role', Service: 'service', Tier: 'tier', Agent: 'agent' };

/**
 * Cap's semantic checks (spec sections 2 to 8). Property-level checks live in block-checks.ts;
 * this class wires them to node types and adds the checks that need the whole import closure.
 */
export class CapValidator {
    private readonly currencies: WorkspaceCache<string, string>;

    constructor(private readonly services: CapServices) {
        this.currencies = new WorkspaceCache(services.shared);
    }

    checkModel(model: ModelDecl, accept: ValidationAcceptor): void {
        checkBlock(model, this.context(model), accept);
        const props = propertiesByKey(model.props);
        if (props.has('horizon') && !props.has('start')) {
            accept('error', 'A forecast `horizon` needs a `start` month, e.g. `start 2027-01`', { node: props.get('horizon')!, property: 'key', code: Codes.HorizonWithoutStart });
        }
    }

    checkRole(role: Role, accept: ValidationAcceptor): void {
        const ctx = this.context(role);
        checkBlock(role, ctx, accept);
        if (ctx.isOverride) return;
        checkEffectiveAvailability(role, accept);
        if (!role.props.some(p => p.key === 'cost')) {
            accept('warning', `${role.name} has no \`cost\`: its cost counts as 0 in cost to serve, team cost and CRC; add e.g. \`cost $9,500 / month\``, { node: role, property: 'name', code: Codes.MissingCost });
        }
    }

    checkService(service: Service, accept: ValidationAcceptor): void {
        checkBlock(service, this.context(service), accept);
    }

    checkTier(tier: Tier, accept: ValidationAcceptor): void {
        checkBlock(tier, this.context(tier), accept);
        checkChurnAndLifetime(tier, accept);
        const touch = tier.props.find(isTouchProperty);
        const list = tier.props.find(isServicesProperty);
        if (touch?.touch === 'tech' && list) {
            list.services.forEach((ref, index) => {
                const service = ref.ref;
                if (service && !service.props.some(p => p.key === 'seats')) {
                    accept('warning', `${tier.name} is tech touch (no personal CSM), but \`${service.name}\` is delivered one account at a time: give it \`seats\` or move it to a high- or low-touch tier`, { node: list, property: 'services', index, code: Codes.TechTouchWithoutSeats });
                }
            });
        }
    }

    checkAgent(agent: ScenarioMember, accept: ValidationAcceptor): void {
        checkBlock(agent, this.context(agent), accept);
    }

    checkImports(file: CapFile, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(file);
        const graph = this.services.workspace.ImportGraph;
        const documents = this.services.shared.workspace.LangiumDocuments;
        for (const imp of file.imports) {
            if (typeof imp.path !== 'string') continue;
            if (!imp.path.endsWith('.cap')) {
                accept('error', `Only .cap files can be imported, not "${imp.path}"`, { node: imp, property: 'path', code: Codes.ImportNotCap });
                continue;
            }
            const target = documents.getDocument(graph.resolve(imp, document.uri));
            if (!target) {
                accept('error', `Cannot find "${imp.path}" (looked for ${graph.resolve(imp, document.uri).fsPath})`, { node: imp, property: 'path', code: Codes.ImportNotFound });
            } else if (graph.reaches(target, document)) {
                accept('error', `Import cycle: "${imp.path}" imports this file again${target === document ? ' (a file cannot import itself)' : ''}`, { node: imp, property: 'path', code: Codes.ImportCycle });
            }
        }
    }

    /**
     * Names are unique per kind across an entry file and everything it imports; one model block at
     * most. A file is checked within every model it belongs to, so a clash between an imported file
     * and its importer is reported at both declarations.
     */
    checkNames(file: CapFile, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(file);
        const graph = this.services.workspace.ImportGraph;
        const duplicated = new Set<string>();
        const extraModels = new Set<ModelDecl>();
        for (const entry of graph.entriesOf(document)) {
            const counts = new Map<string, number>();
            const models: ModelDecl[] = [];
            for (const doc of graph.closure(entry)) {
                for (const el of (doc.parseResult.value as CapFile).elements ?? []) {
                    if (isModelDecl(el)) models.push(el);
                    else if ('name' in el && el.name) counts.set(`${el.$type}:${el.name}`, (counts.get(`${el.$type}:${el.name}`) ?? 0) + 1);
                }
            }
            for (const [key, n] of counts) if (n > 1) duplicated.add(key);
            models.slice(1).forEach(m => extraModels.add(m));
        }
        for (const el of file.elements) {
            if (isModelDecl(el)) {
                if (extraModels.has(el)) accept('error', 'A model has one `model` block, in its entry file or one of its imports; this is another', { node: el, property: 'name', code: Codes.DuplicateModel });
                continue;
            }
            if (!('name' in el) || !el.name) continue;
            if (duplicated.has(`${el.$type}:${el.name}`)) {
                accept('error', `Duplicate ${kindWord(el)} name \`${el.name}\`: another ${kindWord(el)} in this model's files has the same name`, { node: el, property: 'name', code: Codes.DuplicateName });
            }
            if (isScenario(el)) this.checkScenarioMembers(el.members, accept);
        }
        this.checkUnused(file, accept);
    }

    private checkScenarioMembers(members: ScenarioMember[], accept: ValidationAcceptor): void {
        const seen = new Set<string>();
        for (const m of members) {
            const key = `${m.$type}:${m.name}`;
            if (seen.has(key)) accept('error', `Duplicate ${kindWord(m)} \`${m.name}\` in this scenario`, { node: m, property: 'name', code: Codes.DuplicateName });
            seen.add(key);
        }
    }

    /** Roles no service or agent names and services no tier lists are dead weight (hints). */
    private checkUnused(file: CapFile, accept: ValidationAcceptor): void {
        const isUsed = this.usedIn(file);
        for (const el of file.elements) {
            if (!(isRole(el) || isService(el))) continue;
            if (isUsed(el)) continue;
            const what = isRole(el) ? 'No service or agent uses role' : 'No tier lists service';
            accept('hint', `${what} \`${el.name}\``, { node: el, property: 'name', code: isRole(el) ? Codes.UnusedRole : Codes.UnusedService, tags: [1] });
        }
    }

    /** Whether any reference in the workspace points at a declaration of `file`. */
    private usedIn(file: CapFile): (el: AstNode) => boolean {
        const index = this.services.shared.workspace.IndexManager;
        const locator = this.services.workspace.AstNodeLocator;
        if (index instanceof CapIndexManager) {
            // One set of referenced paths per file rather than a query and a stream per declaration.
            const paths = index.referencedPaths(AstUtils.getDocument(file).uri.toString());
            return el => paths.has(locator.getAstNodePath(el));
        }
        const references = this.services.references.References;
        return el => references.findReferences(el, { includeDeclaration: false }).head() !== undefined;
    }

    /** The engine's warnings (unserved demand, over capacity, overload, undefined CLV), located. */
    checkEngineFindings(file: CapFile, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(file);
        const reported = new Set<string>();
        for (const evaluation of this.services.evaluation.CapEvaluator.evaluationsOf(document)) {
            for (const finding of evaluation.results.findings) {
                const node = evaluation.nodes.get(`${finding.subject.kind}:${finding.subject.name}`) as (AstNode & { name: string }) | undefined;
                if (!node || AstUtils.getDocument(node) !== document) continue;
                const key = `${finding.code}:${finding.subject.name}:${finding.message}`;
                if (reported.has(key)) continue;
                reported.add(key);
                accept(finding.severity === 'error' ? 'error' : 'warning', finding.message, { node, property: 'name', code: FINDING_CODES[finding.code] });
            }
        }
    }

    private context(node: AstNode): { kind: BlockKind; currency: string; isOverride: boolean } {
        const document = AstUtils.getDocument(node);
        return { kind: KIND_OF[node.$type], currency: this.currencyOf(document), isOverride: this.isOverride(node) };
    }

    /**
     * The currency of the model a document belongs to (its first entry file's model block). Asked
     * for every block, so kept per document until the workspace changes.
     */
    private currencyOf(document: LangiumDocument): string {
        return this.currencies.get(document.uri.toString(), () => {
            const evaluation = this.services.evaluation.CapEvaluator.evaluationsOf(document)[0];
            return evaluation?.model.currency ?? 'USD';
        });
    }

    /** A scenario member whose name exists in the base model overrides it rather than declaring it. */
    private isOverride(node: AstNode): boolean {
        if (!isScenario(node.$container)) return false;
        const member = node as ScenarioMember;
        const document = AstUtils.getDocument(node);
        return this.services.workspace.ImportGraph.closure(document).some(doc =>
            (doc.parseResult.value as CapFile).elements.some(el => el.$type === member.$type && (el as ScenarioMember).name === member.name));
    }
}

function kindWord(node: AstNode): string {
    return isRole(node) ? 'role' : isService(node) ? 'service' : isTier(node) ? 'tier' : isAgent(node) ? 'agent' : isScenario(node) ? 'scenario' : 'declaration';
}

