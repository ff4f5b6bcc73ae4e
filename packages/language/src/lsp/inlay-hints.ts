import type { AstNode, CstNode, LangiumDocument, MaybePromise } from 'langium';
import { GrammarUtils } from 'langium';
import type { InlayHintProvider, LangiumServices } from 'langium/lsp';
import type { InlayHint, InlayHintParams, MarkupContent, Range } from 'vscode-languageserver';
import type { RoleSpec } from '@cap/engine';
import { formatFte, formatMoneyShort, formatNumber, monthlyAttrition } from '@cap/engine';
import type { CapFile, Property } from '../generated/ast.js';
import { isAssertion, isScenario } from '../generated/ast.js';
import { assertionHintLabel, explainScenario, scenarioHintLabel } from './plan-figures.js';
import type { CapEvaluator, Evaluation } from '../workspace/evaluation.js';
import type { ImportGraph } from '../workspace/imports.js';
import { Codes } from '../validation/codes.js';
import {
    attritionLines,
    explainAgent,
    explainRole,
    explainService,
    explainTier,
    hiringLines,
    perPeriod,
} from './explain.js';
import {
    HINT_LENGTH,
    PARTIAL,
    agentLabel,
    effectiveLabel,
    fit,
    roleLabel,
    serviceLabel,
    tierLabel,
    tierRoleLabels,
} from './hint-labels.js';
import type { DeclarationFigures } from './figures.js';
import { agentActualsHint, roleActualsHint, serviceActualsHint } from './explain-actuals.js';
import { figuresFor, resultOf } from './figures.js';
import type { CapSettings, HintKind } from './settings.js';

/**
 * The numbers beside the text (issue: live capacity in the editor). Every figure comes from the
 * evaluation cached for the document's latest build; a request only formats and positions them,
 * and only for the declarations inside the requested range.
 */
export class CapInlayHintProvider implements InlayHintProvider {
    private readonly evaluator: CapEvaluator;
    private readonly settings: () => CapSettings;
    private readonly imports: () => ImportGraph;
    /** By document: whether the hints last sent said the model has errors. */
    private readonly shownWithErrors = new Map<string, boolean>();

    constructor(
        services: LangiumServices & {
            evaluation: { CapEvaluator: CapEvaluator };
            lsp: { CapSettings: CapSettings };
            workspace: { ImportGraph: ImportGraph };
        },
    ) {
        this.evaluator = services.evaluation.CapEvaluator;
        this.settings = () => services.lsp.CapSettings;
        this.imports = () => services.workspace.ImportGraph;
    }

    getInlayHints(document: LangiumDocument, params: InlayHintParams): MaybePromise<InlayHint[] | undefined> {
        const figures = figuresFor(this.evaluator, document);
        if (!figures) return [];
        const settings = this.settings();
        const errors = modelErrors(this.imports().closure(figures.evaluation.entry));
        this.shownWithErrors.set(document.uri.toString(), errors > 0);
        const partial = errors > 0 ? partialSentence(errors) : undefined;
        const placed: Placed[] = [];
        const root = document.parseResult.value as CapFile;
        for (const el of root.elements ?? []) {
            const cst = el.$cstNode;
            if (!cst || !overlaps(cst.range, params.range)) continue;
            if (isScenario(el)) {
                const scenario = figures.evaluation.scenarios.get(el.name);
                if (scenario?.node === el && settings.hintEnabled('scenarios')) {
                    placed.push({
                        at: afterName(el),
                        parts: scenarioHintLabel(figures.evaluation, scenario),
                        tooltip: explainScenario(figures.evaluation, scenario),
                    });
                }
                continue;
            }
            if (isAssertion(el)) {
                const assertion = figures.evaluation.assertions.find(a => a.node === el);
                const label = assertion ? assertionHintLabel(assertion) : '';
                if (label && settings.hintEnabled('assertions'))
                    placed.push({ at: cst, parts: [label], tooltip: assertion!.message });
                continue;
            }
            const decl = resultOf(figures.evaluation, el);
            if (!decl || !settings.hintEnabled(kindSetting(decl))) continue;
            placed.push(...hintsFor(decl, figures.evaluation, figures.shared));
        }
        return placed.flatMap(p => hint(p, partial)).filter(h => inRange(h.position, params.range));
    }

