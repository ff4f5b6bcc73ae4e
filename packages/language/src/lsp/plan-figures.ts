import type { AstNode } from 'langium';
import { AstUtils } from 'langium';
import { formatDelta, formatFte, formatMoney, formatMoneyCompact, formatPercent } from '@cap/engine';
import type { Property, Scenario, ScenarioMember } from '../generated/ast.js';
import { isProperty, isScenario } from '../generated/ast.js';
import { memberKind } from '../lowering/scenarios.js';
import type { AssertionEvaluation, Evaluation, ScenarioEvaluation } from '../workspace/evaluation.js';
import type { EvaluationView } from '../workspace/evaluation.js';
import { explainAgent, explainRole, explainService, explainTier, perPeriod } from './explain.js';

/**
 * Scenarios and assertions in the editor (spec sections 10 and 11): a scenario's change against
 * the base, a scenario block's figures, an overridden property's base value, an assertion's actual
 * figure. All read from the cached evaluation, which already computed every scenario in full.
 */

/** A change worth showing: FTE rounded to hundredths, money to whole units, is not zero. */
function changed(x: number | null | undefined, precision: number): x is number {
    return typeof x === 'number' && Number.isFinite(x) && Math.abs(x) >= precision / 2;
}

/** `+1 CSM · +$27k/qtr`: the required FTE that moved, per role, and the team cost (hint parts). */
export function scenarioHintLabel(ev: Evaluation, scenario: ScenarioEvaluation): string[] {
    const { k, suffix } = perPeriod(ev);
    const cur = ev.results.model.currency;
    const parts: string[] = [];
    for (const [role, d] of Object.entries(scenario.delta.roles)) {
        const fte = d.requiredFte as number | null;
        if (changed(fte, 0.01)) parts.push(`${formatDelta(fte, formatFte)} ${role}`);
    }
    const cost = scenario.delta.totals.teamCost as number | null;
    if (changed(cost, 1)) parts.push(`${formatDelta(cost * k, x => formatMoneyCompact(x, cur))}${suffix}`);
    return parts.length > 0 ? parts : ['no change in FTE or team cost'];
}

/** The scenario against the base, figure by figure, for hint tooltips and hovers. */
export function explainScenario(ev: Evaluation, scenario: ScenarioEvaluation): string {
    const { k, suffix } = perPeriod(ev);
    const cur = ev.results.model.currency;
    const base = ev.results;
    const s = scenario.results;
    const money = (x: number | null) => formatMoney(x === null ? null : x * k, cur);
    const lines = [
        `**scenario ${scenario.name}**${scenario.title ? ` — ${scenario.title}` : ''}`,
        '',
        '| | base | scenario | change |',
        '| --- | ---: | ---: | ---: |',
    ];
    const row = (
        label: string,
        a: number | null | undefined,
        b: number | null | undefined,
        format: (x: number | null) => string,
    ) => {
        const d = typeof a === 'number' && typeof b === 'number' ? b - a : null;
        lines.push(
            `| ${label} | ${format(a ?? null)} | ${format(b ?? null)} | ` +
                `${d === null ? '—' : formatDelta(d, x => format(x))} |`,
        );
    };
    for (const role of Object.keys(s.roles)) {
        row(`${role} required FTE`, base.roles[role]?.requiredFte, s.roles[role].requiredFte, formatFte);
        row(`${role} staffed FTE`, base.roles[role]?.staffedFte, s.roles[role].staffedFte, formatFte);
        row(`${role} utilization`, base.roles[role]?.utilization, s.roles[role].utilization, formatPercent);
    }
    row(`team cost${suffix}`, base.totals.teamCost, s.totals.teamCost, money);
    row(`CRC${suffix}`, base.totals.crc, s.totals.crc, money);
    row(`revenue${suffix}`, base.totals.revenue, s.totals.revenue, money);
    for (const tier of Object.keys(s.tiers))
        row(`${tier} CLV`, base.tiers[tier]?.clv, s.tiers[tier].clv, x => formatMoney(x, cur));
    return lines.join('\n');
}

/** `✓ 83.3%` or `✗ 104.2%` after an assertion: the figure it checked. */
export function assertionHintLabel(a: AssertionEvaluation): string {
    if (a.problem) return '';
    return `${a.ok ? '✓' : '✗'} ${a.actualText}`;
}

/** The scenario a node sits in, and the block of that scenario. */
export function scenarioContext(node: AstNode): { scenario: Scenario; member: ScenarioMember | undefined } | undefined {
    const scenario = AstUtils.getContainerOfType(node, isScenario);
    if (!scenario) return undefined;
    let member: AstNode | undefined = node;
    while (member && member.$container !== scenario) member = member.$container;
    return { scenario, member: member as ScenarioMember | undefined };
}

/**
 * Hover inside a scenario block: on an overridden property, the base value it replaces; on the
 * block's name, the declaration's figures as the scenario computes them.
 */
export function explainScenarioNode(ev: Evaluation, node: AstNode): string | undefined {
    const ctx = scenarioContext(node);
    if (!ctx) return undefined;
    const scenario = ev.scenarios.get(ctx.scenario.name);
    if (!scenario) return undefined;
    if (!ctx.member) return explainScenario(ev, scenario);
    const kind = memberKind(ctx.member);
    const baseDecl = ev.nodes[kind].get(ctx.member.name) as (AstNode & { props?: Property[] }) | undefined;
    const property = AstUtils.getContainerOfType(node, isProperty);
    const lines: string[] = [];
    if (property && property.$container === ctx.member) {
        const base = baseDecl?.props?.find(p => p.key === property.key);
        lines.push(
            base?.$cstNode
                ? `base \`${oneLine(base.$cstNode.text)}\` → ` +
                      `scenario ${scenario.name} \`${oneLine(property.$cstNode?.text ?? '')}\``
                : `\`${property.key}\` added by scenario ${scenario.name}${baseDecl ? '' : ` (a new ${kind})`}`,
        );
        lines.push('');
    } else if (!baseDecl) {
        lines.push(`A new ${kind}, only in scenario ${scenario.name}.`, '');
    }
    const view: EvaluationView = {
        entry: ev.entry,
        model: scenario.model,
        results: scenario.results,
        forecast: scenario.forecast,
    };
    const name = ctx.member.name;
    const figures =
        kind === 'role'
            ? scenario.results.roles[name] && explainRole(view, scenario.results.roles[name])
            : kind === 'service'
              ? scenario.results.services[name] && explainService(view, scenario.results.services[name])
              : kind === 'tier'
                ? scenario.results.tiers[name] && explainTier(view, scenario.results.tiers[name])
                : scenario.results.agents[name] && explainAgent(view, scenario.results.agents[name]);
    if (figures) lines.push(`_In scenario ${scenario.name}:_`, '', figures);
    return lines.join('\n');
}

function oneLine(text: string): string {
    return text.replace(/\s+/g, ' ').trim();
}
