import { declarationWord } from '../words.js';
import type { AstNode, LangiumDocument, ValidationAcceptor, ValidationChecks } from 'langium';
import { AstUtils, UriUtils, WorkspaceCache } from 'langium';
import type {
    Assertion,
    CapAstType,
    CapFile,
    DateProperty,
    NewProperty,
    ModelDecl,
    Property,
    Role,
    Scenario,
    ScenarioMember,
    Service,
    ServicesProperty,
    Tier,
    TouchProperty,
} from '../generated/ast.js';
import { isMeasureProperty, isModelDecl, isOverheadProperty } from '../generated/ast.js';
import type { CapServices } from '../cap-module.js';
import type { Evaluation } from '../workspace/evaluation.js';
import { CapIndexManager } from '../workspace/index-manager.js';
import type { HasProps } from '../lowering/properties.js';
import { propertiesByKey, quantity } from '../lowering/properties.js';
import type { BlockKind } from './property-rules.js';
import { REVENUE_KEYS } from './property-rules.js';
import { didYouMean, didYouMeanText } from '../did-you-mean.js';
import type { BlockContext } from './block-checks.js';
import {
    checkBlock,
    checkChurnAndLifetime,
    checkContractedHours,
    checkEffectiveAvailability,
    checkReadableMeasure,
    noTimeLeft,
} from './block-checks.js';
import { Codes } from './codes.js';
import { checkDataBlock } from './data-checks.js';
import { checkActualsBlock } from './actuals-checks.js';
import type { CapModel, FindingCode, Period } from '@cap/engine';
import { MAX_HORIZON_MONTHS, availability, formatMonth, parseMonth } from '@cap/engine';
import { lowerRole } from '../lowering/lower.js';
import type { DeclarationNodes } from '../lowering/lower.js';
import { mergeProperties } from '../lowering/scenarios.js';
import { interpretMeasure, usableQuantity } from '../quantities.js';

export function registerValidationChecks(services: CapServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.CapValidator;
    const checks: ValidationChecks<CapAstType> = {
        CapFile: [
            validator.checkImports,
            validator.checkNames,
            validator.checkEngineFindings,
            validator.checkAssertions,
            validator.checkData,
        ],
        ModelDecl: validator.checkModel,
        Role: validator.checkRole,
        Service: validator.checkService,
        Tier: validator.checkTier,
        Agent: validator.checkAgent,
        Assertion: validator.checkAssertionValue,
        Data: checkDataBlock,
        Actuals: checkActualsBlock,
    };
    registry.register(checks, validator);
}

const FINDING_CODES: Record<FindingCode, string> = {
    'unserved-demand': Codes.UnservedDemand,
    'role-over-capacity': Codes.RoleOverCapacity,
    'agent-overloaded': Codes.AgentOverloaded,
    'clv-undefined': Codes.ClvUndefined,
    'actuals-drift': Codes.ActualsDrift,
};

const KIND_OF: Record<string, BlockKind> = {
    ModelDecl: 'model',
    Role: 'role',
    Service: 'service',
    Tier: 'tier',
    Agent: 'agent',
};

const COST_COUNTS_AS_ZERO = 'its cost counts as 0 in cost to serve, team cost and CRC; add e.g. `cost $9,500 / month`';
const SEATS_OR_TOUCH = 'give it `seats` or move it to a high- or low-touch tier';

/**
 * Cap's semantic checks (spec sections 2 to 8). Property-level checks live in block-checks.ts;
 * this class wires them to node types and adds the checks that need the whole import closure.
 */
export class CapValidator {
    private readonly plans: WorkspaceCache<string, Evaluation | undefined>;

    constructor(private readonly services: CapServices) {
        this.plans = new WorkspaceCache(services.shared);
    }

    checkModel(model: ModelDecl, accept: ValidationAcceptor): void {
        checkBlock(model, this.context(model), accept);
        const props = propertiesByKey(model.props);
        if (props.has('horizon') && !props.has('start')) {
            accept('error', 'A forecast `horizon` needs a `start` month, e.g. `start 2027-01`', {
                node: props.get('horizon')!,
                property: 'key',
                code: Codes.HorizonWithoutStart,
            });
        }
        const horizon = props.get('horizon');
        const months = horizon && isMeasureProperty(horizon) ? quantity(horizon.value) : undefined;
        if (
            horizon &&
            isMeasureProperty(horizon) &&
            horizon.value &&
            months?.dimension === 'duration' &&
            months.value > MAX_HORIZON_MONTHS
        ) {
            accept(
                'error',
                `\`horizon\` must be at most ${MAX_HORIZON_MONTHS} months (50 years), ` +
                    `not ${round(months.value)} months`,
                { node: horizon.value, property: 'value', code: Codes.InvalidValue },
            );
        }
        this.checkStartYear(model, accept);
    }

