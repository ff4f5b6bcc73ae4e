import type { AgentSpec, MonthIndex, Period, RoleSpec } from './model.js';
import type { AgentResult, Finding, RoleResult, TierResult } from './results.js';
import { ceilTolerant, positive, ratio, sum } from './numeric.js';
import { bookPair } from './books.js';
import { compoundToMonthly, periodMonths } from './units.js';

/**
 * The staffing side of a snapshot, per month (spec sections 6 and 7): who has started and how far
 * each agent has ramped, each role's staffing against its demand, and who serves which tier.
 */

/** Ramp factor in an agent's k-th month (k = 0 is its start month) for a role ramping over R months. */
export function rampFactor(k: number, R: number): number {
    if (R <= 0) return 1;
    return Math.min(1, (k + 1) / R);
}

/** am: an attrition rate a per unit u as a monthly rate, `1 − (1 − a)^(1/len(u))` (§16); 0 without one. */
export function monthlyAttrition(role: RoleSpec): number {
    return role.attrition === null ? 0 : compoundToMonthly(role.attrition.rate, role.attrition.months);
}

/** (1 − am)^j: the share of an agent's FTE still there j months after the forecast first counts it (§16). */
export function retained(am: number, j: number): number {
    return j <= 0 ? 1 : (1 - am) ** j;
}

/**
 * An agent at the snapshot month: it has started when it has no `start` or started on or before the
 * snapshot, and is then in its month k = snapshot − start; without a snapshot, started and ramped.
 */
export function agentFigures(agent: AgentSpec, role: RoleResult | undefined, snapshot: MonthIndex | null): AgentResult {
    let started = true;
    let k: number | null = null;
    let factor = 1;
    if (agent.start !== null && snapshot !== null) {
        k = snapshot - agent.start;
        started = k >= 0;
        factor = started ? rampFactor(k, role?.rampMonths ?? 0) : 0;
    }
    const E = role !== undefined && role.effectivePerFte > 0 ? role.effectivePerFte : 0;
    return {
        name: agent.name,
        role: agent.role,
        fte: agent.fte,
        count: agent.count,
        started,
        monthsIn: started ? k : null,
        rampFactor: factor,
        capacityHours: agent.fte * agent.count * factor * E,
        assignedHours: 0,
        load: null,
        bookAccounts: null,
        bookRevenue: null,
    };
}

/** An agent's share of its role's work: fte · count · ramp factor, 0 before it starts. */
function weight(agent: AgentResult): number {
    return agent.started ? agent.fte * agent.count * agent.rampFactor : 0;
}

/** Each role's agents, in declaration order. */
export function byRole(agents: AgentSpec[]): Map<string, AgentSpec[]> {
    const staff = new Map<string, AgentSpec[]>();
    for (const a of agents) {
        const list = staff.get(a.role);
        if (list) list.push(a);
        else staff.set(a.role, [a]);
    }
    return staff;
}

/** Staffed and required FTE, utilization, gap and hires of a role with its agents (§6). */
export function staffRole(
    role: RoleResult,
    staff: AgentSpec[],
    agents: Map<string, AgentResult>,
    findings: Finding[],
): void {
    const E = positive(role.effectivePerFte);
    role.staffedFte = sum(staff, a => weight(agents.get(a.name)!));
    role.requiredFte = ratio(role.demandHours, E); // Σt demand[t][r] / E[r]
    role.utilization = ratio(role.demandHours, role.staffedFte > 0 && E !== null ? role.staffedFte * E : null);
    role.gapFte = role.requiredFte === null ? null : role.requiredFte - role.staffedFte;
    role.hires = role.gapFte === null ? null : role.gapFte <= 0 ? 0 : ceilTolerant(role.gapFte);
    if (role.utilization !== null && role.utilization > 1) {
        findings.push({
            code: 'role-over-capacity',
            severity: 'warning',
            subject: { kind: 'role', name: role.name },
            message:
                `${role.name} is over capacity: utilization ${percent(role.utilization)} ` +
                `(${fmt(role.requiredFte ?? 0)} FTE required, ${fmt(role.staffedFte)} staffed)`,
        });
    }
}

/**
 * Assignment (§7): a tier's demand for role r goes to r's started agents that list the tier; if
 * none list it, to those that list no tiers; split in proportion to fte · count · ramp factor.
 * Demand nobody serves is unserved, also in a model with no agents at all. Pairs in `byBook`
 * (`bookPair(tier, role)`) were assigned by their owners (§14, books.ts) and are left alone.
 * Then each agent's load, assigned hours / capacity hours: over 100% is a warning. The warnings
 * quote hours per the reporting `period`, as the report shows them.
 */
export function assign(
    tiers: Record<string, TierResult>,
    staff: Map<string, AgentSpec[]>,
    agents: Map<string, AgentResult>,
    findings: Finding[],
    byBook: ReadonlySet<string> = new Set(),
    period: Period = 'month',
): void {
    const months = periodMonths(period);
    const weightOf = (a: AgentSpec): number => weight(agents.get(a.name)!);
    const serving = new Map<string, Serving>();
    for (const [role, list] of staff) serving.set(role, servingOf(list, weightOf));
    for (const tier of Object.values(tiers)) {
        for (const role of Object.keys(tier.demandHours)) {
            const hours = tier.demandHours[role];
            if (hours <= 0 || (byBook.size > 0 && byBook.has(bookPair(tier.name, role)))) continue;
            const of = serving.get(role);
            const who = of?.listing.get(tier.name) ?? of?.anyTier ?? [];
            if (who.length === 0) {
                findings.push({
                    code: 'unserved-demand',
                    severity: 'warning',
                    subject: { kind: 'tier', name: tier.name },
                    message:
                        `${fmt(hours * months)} h a ${period} of ${role} work in ${tier.name} is unserved: ` +
                        `no ${role} agent serves this tier`,
                });
                continue;
            }
            const total = sum(who, weightOf);
            for (const a of who) agents.get(a.name)!.assignedHours += (hours * weightOf(a)) / total;
        }
    }

    for (const agent of agents.values()) {
        agent.load = ratio(agent.assignedHours, agent.capacityHours);
        if (agent.load !== null && agent.load > 1) {
            findings.push({
                code: 'agent-overloaded',
                severity: 'warning',
                subject: { kind: 'agent', name: agent.name },
                message:
                    `${agent.name} is overloaded: load ${percent(agent.load)} ` +
                    `(${fmt(agent.assignedHours * months)} h assigned ` +
                    `of ${fmt(agent.capacityHours * months)} h a ${period})`,
            });
        }
    }
}

/** A role's started agents, by each tier they list, and those that list no tiers. */
interface Serving {
    listing: Map<string, AgentSpec[]>;
    anyTier: AgentSpec[];
}

function servingOf(staff: AgentSpec[], weightOf: (a: AgentSpec) => number): Serving {
    const serving: Serving = { listing: new Map(), anyTier: [] };
    for (const a of staff) {
        if (!(weightOf(a) > 0)) continue;
        if (a.tiers === null) {
            serving.anyTier.push(a);
            continue;
        }
        for (const tier of a.tiers) {
            const list = serving.listing.get(tier);
            if (list === undefined) serving.listing.set(tier, [a]);
            else if (list[list.length - 1] !== a) list.push(a); // a tier listed twice
        }
    }
    return serving;
}

function percent(x: number): string {
    return `${(x * 100).toFixed(1)}%`;
}

function fmt(x: number): string {
    return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
