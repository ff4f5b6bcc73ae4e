import type { AstNode, CstNode, LangiumDocument, MaybePromise } from 'langium';
import { GrammarUtils } from 'langium';
import type { InlayHintProvider, LangiumServices } from 'langium/lsp';
import type { InlayHint, InlayHintParams, MarkupContent, Range } from 'vscode-languageserver';
import { formatFte, formatHours, formatMoney, formatNumber, formatPercent } from '@cap/engine';
import type { CapFile, Property } from '../generated/ast.js';
import { isAssertion, isScenario } from '../generated/ast.js';
import { assertionHintLabel, explainScenario, scenarioHintLabel } from './plan-figures.js';
import type { CapEvaluator, Evaluation } from '../workspace/evaluation.js';
import { explainAgent, explainRole, explainService, explainTier, perPeriod } from './explain.js';
import type { DeclarationFigures } from './figures.js';
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

    constructor(
        services: LangiumServices & { evaluation: { CapEvaluator: CapEvaluator }; lsp: { CapSettings: CapSettings } },
    ) {
        this.evaluator = services.evaluation.CapEvaluator;
        this.settings = () => services.lsp.CapSettings;
    }

    getInlayHints(document: LangiumDocument, params: InlayHintParams): MaybePromise<InlayHint[] | undefined> {
        const figures = figuresFor(this.evaluator, document);
        if (!figures) return [];
        const settings = this.settings();
        const hints: InlayHint[] = [];
        const root = document.parseResult.value as CapFile;
        for (const el of root.elements ?? []) {
            const cst = el.$cstNode;
            if (!cst || !overlaps(cst.range, params.range)) continue;
            if (isScenario(el)) {
                const scenario = figures.evaluation.scenarios.get(el.name);
                if (scenario?.node === el && settings.hintEnabled('scenarios')) {
                    hints.push(
                        ...hint(
                            afterName(el),
                            scenarioHintLabel(figures.evaluation, scenario),
                            markdown(explainScenario(figures.evaluation, scenario)),
                        ),
                    );
                }
                continue;
            }
            if (isAssertion(el)) {
                const assertion = figures.evaluation.assertions.find(a => a.node === el);
                const label = assertion ? assertionHintLabel(assertion) : '';
                if (label && settings.hintEnabled('assertions'))
                    hints.push(...hint(cst, label, markdown(assertion!.message)));
                continue;
            }
            const decl = resultOf(figures.evaluation, el);
            if (!decl || !settings.hintEnabled(kindSetting(decl))) continue;
            hints.push(...hintsFor(decl, figures.evaluation, figures.shared));
        }
        return hints.filter(h => inRange(h.position, params.range));
    }
}

function kindSetting(decl: DeclarationFigures): HintKind {
    return `${decl.kind}s` as HintKind;
}

function hintsFor(decl: DeclarationFigures, ev: Evaluation, shared: boolean): InlayHint[] {
    const { k, suffix } = perPeriod(ev);
    const cur = ev.results.model.currency;
    switch (decl.kind) {
        case 'role': {
            const r = decl.result;
            const tooltip = markdown(explainRole(ev, r, shared));
            const over = r.utilization !== null && r.utilization > 1 ? ' ⚠' : '';
            const out = [
                ...hint(
                    afterName(decl.node),
                    `required ${formatFte(r.requiredFte)} FTE · staffed ${formatFte(r.staffedFte)} · ` +
                        `${formatPercent(r.utilization)} utilized${over}`,
                    tooltip,
                ),
            ];
            const anchor = property(decl.node, 'overhead') ?? property(decl.node, 'hours');
            if (anchor)
                out.push(
                    ...hint(
                        anchor,
                        `⟶ ${formatHours(r.effectivePerFte * k)}${suffix} effective · ` +
                            `${r.hourlyCost === null ? '—' : formatMoney(r.hourlyCost, cur)}/h`,
                        tooltip,
                    ),
                );
            return out;
        }
        case 'service': {
            const s = decl.result;
            const anchor = property(decl.node, 'effort');
            if (!anchor) return [];
            const label =
                s.kind === 'once'
                    ? `⟶ ${formatHours(s.effortHours)} per new account`
                    : s.seats !== null
                      ? `⟶ ${formatHours(s.effortHours * s.occurrencesPerMonth * k)}${suffix} ` +
                        `per session of up to ${formatNumber(s.seats)} accounts`
                      : `⟶ ${formatHours(s.hoursPerAccount * k)}/account${suffix}`;
            return hint(anchor, label, markdown(explainService(ev, s, shared)));
        }
        case 'tier': {
            const t = decl.result;
            const tooltip = markdown(explainTier(ev, t, shared));
            const required = Object.values(t.requiredFte).reduce<number>((sum, x) => sum + (x ?? 0), 0);
            const out = [
                ...hint(
                    afterName(decl.node),
                    `${formatFte(required)} FTE · ` +
                        `${formatMoney(t.costToServe === null ? null : t.costToServe * k, cur)}${suffix} to serve · ` +
                        `CLV ${formatMoney(t.clv, cur)}`,
                    tooltip,
                ),
            ];
            const anchor = property(decl.node, 'services');
            const perRole = Object.keys(t.designedEffort).map(role => {
                const effort = t.designedEffort[role];
                return (
                    `${role} ${formatHours(effort === null ? null : effort * k)}/account${suffix} → ` +
                    `${formatNumber(t.accountsPerFte[role], 1)} accounts/FTE`
                );
            });
            if (anchor && perRole.length > 0) out.push(...hint(anchor, perRole.join(' · '), tooltip));
            return out;
        }
        case 'agent': {
            const a = decl.result;
            const label = !a.started
                ? 'not started yet · 0 FTE'
                : `load ${formatPercent(a.load)}${a.load !== null && a.load > 1 ? ' ⚠' : ''} · ` +
                  `${formatHours(a.capacityHours * k)}${suffix} capacity` +
                  `${a.rampFactor < 1 ? ` · ramping ${formatPercent(a.rampFactor)}` : ''}`;
            return hint(afterName(decl.node), label, markdown(explainAgent(ev, a, shared)));
        }
    }
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

function hint(at: CstNode | undefined, label: string, tooltip: MarkupContent): InlayHint[] {
    return at ? [{ position: at.range.end, label, paddingLeft: true, tooltip }] : [];
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
