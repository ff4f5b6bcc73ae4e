import type { AgentResult, RoleForecast, RoleResult, RoleSpec, ServiceResult, TierResult } from '@cap/engine';
import {
    formatFte,
    formatHours,
    formatMoney,
    formatMonth as formatMonthIndex,
    formatNumber,
    formatPercent,
    formatRatePer,
    monthlyAttrition,
    monthlyExpansion,
    periodMonths,
    periodSuffix,
} from '@cap/engine';
import type { EvaluationView } from '../workspace/evaluation.js';
import { explainAgentBook, explainTierData } from './explain-data.js';
import { explainAgentActuals, explainRoleActuals, explainServiceActuals } from './explain-actuals.js';

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
    if (spec) lines.push(...attritionLines(ev, spec), ...hiringLines(ev, spec));
    lines.push(...explainRoleActuals(ev, role.name));
    return [...lines, ...entryNote(ev, shared)].join('  \n');
}

/** The role's forecast, when the model has one. */
function roleForecast(ev: EvaluationView, role: string): RoleForecast | undefined {
    return ev.forecast?.roles[role];
}

/** Attrition (§16): am from the rate, and the FTE expected to leave over the forecast. */
export function attritionLines(ev: EvaluationView, spec: RoleSpec): string[] {
    const a = spec.attrition;
    if (a === null) return [];
    const am = monthlyAttrition(spec);
    const root = `^(1/${formatNumber(a.months, 2)})`;
    const monthly = bold(`${monthlyPercent(am)} a month`);
    const lines = [`attrition ${formatRatePer(a)} → am = 1 − (1 − ${formatPercent(a.rate)})${root} = ${monthly}`];
    const f = roleForecast(ev, spec.name);
    const months = ev.forecast?.months ?? [];
    if (f && months.length > 0) {
        const leavers = bold(`${formatFte(f.leaversFte.at(-1) ?? 0)} FTE`);
        lines.push(
            `leavers by ${months.at(-1)} = Σ fte ${times} count ${times} (1 − (1 − am)^j), j months since each agent ` +
                `is first counted = ${leavers}; staffed FTE and team cost fall by (1 − am)^j, and the hiring plan ` +
                'backfills them',
        );
    }
    return lines;
}

/** The hiring plan of a role (§9, §16): its hires, and when the first is needed, must start and be opened. */
export function hiringLines(ev: EvaluationView, spec: RoleSpec): string[] {
    const f = roleForecast(ev, spec.name);
    const months = ev.forecast?.months ?? [];
    const fill = formatNumber(spec.hiringMonths);
    if (!f || months.length === 0) {
        if (spec.hiringMonths <= 0) return [];
        return [`time to fill ${fill} months (a forecast, \`start\` and \`horizon\`, dates the requisitions)`];
    }
    const first = f.hiringPlan[0];
    if (!first) return [`hiring plan: no hire needed over the forecast (${months[0]} to ${months.at(-1)})`];
    const late = (month: string) => (month < months[0] ? `${month} (before the forecast: late)` : month);
    const hires = bold(`${f.hires} ${f.hires === 1 ? 'hire' : 'hires'}`);
    return [
        `hiring plan: ${hires} over the forecast; the first is needed from ${first.neededFrom}`,
        `start by = ${first.neededFrom} − ceil(ramp ${formatNumber(spec.rampMonths)}) months = ${late(first.startBy)}`,
        `open req by = start by − ceil(time to fill ${fill}) months = ${bold(late(first.openBy))}`,
    ];
}

/** A monthly rate with the precision a small rate needs: `1.35%`. */
function monthlyPercent(x: number | null): string {
    return x === null ? '—' : `${formatNumber(x * 100, 2)}%`;
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
    lines.push(...explainServiceActuals(ev, service.name));
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
    if (spec?.expansion) {
        const e = spec.expansion;
        const em = bold(`${monthlyPercent(monthlyExpansion(spec))} a month`);
        const root = `^(1/${formatNumber(e.months, 2)})`;
        lines.push(
            `expansion ${formatRatePer(e)} → em = (1 + ${formatPercent(e.rate)})${root} − 1 = ${em}; ` +
                `in forecast month m, revenue per account = R ${times} (1 + em)^m`,
        );
    }
    if (spec?.intake) {
        const won = spec.intake.map(i => `${formatMonthIndex(i.month)} ${formatNumber(i.count)}`).join(', ');
        const snapshot = formatNumber(tier.newAccounts);
        lines.push(`new accounts in given months: ${won}; the snapshot takes its own month's, ${snapshot} a month`);
    }
    lines.push(
        `CLV = revenue ${formatMoney(tier.revenuePerAccount, cur)} ${times} margin ${formatPercent(tier.margin)} ` +
            `${times} lifetime ${formatNumber(tier.lifetimeMonths, 1)} months = ${bold(formatMoney(tier.clv, cur))}`,
    );
    lines.push(
        `net CLV = CLV − cost to serve ${formatMoney(tier.costToServe, cur)} ` +
            `${times} ${formatNumber(tier.lifetimeMonths, 1)} months = ${bold(formatMoney(tier.clvNet, cur))}`,
    );
    lines.push(...explainTierData(ev, tier));
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
    lines.push(...explainAgentBook(ev, agent), ...explainAgentActuals(ev, agent.name));
    return [...lines, ...entryNote(ev, shared)].join('  \n');
}

/** Figures per reporting period, as the hints show them: `120 h/mo`, `360 h/qtr`. */
export function perPeriod(ev: EvaluationView): { k: number; suffix: string } {
    const period = ev.results.model.period;
    return { k: periodMonths(period), suffix: periodSuffix(period) };
}