    /**
     * Whether a build changed a document's hints from partial to whole or back. Hints are answered
     * before validation, so a check's new error is known only when the build has validated: then a
     * refresh asks the client for hints that say so.
     */
    errorsChanged(built: LangiumDocument[]): boolean {
        return built.some(doc => {
            const shown = this.shownWithErrors.get(doc.uri.toString());
            if (shown === undefined) return false;
            const figures = figuresFor(this.evaluator, doc);
            const errors = figures ? modelErrors(this.imports().closure(figures.evaluation.entry)) : 0;
            return shown !== errors > 0;
        });
    }
}

/** An assertion's problem or failure is about the assertion: the figures are whole. */
const ABOUT_ASSERTIONS = new Set<unknown>([Codes.AssertionPath, Codes.AssertionUnit, Codes.AssertionFailed]);

/** The errors known in a model's files: syntax errors at once, the others once validated. */
function modelErrors(files: LangiumDocument[]): number {
    let errors = 0;
    for (const doc of files) {
        const { lexerErrors, parserErrors } = doc.parseResult;
        const checked = doc.diagnostics?.filter(d => d.severity === 1 && !ABOUT_ASSERTIONS.has(d.code)).length ?? 0;
        errors += Math.max(lexerErrors.length + parserErrors.length, checked);
    }
    return errors;
}

/** As the preview says it above its figures. */
function partialSentence(errors: number): string {
    const count = `${errors} error${errors === 1 ? '' : 's'}`;
    return `${count} in the model: these figures are from the parts that could be read.`;
}

function kindSetting(decl: DeclarationFigures): HintKind {
    return `${decl.kind}s` as HintKind;
}

/** Each hint's label parts (hint-labels.ts) at its place in the text, with its tooltip. */
function hintsFor(decl: DeclarationFigures, ev: Evaluation, shared: boolean): Placed[] {
    const units = { ...perPeriod(ev), currency: ev.results.model.currency };
    switch (decl.kind) {
        case 'role': {
            const tooltip = explainRole(ev, decl.result, shared);
            const anchor = property(decl.node, 'overhead') ?? property(decl.node, 'hours');
            const spec = ev.model.roles.find(role => role.name === decl.result.name);
            return [
                { at: afterName(decl.node), parts: roleLabel(decl.result), tooltip },
                { at: anchor, parts: effectiveLabel(decl.result, units), tooltip },
                ...(spec ? recruitingHints(decl.node, spec, ev) : []),
                ...logged(afterName(decl.node), roleActualsHint(ev, decl.result.name), tooltip),
            ];
        }
        case 'service': {
            const tooltip = explainService(ev, decl.result, shared);
            return [
                { at: property(decl.node, 'effort'), parts: serviceLabel(decl.result, units), tooltip },
                ...logged(afterName(decl.node), serviceActualsHint(ev, decl.result.name), tooltip),
            ];
        }
        case 'tier': {
            const t = decl.result;
            const tooltip = explainTier(ev, t, shared);
            // `accounts from crm`: what the CRM export holds for the tier (spec section 14).
            const fromData = decl.node.props.find(p => p.$type === 'MeasureProperty' && p.key === 'accounts' && p.data);
            const arr = t.revenuePerAccount === null ? null : t.accounts * t.revenuePerAccount * 12;
            const data: Placed[] = fromData?.$cstNode
                ? [
                      {
                          at: fromData.$cstNode,
                          parts: [
                              `${formatNumber(t.accounts)} accounts`,
                              `ARR ${formatMoneyShort(arr, units.currency)}`,
                          ],
                          tooltip,
                      },
                  ]
                : [];
            const anchor = property(decl.node, 'services');
            return [
                { at: afterName(decl.node), parts: tierLabel(t, units), tooltip },
                ...data,
                ...tierRoleLabels(t, units).map(labels => ({ at: anchor, ...labels, tooltip })),
            ];
        }
        case 'agent': {
            const tooltip = explainAgent(ev, decl.result, shared);
            return [
                { at: afterName(decl.node), parts: agentLabel(decl.result, units), tooltip },
                ...logged(afterName(decl.node), agentActualsHint(ev, decl.result.name), tooltip),
            ];
        }
    }
}