    checkRole(role: Role, accept: ValidationAcceptor): void {
        const ctx = this.context(role);
        checkBlock(role, ctx, accept);
        checkContractedHours(role, accept);
        this.checkRampWithinHorizon(role, accept);
        if (ctx.isOverride) {
            this.checkOverriddenAvailability(role, ctx.period, accept);
            return;
        }
        checkEffectiveAvailability(role, ctx.period, accept);
        // A role without a name has its syntax error; "undefined has no cost" would only add noise.
        if (role.name && !role.props.some(p => p.key === 'cost')) {
            accept('warning', `${role.name} has no \`cost\`: ${COST_COUNTS_AS_ZERO}`, {
                node: role,
                property: 'name',
                code: Codes.MissingCost,
            });
        }
    }

    checkService(service: Service, accept: ValidationAcceptor): void {
        checkBlock(service, this.context(service), accept);
    }

    checkTier(tier: Tier, accept: ValidationAcceptor): void {
        checkBlock(tier, this.context(tier), accept);
        checkChurnAndLifetime(tier, accept);
        this.checkIntakeMonths(tier, accept);
        const touch = tier.props.find(p => p.$type === 'TouchProperty') as TouchProperty | undefined;
        const list = tier.props.find(p => p.$type === 'ServicesProperty') as ServicesProperty | undefined;
        if (touch?.touch === 'tech' && list) {
            list.services.forEach((ref, index) => {
                const service = ref.ref;
                if (service && !service.props.some(p => p.key === 'seats')) {
                    accept(
                        'warning',
                        `${tier.name} is tech touch (no personal CSM), ` +
                            `but \`${service.name}\` is delivered one account at a time: ${SEATS_OR_TOUCH}`,
                        { node: list, property: 'services', index, code: Codes.TechTouchWithoutSeats },
                    );
                }
            });
        }
    }

    checkAgent(agent: ScenarioMember, accept: ValidationAcceptor): void {
        checkBlock(agent, this.context(agent), accept);
        this.checkStartYear(agent, accept);
    }

    /**
     * A start month before 2000 or more than a year after the forecast ends is almost always a
     * typo in the year (`0227-03`, `2207-03`): the agent would silently count from the start of
     * time, or never.
     */
    private checkStartYear(block: HasProps & { name?: string }, accept: ValidationAcceptor): void {
        const prop = block.props.find(p => p.$type === 'DateProperty') as DateProperty | undefined;
        const month = prop ? parseMonth(prop.date) : undefined;
        if (!prop || month === undefined) return;
        if (month < 2000 * 12) {
            accept('warning', `Start month \`${prop.date}\` is before 2000: check the year`, {
                node: prop,
                property: 'date',
                code: Codes.ImplausibleStart,
            });
            return;
        }
        const plan = this.planOf(block);
        if (isModelDecl(block) || !plan || plan.start === null || plan.horizonMonths === null) return;
        const last = plan.start + Math.max(1, plan.horizonMonths) - 1;
        if (month > last + 12) {
            accept(
                'warning',
                `Start month \`${prop.date}\` is more than a year ` +
                    `after the forecast's last month (${formatMonth(last)}): ` +
                    `${block.name} never works in this plan; check the year`,
                { node: prop, property: 'date', code: Codes.ImplausibleStart },
            );
        }
    }

    /**
     * An override of `hours` or `overhead` can leave the scenario's role no time for customers even
     * though the base is fine. Checked on the merged role, reported at the override's keyword.
     */
    private checkOverriddenAvailability(role: Role, period: Period, accept: ValidationAcceptor): void {
        const changed = role.props.find(p => p.key === 'hours') ?? role.props.find(p => p.key === 'overhead');
        const base = this.planNodes(role)?.role.get(role.name) as Role | undefined;
        if (!changed || !base || ![...base.props, ...role.props].every(wellFormedTime)) return;
        const { overhead, effective } = availability(
            lowerRole({ name: role.name, props: mergeProperties(base.props, role.props) }),
        );
        if (effective <= 0) {
            accept('error', `In this scenario, ${role.name} ${noTimeLeft(overhead, effective, period)}`, {
                node: changed,
                property: 'key',
                code: Codes.NoEffectiveTime,
            });
        }
    }

