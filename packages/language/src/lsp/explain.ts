import type { AgentResult, RoleResult, ServiceResult, TierResult } from '@cap/engine';
import {
    formatFte,
    formatHours,
    formatMoney,
    formatNumber,
    formatPercent,
    periodMonths,
    periodSuffix,
} from '@cap/engine';
import type { Evaluation } from '../workspace/evaluation.js';

/** What the explanations read of an evaluation: a scenario's hover passes the scenario's model and results. */
export type EvaluationView = Pick<Evaluation, 'entry' | 'model' | 'results'>;

/**
 * Each figure with the formula that produced it and the actual values, for hovers and hint
 * tooltips (spec sections 3 to 8). Formulas are shown per month, the unit the specification
 * defines them in; the figures in inlay hints are per reporting period and say so.
 */

const times = '×';
const div = '÷';

function bold(s: string): string {
    return `**${s}**`;
}

function heading(kind: string, name: string, title: string | null): string {
    return `**${kind} ${name}**${title ? ` — ${title}` : ''}`;
}

/** A suffix naming the entry model when a file belongs to several, so figures are not misread. */
function entryNote(ev: EvaluationView, shared: boolean): string[] {
    return shared
        ? [
              '',
              `_Figures of model \`${ev.results.model.name}\` ` +
                  `(${ev.entry.uri.path.split('/').pop()}), one of the models that import this file._`,
          ]
        : [];
}

export function explainRole(ev: EvaluationView, role: RoleResult, shared = false): string {
    const spec = ev.model.roles.find(r => r.name === role.name);
    const cur = ev.results.model.currency;
    const lines = [heading('role', role.name, spec?.title ?? null), ''];
    lines.push(
        `effective = hours ${formatHours(role.hoursPerFte)} − overhead ${formatHours(role.overheadPerFte)} = ` +
            `${bold(`${formatHours(role.effectivePerFte)}/month`)} per FTE`,
    );
    lines.push(
        `hourly cost = cost ${formatMoney(role.costPerFte, cur)} ${div} ${formatHours(role.effectivePerFte)} = ` +
            `${bold(role.hourlyCost === null ? '—' : `${formatMoney(role.hourlyCost, cur)}/h`)}`,
    );
    const byTier = Object.values(ev.results.tiers)
        .filter(t => (t.demandHours[role.name] ?? 0) > 0)
        .map(t => `${t.name} ${formatHours(t.demandHours[role.name])}`);
    lines.push(
        `demand = ${bold(`${formatHours(role.demandHours)}/month`)}` +
            `${byTier.length > 0 ? ` (${byTier.join(' + ')})` : ''}`,
    );
    lines.push(
        `required = demand ${formatHours(role.demandHours)} ${div} effective ${formatHours(role.effectivePerFte)} = ` +
            `${bold(`${formatFte(role.requiredFte)} FTE`)}`,
    );
    const agents = Object.values(ev.results.agents).filter(a => a.role === role.name && a.started);
    const staffing = agents.map(a => `${a.name} ${formatFte(a.fte * a.count * a.rampFactor)}`);
    lines.push(
        `staffed = ${bold(`${formatFte(role.staffedFte)} FTE`)}` +
            `${staffing.length > 0 ? ` (${staffing.join(' + ')})` : ''}`,
    );
    lines.push(
        role.utilization === null
            ? 'utilization = — (nobody is staffed)'
            : `utilization = ${formatHours(role.demandHours)} ${div} ` +
                  `(${formatFte(role.staffedFte)} FTE ${times} ${formatHours(role.effectivePerFte)}) = ` +
                  `${bold(formatPercent(role.utilization))}`,
    );
    if (role.gapFte !== null)
        lines.push(
            `gap = ${formatFte(role.requiredFte)} − ${formatFte(role.staffedFte)} = ${formatFte(role.gapFte)} FTE → ` +
                `${bold(`${role.hires ?? 0} ${role.hires === 1 ? 'hire' : 'hires'}`)}`,
        );
    return [...lines, ...entryNote(ev, shared)].join('  \n');
}

export function explainService(ev: EvaluationView, service: ServiceResult, shared = false): string {
    const spec = ev.model.services.find(s => s.name === service.name);
    const lines = [heading('service', service.name, spec?.title ?? null), '', `delivered by ${service.role}`];
    if (service.kind === 'once') {
        lines.push(`effort ${formatHours(service.effortHours)} once per new account`);
    } else {
        lines.push(`occurrences = ${formatNumber(service.occurrencesPerMonth, 3)} a month`);
        lines.push(
            `designed effort = ${formatHours(service.effortHours)} ${times} ` +
                `${formatNumber(service.occurrencesPerMonth, 3)} = ` +
                `${bold(`${formatHours(service.hoursPerAccount)} per account per month`)}`,
        );
    }
    if (service.seats !== null)
        lines.push(
            `seats ${formatNumber(service.seats)}: one session serves up to ${formatNumber(service.seats)} accounts`,
        );
    if (service.uptake !== 1) lines.push(`uptake ${formatPercent(service.uptake)} of each tier's accounts`);
    if (spec?.price)
        lines.push(
            `add-on price ${formatMoney(spec.price.amount, ev.results.model.currency)} ` +
                `${spec.price.frequency.kind === 'once' ? 'once per new account' : 'per occurrence'}`,
        );
    return [...lines, ...entryNote(ev, shared)].join('  \n');
}

