import type { ActualsResult, ActualsSpec } from '@cap/engine';
import { formatHours, formatNumber, formatPercent, periodMonths, periodSuffix } from '@cap/engine';
import type { Evaluation } from '../workspace/evaluation.js';

/**
 * What the time logs say about a service, a role or an agent (spec section 15), for the hints and
 * hovers: the figures come from the evaluation, these only word them. The first actuals block that
 * has the declaration speaks for it.
 */

type View = Pick<Evaluation, 'model' | 'results'>;

interface Found<T> {
    block: ActualsResult;
    spec: ActualsSpec | undefined;
    name: string;
    figures: T;
}

function find<K extends 'services' | 'roles' | 'agents'>(
    ev: View,
    part: K,
    name: string,
): Found<ActualsResult[K][string]> | undefined {
    for (const [block, result] of Object.entries(ev.results.actuals ?? {})) {
        if (Object.hasOwn(result[part], name)) {
            const spec = ev.model.actuals.find(a => a.name === block);
            return { block: result, spec, name: block, figures: result[part][name] as ActualsResult[K][string] };
        }
    }
    return undefined;
}

/** `logged 212 h/mo · +32% ⚠` beside a service with logged time (⚠ beyond the tolerance). */
export function serviceActualsHint(ev: View, service: string): string | undefined {
    const found = find(ev, 'services', service);
    const actual = found?.figures.actualHours ?? null;
    if (!found || actual === null) return undefined;
    const { k, suffix } = period(ev);
    const v = found.figures.variance;
    const drift = v === null ? actual > 0 : Math.abs(v) > (found.spec?.tolerance ?? 0.2);
    return `logged ${hours(actual * k)}${suffix} · ${v === null ? 'no design' : signed(v)}${drift ? ' ⚠' : ''}`;
}

/** `logged 940 h/mo · 12% unplanned` beside a role. */
export function roleActualsHint(ev: View, role: string): string | undefined {
    const found = find(ev, 'roles', role);
    const r = found?.figures;
    if (!r || r.actualHours === null || (r.actualHours === 0 && r.designedHours === 0)) return undefined;
    const { k, suffix } = period(ev);
    const unplanned = r.actualHours > 0 ? (r.unplannedHours ?? 0) / r.actualHours : 0;
    return `logged ${hours(r.actualHours * k)}${suffix} · ${formatPercent(unplanned)} unplanned`;
}

/** `logged load 104% ⚠` beside an agent with kept rows. */
export function agentActualsHint(ev: View, agent: string): string | undefined {
    const a = find(ev, 'agents', agent)?.figures;
    if (!a || a.actualLoad === null) return undefined;
    return `logged load ${formatPercent(a.actualLoad)}${a.actualLoad > 1 ? ' ⚠' : ''}`;
}

/** The derivation under a service's hover: entries, window, occurrences, effort logged against designed. */
export function explainServiceActuals(ev: View, service: string): string[] {
    const found = find(ev, 'services', service);
    if (!found) return [];
    const s = found.figures;
    const spec = ev.model.services.find(x => x.name === service);
    const logged = found.spec?.services[service];
    const M = found.block.window.months;
    const lines = ['', `**Logged** (${found.name}, ${windowText(found.block)}):`];
    lines.push(
        `${entriesText(logged?.entries ?? 0)}, ${formatHours(logged?.hours ?? 0)} ÷ ` +
            `${M} ${M === 1 ? 'month' : 'months'} = ` +
            `**${formatHours(s.actualHours)} a month** against ${formatHours(s.designedHours)} designed ` +
            `(${s.variance === null ? 'no designed hours' : signed(s.variance)})`,
    );
    lines.push(
        `occurrences = ${formatNumber(s.occurrences, 2)} a month → ` +
            (s.actualEffort === null
                ? 'no effort per occurrence (none designed)'
                : `**${formatHours(s.actualEffort)} per occurrence**, ` +
                  `designed ${formatHours(spec?.effortHours ?? null)}`),
    );
    // Per tier only when the rows say which tier (an account or a tier column).
    const tiers = Object.entries(s.tiers);
    if (tiers.some(([, t]) => (t.actualHours ?? 0) > 0))
        for (const [tier, t] of tiers)
            lines.push(
                `${tier}: ${formatHours(t.actualHours)} logged, ${formatHours(t.designedHours)} designed a month`,
            );
    return lines;
}

/** The derivation under a role's hover. */
export function explainRoleActuals(ev: View, role: string): string[] {
    const found = find(ev, 'roles', role);
    if (!found || found.figures.actualHours === null) return [];
    const r = found.figures;
    return [
        '',
        `**Logged** (${found.name}, ${windowText(found.block)}): ${formatHours(r.actualHours)} a month, ` +
            `${formatHours(r.unplannedHours)} of it unplanned, against ${formatHours(r.designedHours)} designed ` +
            `(${r.variance === null ? 'no designed hours' : signed(r.variance)})`,
    ];
}

/** The derivation under an agent's hover. */
export function explainAgentActuals(ev: View, agent: string): string[] {
    const found = find(ev, 'agents', agent);
    if (!found) return [];
    const a = found.figures;
    return [
        '',
        `**Logged** (${found.name}, ${windowText(found.block)}): ${formatHours(a.actualHours)} a month → ` +
            `logged load **${formatPercent(a.actualLoad)}** (no ramp factor: the rows are work done)`,
    ];
}

function entriesText(n: number): string {
    return `${formatNumber(n, 0)} ${n === 1 ? 'entry' : 'entries'}`;
}

function period(ev: View): { k: number; suffix: string } {
    const p = ev.results.model.period;
    return { k: periodMonths(p), suffix: periodSuffix(p) };
}

/** Whole hours in a hint: `212 h`. */
function hours(x: number): string {
    return `${formatNumber(x, x < 10 ? 1 : 0)} h`;
}

function signed(x: number): string {
    return `${x > 0 ? '+' : ''}${formatNumber(x * 100, 0)}%`;
}

function windowText(a: ActualsResult): string {
    const { from, to } = a.window;
    return from === null ? 'no window' : from === to ? from : `${from}..${to}`;
}