    /**
     * A dated intake is read at the forecast's months (§16): it needs a model `start`, and a month
     * outside the forecast (or, without a horizon, other than the snapshot's) adds no account.
     */
    private checkIntakeMonths(tier: Tier, accept: ValidationAcceptor): void {
        const intake = tier.props.find(p => p.$type === 'NewProperty') as NewProperty | undefined;
        const plan = this.planOf(tier);
        if (!intake || intake.entries.length === 0 || !plan) return;
        if (plan.start === null) {
            const example = intake.entries[0]?.month ?? '2027-01';
            const message =
                'A dated intake needs a model `start` to read its months from, ' +
                `e.g. \`model Plan { start ${example} }\`; or give a rate, \`new 40 / quarter\``;
            accept('error', message, { node: intake, property: 'key', code: Codes.IntakeWithoutStart });
            return;
        }
        const months = Math.max(1, Math.min(MAX_HORIZON_MONTHS, plan.horizonMonths ?? 1));
        const first = formatMonth(plan.start);
        const span =
            plan.horizonMonths === null
                ? `is not the snapshot month ${first}, and the model has no \`horizon\``
                : `is outside the forecast (${first} to ${formatMonth(plan.start + months - 1)})`;
        for (const entry of intake.entries) {
            const month = parseMonth(entry.month);
            if (month === undefined || (month >= plan.start && month < plan.start + months)) continue;
            const won = typeof entry.count === 'number' ? `its ${entry.count} accounts count` : 'it counts';
            const message = `${entry.month} ${span}: ${won} nowhere`;
            accept('warning', message, { node: entry, property: 'month', code: Codes.IntakeOutsideForecast });
        }
    }

    /** A ramp longer than the forecast means no hire of the role is ever fully productive in it. */
    private checkRampWithinHorizon(role: Role, accept: ValidationAcceptor): void {
        const ramp = role.props.find((p: Property) => p.key === 'ramp');
        if (ramp?.$type !== 'MeasureProperty' || !ramp.value) return;
        const months = quantity(ramp.value);
        if (months?.dimension !== 'duration') return;
        const horizon = this.planOf(role)?.horizonMonths;
        if (horizon === null || horizon === undefined) return;
        if (months.value > horizon) {
            accept(
                'warning',
                `\`ramp\` of ${round(months.value)} months is longer than the ${horizon}-month forecast: ` +
                    `a ${role.name} hire never reaches full productivity inside it`,
                { node: ramp.value, code: Codes.RampLongerThanHorizon },
            );
        }
    }

    /** Only the words and size of an assertion's value are checked here; its unit depends on the figure. */
    checkAssertionValue(assertion: Assertion, accept: ValidationAcceptor): void {
        checkReadableMeasure(assertion.value, accept);
    }

    /**
     * Assertions are checked against the figures of every model the file belongs to: a path that
     * names no figure, a value in the wrong unit, and a failed guardrail, located where written.
     */
    checkAssertions(file: CapFile, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(file);
        const reported = new Set<string>();
        for (const evaluation of this.services.evaluation.CapEvaluator.evaluationsOf(document)) {
            for (const a of evaluation.assertions) {
                if (AstUtils.getDocument(a.node) !== document) continue;
                const key = `${a.node.$cstNode?.offset}:${a.message}`;
                if (reported.has(key) || a.ok) continue;
                reported.add(key);
                const problem = a.problem;
                if (problem?.on === 'path') {
                    accept('error', problem.message, {
                        node: a.node,
                        property: 'path',
                        index: problem.segment,
                        code: Codes.AssertionPath,
                    });
                } else if (problem?.on === 'value') {
                    // An unreadable or too large value already has its error (CAP022, CAP026) from checkAssertionValue.
                    if (!a.node.value || !usableQuantity(a.node.value)) continue;
                    accept('error', problem.message, {
                        node: a.node.value,
                        code: problem.kind === 'currency' ? Codes.CurrencyMismatch : Codes.AssertionUnit,
                    });
                } else {
                    accept('error', a.message, { node: a.node, code: Codes.AssertionFailed });
                }
            }
        }
    }