export function explainTier(ev: EvaluationView, tier: TierResult, shared = false): string {
    const spec = ev.model.tiers.find(t => t.name === tier.name);
    const cur = ev.results.model.currency;
    const lines = [heading('tier', tier.name, spec?.title ?? null), ''];
    lines.push(
        `${formatNumber(tier.accounts)} accounts · ` +
            `revenue ${formatMoney(tier.revenuePerAccount, cur)} per account per month`,
    );
    for (const role of Object.keys(tier.designedEffort)) {
        const r = ev.results.roles[role];
        const d = tier.designedEffort[role];
        if (!r) continue;
        lines.push(
            `${bold(role)}: capacity = effective ${formatHours(r.effectivePerFte)} ${div} ` +
                `designed effort ${formatHours(d)}/account = ` +
                `${bold(`${formatNumber(tier.accountsPerFte[role], 1)} accounts per FTE`)}; ` +
                `required = ${formatHours(tier.demandHours[role] ?? 0)} ${div} ${formatHours(r.effectivePerFte)} = ` +
                `${formatFte(tier.requiredFte[role])} FTE`,
        );
    }
    const parts = Object.keys(tier.designedEffort)
        .filter(role => ev.results.roles[role])
        .map(
            role =>
                `${formatHours(tier.designedEffort[role])} ${times} ` +
                `${formatMoney(ev.results.roles[role].hourlyCost, cur)}/h`,
        );
    lines.push(
        `cost to serve = ${parts.length > 0 ? parts.join(' + ') : '0'} = ` +
            `${bold(`${formatMoney(tier.costToServe, cur)} per account per month`)}`,
    );
    const retention = spec?.retention;
    if (retention?.kind === 'churn') {
        lines.push(
            `churn ${formatPercent(retention.rate)} ` +
                `per ${retention.months === 1 ? 'month' : `${formatNumber(retention.months)} months`} → ` +
                `monthly ${formatPercent(tier.churn)} → ` +
                `lifetime = 1 ${div} ${formatNumber(tier.churn, 4)} = ${formatNumber(tier.lifetimeMonths, 1)} months`,
        );
    } else if (retention?.kind === 'lifetime') {
        lines.push(`lifetime ${formatNumber(retention.months, 1)} months (given)`);
    } else {
        lines.push('no churn and no lifetime: CLV is undefined');
    }
    lines.push(
        `CLV = revenue ${formatMoney(tier.revenuePerAccount, cur)} ${times} margin ${formatPercent(tier.margin)} ` +
            `${times} lifetime ${formatNumber(tier.lifetimeMonths, 1)} months = ${bold(formatMoney(tier.clv, cur))}`,
    );
    lines.push(
        `net CLV = CLV − cost to serve ${formatMoney(tier.costToServe, cur)} ` +
            `${times} ${formatNumber(tier.lifetimeMonths, 1)} months = ${bold(formatMoney(tier.clvNet, cur))}`,
    );
    return [...lines, ...entryNote(ev, shared)].join('  \n');
}

export function explainAgent(ev: EvaluationView, agent: AgentResult, shared = false): string {
    const spec = ev.model.agents.find(a => a.name === agent.name);
    const role = ev.results.roles[agent.role];
    const lines = [
        heading('agent', agent.name, spec?.title ?? null),
        '',
        `${agent.role}, ${formatFte(agent.fte)} FTE` +
            `${agent.count !== 1 ? ` ${times} ${formatNumber(agent.count)}` : ''}`,
    ];
    if (!agent.started) {
        lines.push("has not started at the model's start month: counts 0 FTE and serves nothing yet");
        return [...lines, ...entryNote(ev, shared)].join('  \n');
    }
    if (agent.monthsIn !== null && role)
        lines.push(
            `ramp factor = min(1, (${agent.monthsIn} + 1) ${div} ${formatNumber(role.rampMonths)}) = ` +
                `${formatPercent(agent.rampFactor)}`,
        );
    lines.push(
        `capacity = fte ${formatFte(agent.fte)} ${times} count ${formatNumber(agent.count)} ` +
            `${times} ramp ${formatPercent(agent.rampFactor)} ` +
            `${times} effective ${formatHours(role?.effectivePerFte ?? 0)} = ` +
            `${bold(`${formatHours(agent.capacityHours)}/month`)}`,
    );
    lines.push(`assigned = ${bold(`${formatHours(agent.assignedHours)}/month`)}`);
    lines.push(
        agent.load === null
            ? 'load = — (no capacity)'
            : `load = ${formatHours(agent.assignedHours)} ${div} ${formatHours(agent.capacityHours)} = ` +
                  `${bold(formatPercent(agent.load))}${agent.load > 1 ? ' ⚠ over capacity' : ''}`,
    );
    return [...lines, ...entryNote(ev, shared)].join('  \n');
}

/** Figures per reporting period, as the hints show them: `120 h/mo`, `360 h/qtr`. */
export function perPeriod(ev: EvaluationView): { k: number; suffix: string } {
    const period = ev.results.model.period;
    return { k: periodMonths(period), suffix: periodSuffix(period) };
}
