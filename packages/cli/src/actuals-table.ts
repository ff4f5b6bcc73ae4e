import Table from 'cli-table3';
import type { ActualsResult, Results } from '@cap/engine';
import { formatHours, formatNumber, formatPercent, periodMonths, periodSuffix } from '@cap/engine';

/**
 * `cap build --summary`'s "Designed vs actual" tables (spec section 15), one pair per actuals block:
 * each service's designed and logged hours, the variance and the effort per occurrence designed →
 * logged; then each role's, with its unplanned hours. Hours per reporting period, like the report.
 */
export function renderActuals(results: Results, style: object | undefined): string {
    const k = periodMonths(results.model.period);
    const per = periodSuffix(results.model.period);
    const hours = (x: number | null) => formatHours(x === null ? null : x * k);
    const parts: string[] = [];
    for (const [name, a] of Object.entries(results.actuals)) {
        parts.push(`Designed vs actual: ${name} (${a.file}, ${windowText(a)}, ${entries(a.entries)}), hours${per}`);
        const services = new Table({
            head: ['Service', 'Designed', 'Logged', 'Variance', 'Effort per occurrence'],
            colAligns: ['left', 'right', 'right', 'right', 'left'],
            style,
        });
        for (const [service, s] of Object.entries(a.services)) {
            const designedEffort = results.services[service]?.effortHours ?? null;
            const effort = `${formatHours(designedEffort)} → ${formatHours(round(s.actualEffort))}`;
            services.push([service, hours(s.designedHours), hours(s.actualHours), signed(s.variance), effort]);
        }
        parts.push(services.toString());
        const roles = new Table({
            head: ['Role', 'Designed', 'Logged', 'Unplanned', 'Variance'],
            colAligns: ['left', 'right', 'right', 'right', 'right'],
            style,
        });
        for (const [role, r] of Object.entries(a.roles)) {
            const share = r.actualHours ? ` (${formatPercent((r.unplannedHours ?? 0) / r.actualHours)})` : '';
            roles.push([
                role,
                hours(r.designedHours),
                hours(r.actualHours),
                hours(r.unplannedHours) + share,
                signed(r.variance),
            ]);
        }
        parts.push(roles.toString());
        const unknown = Object.entries(a.unmatched.agent);
        if (unknown.length > 0 || a.unmatched.account > 0) {
            const left = unknown.map(([value, n]) => `"${value}" ${formatNumber(n, 0)}`).join(', ');
            parts.push(
                `Left out: ${left || 'no agent'}` +
                    (a.unmatched.account > 0 ? `; ${entries(a.unmatched.account)} on unknown accounts` : ''),
            );
        }
        parts.push('');
    }
    return parts.join('\n');
}

function windowText(a: ActualsResult): string {
    const { from, to } = a.window;
    return from === null ? 'no window' : from === to ? from : `${from}..${to}`;
}

function entries(n: number): string {
    return `${formatNumber(n, 0)} ${n === 1 ? 'entry' : 'entries'}`;
}

function signed(x: number | null): string {
    return x === null ? '—' : `${x > 0 ? '+' : ''}${formatPercent(x)}`;
}

function round(x: number | null): number | null {
    return x === null ? null : Math.round(x * 10) / 10;
}