    checkImports(file: CapFile, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(file);
        const graph = this.services.workspace.ImportGraph;
        const documents = this.services.shared.workspace.LangiumDocuments;
        for (const imp of file.imports) {
            if (typeof imp.path !== 'string') continue;
            if (!imp.path.endsWith('.cap')) {
                accept('error', `Only .cap files can be imported, not "${imp.path}"`, {
                    node: imp,
                    property: 'path',
                    code: Codes.ImportNotCap,
                });
                continue;
            }
            const uri = graph.resolve(imp, document.uri);
            const target = documents.getDocument(uri);
            const problem = graph.unreadable(uri);
            if (!target) {
                const message = problem
                    ? `Cannot read "${imp.path}": ${problem}`
                    : `Cannot find "${imp.path}" (looked for ${uri.fsPath})`;
                accept('error', message, { node: imp, property: 'path', code: Codes.ImportNotFound });
            } else if (graph.reaches(target, document)) {
                const link = graph.isAliased(imp, document.uri)
                    ? `; "${imp.path}" is a link to ` +
                      `${target === document ? 'this file' : UriUtils.basename(target.uri)}`
                    : '';
                accept(
                    'error',
                    `Import cycle: "${imp.path}" imports this file again` +
                        `${target === document ? ' (a file cannot import itself)' : ''}${link}`,
                    { node: imp, property: 'path', code: Codes.ImportCycle },
                );
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
        const clashing = new Set<string>();
        const extraModels = new Set<ModelDecl>();
        for (const entry of graph.entriesOf(document)) {
            // Names counted by node type, without a `type:name` string per declaration.
            const counts = new Map<string, Map<string, number>>();
            const models: ModelDecl[] = [];
            for (const doc of graph.closure(entry)) {
                for (const el of (doc.parseResult.value as CapFile).elements ?? []) {
                    if (el.$type === 'ModelDecl') models.push(el);
                    else if ('name' in el && el.name) {
                        let byName = counts.get(el.$type);
                        if (!byName) counts.set(el.$type, (byName = new Map()));
                        byName.set(el.name, (byName.get(el.name) ?? 0) + 1);
                    }
                }
            }
            for (const [type, byName] of counts)
                for (const [name, n] of byName) if (n > 1) duplicated.add(`${type}:${name}`);
            // A data block and a scenario share the first segment of an assertion's path (spec section 14).
            // So does an actuals block (section 15): data and actuals names are unique among both.
            for (const [a, b] of SHARED_NAMESPACE)
                for (const name of counts.get(a)?.keys() ?? [])
                    if (counts.get(b)?.has(name)) clashing.add(`${a}:${name}`);
            models.slice(1).forEach(m => extraModels.add(m));
        }
        for (const el of file.elements) {
            if (el.$type === 'ModelDecl') {
                if (extraModels.has(el))
                    accept(
                        'error',
                        'A model has one `model` block, in its entry file or one of its imports; this is another',
                        { node: el, property: 'name', code: Codes.DuplicateModel },
                    );
                continue;
            }
            if (!('name' in el) || !el.name) continue;
            checkReservedName(el, accept);
            if (duplicated.size > 0 && duplicated.has(`${el.$type}:${el.name}`)) {
                accept(
                    'error',
                    `Duplicate ${kindWord(el)} name \`${el.name}\`: ` +
                        `another ${kindWord(el)} in this model's files has the same name`,
                    { node: el, property: 'name', code: Codes.DuplicateName },
                );
            } else if (clashing.size > 0 && clashesWith(clashing, el.$type, el.name) !== undefined) {
                const other = clashesWith(clashing, el.$type, el.name);
                accept(
                    'error',
                    `Duplicate ${kindWord(el)} name \`${el.name}\`: ${other} in this model's files has the same name`,
                    { node: el, property: 'name', code: Codes.DuplicateName },
                );
            }
            if (el.$type === 'Scenario') this.checkScenarioMembers(el, accept);
        }
        this.checkUnused(file, accept);
    }

    private checkScenarioMembers(scenario: Scenario, accept: ValidationAcceptor): void {
        const seen = new Set<string>();
        const base = this.baseNames(scenario);
        for (const m of scenario.members) {
            checkReservedName(m, accept);
            const key = `${m.$type}:${m.name}`;
            if (seen.has(key))
                accept('error', `Duplicate ${kindWord(m)} \`${m.name}\` in this scenario`, {
                    node: m,
                    property: 'name',
                    code: Codes.DuplicateName,
                });
            seen.add(key);
            const names = base.get(m.$type);
            if (!m.name || names?.has(m.name)) continue;
            this.checkNewInScenario(scenario, m, names ?? new Set(), accept);
        }
    }

    /**
     * A scenario member whose name the base model does not have adds a declaration. When the name
     * is close to a base name (`Midmarket` for `MidMarket`), the scenario almost certainly meant to
     * change that one; a new tier without services needs no work from anyone and silently changes
     * the totals. Both read as a mistake that is easy to miss, so both are warnings.
     */
    private checkNewInScenario(
        scenario: Scenario,
        member: ScenarioMember,
        names: Set<string>,
        accept: ValidationAcceptor,
    ): void {
        const kind = kindWord(member);
        const suggestion = didYouMean(member.name, names);
        if (suggestion) {
            accept(
                'warning',
                `The base model has no ${kind} \`${member.name}\`, so scenario ${scenario.name} adds one` +
                    didYouMeanText(suggestion),
                { node: member, property: 'name', code: Codes.ScenarioNameLikeBase },
            );
            return;
        }
        if (member.$type !== 'Tier') return;
        const services = member.props.some(p => p.key === 'services');
        const revenue = member.props.some(p => REVENUE_KEYS.includes(p.key));
        if (services && revenue) return;
        const lacks = [
            ...(services ? [] : ['`services`']),
            ...(revenue ? [] : ['revenue (`arr`, `mrr` or `revenue`)']),
        ].join(' or ');
        const effect = [
            ...(services ? [] : ['need no work from any role']),
            ...(revenue ? [] : ['bring no revenue']),
        ].join(' and ');
        accept(
            'warning',
            `Scenario ${scenario.name} adds a new tier \`${member.name}\` without ${lacks}: its accounts ${effect}`,
            { node: member, property: 'name', code: Codes.ScenarioDeclarationCountsNothing },
        );
    }

    /** The names of the base model's declarations by node type, across the file's imports. */
    private baseNames(node: AstNode): Map<string, Set<string>> {
        const names = new Map<string, Set<string>>();
        for (const doc of this.services.workspace.ImportGraph.closure(AstUtils.getDocument(node))) {
            for (const el of (doc.parseResult.value as CapFile).elements ?? []) {
                if (!('name' in el) || typeof el.name !== 'string') continue;
                let set = names.get(el.$type);
                if (!set) names.set(el.$type, (set = new Set()));
                set.add(el.name);
            }
        }
        return names;
    }

    /** Roles no service or agent names and services no tier lists are dead weight (hints). */
    private checkUnused(file: CapFile, accept: ValidationAcceptor): void {
        const isUsed = this.usedIn(file);
        for (const el of file.elements) {
            if (el.$type !== 'Role' && el.$type !== 'Service') continue;
            if (isUsed(el)) continue;
            const what = el.$type === 'Role' ? 'No service or agent uses role' : 'No tier lists service';
            accept('hint', `${what} \`${el.name}\``, {
                node: el,
                property: 'name',
                code: el.$type === 'Role' ? Codes.UnusedRole : Codes.UnusedService,
                tags: [1],
            });
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

    /**
     * What the model's data blocks found (spec section 14) at the declarations of this file: a file
     * or column that is not there, values that match nothing, a tier with no rows. Problems inside
     * a data file are that file's diagnostics (workspace/data-diagnostics.ts).
     */
    checkData(file: CapFile, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(file);
        const reported = new Set<string>();
        for (const evaluation of this.services.evaluation.CapEvaluator.evaluationsOf(document)) {
            for (const block of [...evaluation.data, ...evaluation.actuals]) {
                for (const p of block.problems) {
                    if (AstUtils.getDocument(p.node) !== document) continue;
                    const key = `${p.node.$cstNode?.offset}:${p.code}:${p.message}`;
                    if (reported.has(key)) continue;
                    reported.add(key);
                    accept(p.severity, p.message, {
                        node: p.node,
                        property: p.property,
                        index: p.index,
                        code: p.code,
                        data: p.value === undefined ? undefined : { value: p.value, rows: p.rows },
                    });
                }
            }
        }
    }

    /** The engine's warnings (unserved demand, over capacity, overload, undefined CLV), located. */
    checkEngineFindings(file: CapFile, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(file);
        const reported = new Set<string>();
        for (const evaluation of this.services.evaluation.CapEvaluator.evaluationsOf(document)) {
            for (const finding of evaluation.results.findings) {
                const node = evaluation.nodes[finding.subject.kind].get(finding.subject.name) as
                    | (AstNode & { name: string })
                    | undefined;
                if (!node || AstUtils.getDocument(node) !== document) continue;
                const key = `${finding.code}:${finding.subject.name}:${finding.message}`;
                if (reported.has(key)) continue;
                reported.add(key);
                // Drift is about the designed effort: it is marked there, where its quick fix acts.
                const prop =
                    finding.property === undefined
                        ? undefined
                        : (node as AstNode & { props?: Property[] }).props?.find(p => p.key === finding.property);
                accept(finding.severity === 'error' ? 'error' : 'warning', finding.message, {
                    node: prop ?? node,
                    property: prop ? 'value' : 'name',
                    code: FINDING_CODES[finding.code],
                });
            }
        }
    }

    private context(node: AstNode): BlockContext {
        const document = AstUtils.getDocument(node);
        return {
            kind: KIND_OF[node.$type],
            currency: this.currencyOf(document),
            isOverride: this.isOverride(node),
            period: this.planFor(document)?.model.period ?? 'month',
            inScenario: node.$container?.$type === 'Scenario',
        };
    }

    /** The base declarations of the model a node's document belongs to, by kind and name. */
    private planNodes(node: AstNode): DeclarationNodes | undefined {
        return this.planFor(AstUtils.getDocument(node))?.nodes;
    }

    /** The model a node's document belongs to (its first entry file's), for its start and horizon. */
    private planOf(node: AstNode): CapModel | undefined {
        return this.planFor(AstUtils.getDocument(node))?.model;
    }

    /** The currency of the model a document belongs to (its first entry file's model block). */
    private currencyOf(document: LangiumDocument): string {
        return this.planFor(document)?.model.currency ?? 'USD';
    }

    /**
     * The evaluation of the first model a document belongs to. Blocks ask for it one by one (for
     * the currency, the start and the horizon), so it is kept per document until the workspace
     * changes, when the evaluator drops it too.
     */
    private planFor(document: LangiumDocument): Evaluation | undefined {
        return this.plans.get(
            document.uri.toString(),
            () => this.services.evaluation.CapEvaluator.evaluationsOf(document)[0],
        );
    }

    /** A scenario member whose name exists in the base model overrides it rather than declaring it. */
    private isOverride(node: AstNode): boolean {
        if (node.$container?.$type !== 'Scenario') return false;
        const member = node as ScenarioMember;
        const document = AstUtils.getDocument(node);
        return this.services.workspace.ImportGraph.closure(document).some(doc =>
            (doc.parseResult.value as CapFile).elements.some(
                el => el.$type === member.$type && (el as ScenarioMember).name === member.name,
            ),
        );
    }
}

/** Kinds whose names meet in an assertion's first segment: [a, b] is checked as `a:name` clashing with b. */
const SHARED_NAMESPACE: [string, string][] = [
    ['Data', 'Scenario'],
    ['Actuals', 'Scenario'],
    ['Actuals', 'Data'],
];

/** The other kind a block's name clashes with (`a scenario`), or undefined. */
function clashesWith(clashing: Set<string>, type: string, name: string): string | undefined {
    const words: Record<string, string> = { Data: 'a data block', Actuals: 'an actuals block', Scenario: 'a scenario' };
    for (const [a, b] of SHARED_NAMESPACE) {
        if (type === a && clashing.has(`${a}:${name}`)) return words[b];
        if (type === b && clashing.has(`${a}:${name}`)) return words[a];
    }
    return undefined;
}

/**
 * `__proto__` is a valid name in Cap's grammar, but the engine and the report keep declarations
 * in objects keyed by name, where assigning `__proto__` sets the object's prototype instead: the
 * declaration would vanish from every figure. It is refused where it is written.
 */
function checkReservedName(node: AstNode & { name?: string }, accept: ValidationAcceptor): void {
    if (node.name !== '__proto__') return;
    accept('error', '`__proto__` cannot name a declaration: JavaScript reserves it; choose another name', {
        node,
        property: 'name',
        code: Codes.ReservedName,
    });
}

function kindWord(node: AstNode): string {
    return declarationWord(node) ?? 'declaration';
}

function round(x: number): string {
    return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

/** `hours` and overhead items that read as hours rates or percentages: the lowering will not fall back to 0. */
function wellFormedTime(prop: Property): boolean {
    if (prop.key === 'hours' && isMeasureProperty(prop)) {
        const i = interpretMeasure(prop.value);
        return i.ok && i.dimension === 'hours' && i.per !== undefined;
    }
    if (isOverheadProperty(prop)) {
        const values = prop.value ? [prop.value] : prop.items.map(item => item.value);
        return values.every(v => {
            const i = v ? interpretMeasure(v) : undefined;
            return i?.ok === true && (i.dimension === 'percent' || (i.dimension === 'hours' && i.per !== undefined));
        });
    }
    return true;
}