/**
 * Section 16 beside `attrition` and `hiring`: the FTE expected to leave over the forecast, and the
 * month the first requisition must open (`late` when that is before the forecast starts).
 */
function recruitingHints(node: AstNode & { props?: Property[] }, spec: RoleSpec, ev: Evaluation): Placed[] {
    const forecast = ev.forecast;
    const role = forecast?.roles[spec.name];
    const out: Placed[] = [];
    const attrition = property(node, 'attrition');
    if (attrition && spec.attrition !== null) {
        const tooltip = attritionLines(ev, spec).join('  \n');
        if (role && forecast!.months.length > 0) {
            const leavers = `≈ ${formatFte(role.leaversFte.at(-1) ?? 0)} FTE leave`;
            out.push({ at: attrition, parts: [`${leavers} over the horizon`], shorter: [leavers], tooltip });
        } else {
            const rate = `${formatNumber(monthlyAttrition(spec) * 100, 2)}% a month`;
            out.push({ at: attrition, parts: [`${rate}, compounded`], shorter: [rate], tooltip });
        }
    }
    const hiring = property(node, 'hiring');
    if (hiring && role && forecast!.months.length > 0) {
        const first = role.hiringPlan[0];
        const label = !first
            ? 'no req to open over the horizon'
            : `first req opens ${first.openBy}${first.openBy < forecast!.months[0] ? ' (late)' : ''}`;
        out.push({ at: hiring, parts: [label], tooltip: hiringLines(ev, spec).join('  \n') });
    }
    return out;
}

/** The end of a declaration's title, or of its name when it has none: where its headline goes. */
export function afterName(node: AstNode): CstNode | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    return GrammarUtils.findNodeForProperty(cst, 'title') ?? GrammarUtils.findNodeForProperty(cst, 'name');
}

function property(node: AstNode & { props?: Property[] }, key: string): CstNode | undefined {
    return node.props?.find(p => p.key === key)?.$cstNode;
}

/** What a time log says beside a declaration (spec section 15), key figure first; none without one. */
function logged(at: CstNode | undefined, label: string | undefined, tooltip: string): Placed[] {
    return label === undefined ? [] : [{ at, parts: label.split(' · '), tooltip }];
}

/** A hint before it is fitted: where it goes, its label's parts (key figure first), its tooltip. */
interface Placed {
    at: CstNode | undefined;
    parts: string[];
    /** The parts to use when the first of `parts` does not fit. */
    shorter?: string[];
    tooltip: string;
}

/**
 * The hint, within VS Code's 43 characters; while the model has errors (`partial`: a sentence
 * saying so), the label ends in ` (partial)` and the tooltip starts with the sentence.
 */
function hint({ at, parts, shorter, tooltip }: Placed, partial: string | undefined): InlayHint[] {
    if (!at || parts.length === 0) return [];
    const room = partial ? HINT_LENGTH - PARTIAL.length : HINT_LENGTH;
    const label = fit(shorter && parts[0].length > room ? shorter : parts, room) + (partial ? PARTIAL : '');
    const text = partial ? `_${partial}_\n\n${tooltip}` : tooltip;
    return [{ position: at.range.end, label, paddingLeft: true, tooltip: markdown(text) }];
}

export function markdown(value: string): MarkupContent {
    return { kind: 'markdown', value };
}

function overlaps(a: Range, b: Range): boolean {
    return !(before(a.end, b.start) || before(b.end, a.start));
}

function inRange(p: { line: number; character: number }, r: Range): boolean {
    return !before(p, r.start) && !before(r.end, p);
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}
