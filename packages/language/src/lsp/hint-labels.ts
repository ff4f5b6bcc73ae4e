import type { AgentResult, RoleResult, ServiceResult, TierResult } from '@cap/engine';
import { formatFte, formatHours, formatMoney, formatMoneyCompact, formatNumber, formatPercent } from '@cap/engine';

/**
 * The words of each inlay hint (docs/editor.md, "Inlay hints"). VS Code cuts a hint's label at
 * 43 characters (`editor.inlayHints.maximumLength`), and a cut figure reads as a wrong one
 * ("CLV $1,155,33…"): every label is built from parts, the key figure first, and a part that does
 * not fit whole is left to the tooltip.
 */
export const HINT_LENGTH = 43;

/** Said after every hint while the model has errors: its figures come from the parts that read. */
export const PARTIAL = ' (partial)';

/** How the figures of one model read: per reporting period, in its currency. */
export interface HintUnits {
    /** Months in the reporting period. */
    k: number;
    /** `/mo`, `/qtr`, `/yr` */
    suffix: string;
    currency: string;
}

/**
 * The parts joined with ` · ` as far as they fit in `room`; a first part too long for it (only
 * with absurd figures) ends in `…`.
 */
export function fit(parts: string[], room = HINT_LENGTH): string {
    let label = parts[0];
    for (const part of parts.slice(1)) {
        if (label.length + 3 + part.length > room) break;
        label = `${label} · ${part}`;
    }
    return label.length <= room ? label : `${label.slice(0, room - 1)}…`;
}

/** `80% utilized · needs 20 FTE, has 25` */
export function roleLabel(r: RoleResult): string[] {
    const over = r.utilization !== null && r.utilization > 1 ? ' ⚠' : '';
    const fte = `needs ${formatFte(r.requiredFte)} FTE`;
    if (r.utilization === null) return [fte, `has ${formatFte(r.staffedFte)}`];
    return [`${formatPercent(r.utilization)} utilized${over}`, `${fte}, has ${formatFte(r.staffedFte)}`];
}

/** `⟶ 120 h/mo effective · $60.00/h` */
export function effectiveLabel(r: RoleResult, u: HintUnits): string[] {
    return [
        `⟶ ${formatHours(r.effectivePerFte * u.k)}${u.suffix} effective`,
        `${formatMoney(r.hourlyCost, u.currency)}/h`,
    ];
}

/** `⟶ 2 h/account/mo`, `⟶ 36 h per new account`, `⟶ 2 h/mo per session · ≤ 200 accounts` */
export function serviceLabel(s: ServiceResult, u: HintUnits): string[] {
    if (s.kind === 'once') return [`⟶ ${formatHours(s.effortHours)} per new account`];
    if (s.seats !== null)
        return [
            `⟶ ${formatHours(s.effortHours * s.occurrencesPerMonth * u.k)}${u.suffix} per session`,
            `≤ ${formatNumber(s.seats)} accounts`,
        ];
    return [`⟶ ${formatHours(s.hoursPerAccount * u.k)}/account${u.suffix}`];
}

/** `2.98 FTE · $480/mo to serve · CLV $1.16M` */
export function tierLabel(t: TierResult, u: HintUnits): string[] {
    const required = Object.values(t.requiredFte).reduce<number>((sum, x) => sum + (x ?? 0), 0);
    const cost = t.costToServe === null ? null : t.costToServe * u.k;
    return [
        `${formatFte(required)} FTE`,
        `${formatMoneyCompact(cost, u.currency)}${u.suffix} to serve`,
        `CLV ${formatMoneyCompact(t.clv, u.currency)}`,
    ];
}

/**
 * One label per role with recurring work in the tier, the most hours first:
 * `CSM 6 h/account/mo → 20 accounts/FTE`, or (`shorter`) `Support → 1,000 accounts/FTE` where the
 * hours do not fit. A role with only once-only services (onboarding) has no hours per account or
 * accounts per FTE to show: its work is in the tier's headline FTE.
 */
export function tierRoleLabels(t: TierResult, u: HintUnits): { parts: string[]; shorter: string[] }[] {
    return Object.keys(t.designedEffort)
        .filter(role => (t.designedEffort[role] ?? 0) > 0)
        .sort((a, b) => (t.designedEffort[b] ?? 0) - (t.designedEffort[a] ?? 0))
        .map(role => {
            const accounts = `${accountsPerFte(t.accountsPerFte[role])} accounts/FTE`;
            return {
                parts: [`${role} ${formatHours(t.designedEffort[role]! * u.k)}/account${u.suffix} → ${accounts}`],
                shorter: [`${role} → ${accounts}`],
            };
        });
}

/** Whole accounts (`24`, `2,000`), with one decimal below ten, where a whole number says too little. */
function accountsPerFte(x: number | null): string {
    return formatNumber(x, x !== null && x < 10 ? 1 : 0);
}

/** `load 80% · 65 h/mo capacity · ramping 50%`; `book 40 · load 80%` for an agent with a book (§14) */
export function agentLabel(a: AgentResult, u: HintUnits): string[] {
    if (!a.started) return ['not started yet', '0 FTE'];
    const over = a.load !== null && a.load > 1 ? ' ⚠' : '';
    if (a.bookAccounts !== null)
        return [`book ${formatNumber(a.bookAccounts)}`, `load ${formatPercent(a.load)}${over}`];
    return [
        `load ${formatPercent(a.load)}${over}`,
        `${formatHours(a.capacityHours * u.k)}${u.suffix} capacity`,
        ...(a.rampFactor < 1 ? [`ramping ${formatPercent(a.rampFactor)}`] : []),
    ];
}
