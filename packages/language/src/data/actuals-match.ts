import type { ActualsSpec } from '@cap/engine';
import type { Code } from '../validation/codes.js';
import { Codes } from '../validation/codes.js';
import type { Named } from './match.js';
import { nameMatcher } from './match.js';
import type { TimeLog } from './time-log.js';
import { INVALID_MONTH, NO_ACCOUNT } from './time-log.js';

/**
 * Spec section 15's rows: a time log's groups (time-log.ts) matched to a model's agents, services
 * and tiers, and summed into the engine's aggregates (ActualsSpec): hours per service, per
 * (service, tier), per role and per agent inside the window, and what matched nothing. Each
 * distinct value is matched once; the groups are then added up without reading the file again.
 */

/** What a model says about one `actuals` block. */
export interface ActualsBinding {
    name: string;
    agents: (Named & { role: string })[];
    services: Named[];
    /** The block's `"value" -> Service` pairs, in order; the first pair of a value counts. */
    pairs: { value: string; service: string }[];
    /** `window A to B`, as MonthIndexes; null: from the earliest to the latest kept row. */
    window: { from: number; to: number } | null;
    /**
     * `account "…" in D`: the tier of D's row with a key (null when D leaves that row out),
     * undefined for an unknown key.
     */
    accountTier: ((key: string) => string | null | undefined) | null;
    /** `tier "…" { … }`: the tier a value names, several when it names two, undefined when none. */
    tierOf: ((value: string) => string | string[] | undefined) | null;
}

/** A problem located on a line of the block. */
export interface ActualsFinding {
    on: 'agent' | 'service' | 'account' | 'tier' | 'file' | 'window';
    severity: 'error' | 'warning';
    code: Code;
    message: string;
    value?: string;
    rows?: number;
}

export type ActualsAggregates = Omit<ActualsSpec, 'name' | 'file' | 'sha256' | 'tolerance'>;

export function matchActuals(
    log: TimeLog,
    binding: ActualsBinding,
): {
    aggregates: ActualsAggregates;
    findings: ActualsFinding[];
} {
    const findings: ActualsFinding[] = [];
    const agentByName = nameMatcher(binding.agents);
    const roleOf = new Map(binding.agents.map(a => [a.name, a.role]));
    const agents = log.agents.map(value => agentByName(value));
    const serviceOf = serviceMatcher(binding);
    const services = log.services.map(value => serviceOf(value));
    const tiers = log.accounts.map(value => accountTierOf(binding, value));

    for (const [i, match] of agents.entries()) {
        if (Array.isArray(match)) {
            findings.push({
                on: 'agent',
                severity: 'error',
                code: Codes.DataValueAmbiguous,
                message: `"${log.agents[i]}" names ${listed(match)}: give one of them another title`,
            });
        }
    }
    for (const [i, match] of services.entries()) {
        if (Array.isArray(match)) {
            findings.push({
                on: 'service',
                severity: 'error',
                code: Codes.DataValueAmbiguous,
                message:
                    `"${log.services[i]}" names ${listed(match)}: pair it with one ` +
                    `(\`"${log.services[i]}" -> ${match[0]}\`)`,
            });
        }
    }
    for (const [i, match] of tiers.entries()) {
        if (match.kind === 'ambiguous') {
            findings.push({
                on: 'tier',
                severity: 'error',
                code: Codes.DataValueAmbiguous,
                message: `"${log.accounts[i]}" names ${listed(match.tiers)}: pair it with one`,
            });
        }
    }

    const g = log.groups;
    const unmatchedAgent = new Map<number, number>();
    const unmatchedTier = new Map<number, number>();
    let unknownKeys = 0;
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < g.month.length; i++) {
        const rows = g.rows[i];
        const k = g.account[i];
        if (k !== NO_ACCOUNT) {
            const tier = tiers[k];
            if (tier.kind === 'unknown-key') unknownKeys += rows;
            else if (tier.kind === 'unmatched') unmatchedTier.set(k, (unmatchedTier.get(k) ?? 0) + rows);
        }
        const agent = agents[g.agent[i]];
        if (agent === undefined) {
            unmatchedAgent.set(g.agent[i], (unmatchedAgent.get(g.agent[i]) ?? 0) + rows);
            continue;
        }
        if (typeof agent !== 'string' || g.month[i] === INVALID_MONTH) continue;
        first = Math.min(first, g.month[i]);
        last = Math.max(last, g.month[i]);
    }
    const window = binding.window ?? (first <= last ? { from: first, to: last } : null);

    const aggregates: ActualsAggregates = {
        window,
        entries: 0,
        services: {},
        roles: {},
        agents: {},
        unmatched: {
            agent: {},
            account: binding.accountTier === null ? 0 : unknownKeys,
            tier: binding.tierOf === null ? null : {},
        },
    };
    for (let i = 0; i < g.month.length; i++) {
        const agent = agents[g.agent[i]];
        const month = g.month[i];
        if (typeof agent !== 'string' || month === INVALID_MONTH) continue;
        const service = services[g.service[i]];
        const named = typeof service === 'string' ? service : undefined;
        const agentSums = (aggregates.agents[agent] ??= { hours: 0, entries: 0 });
        const serviceSums = named === undefined ? undefined : (aggregates.services[named] ??= blankService());
        if (window === null || month < window.from || month > window.to) continue;
        const rows = g.rows[i];
        const hours = g.hours[i];
        aggregates.entries += rows;
        agentSums.hours += hours;
        agentSums.entries += rows;
        const role = roleOf.get(agent) ?? '';
        const roleSums = (aggregates.roles[role] ??= { hours: 0, unplannedHours: 0 });
        roleSums.hours += hours;
        if (serviceSums === undefined) {
            roleSums.unplannedHours += hours;
            continue;
        }
        serviceSums.hours += hours;
        serviceSums.entries += rows;
        const k = g.account[i];
        const tier = k === NO_ACCOUNT ? undefined : tiers[k];
        if (tier?.kind === 'tier') serviceSums.tiers[tier.tier] = (serviceSums.tiers[tier.tier] ?? 0) + hours;
    }

    for (const [i, rows] of unmatchedAgent) {
        const value = log.agents[i];
        aggregates.unmatched.agent[value] = rows;
        findings.push({
            on: 'agent',
            severity: 'warning',
            code: Codes.ActualsAgentUnmatched,
            message:
                `"${value}" names no agent: its ${count(rows, 'row')} ${rows === 1 ? 'is' : 'are'} left out ` +
                '(someone who left, or an agent to declare)',
            value,
            rows,
        });
    }
    if (unknownKeys > 0) {
        findings.push({
            on: 'account',
            severity: 'warning',
            code: Codes.ActualsAccountUnknown,
            message:
                `${count(unknownKeys, 'row')} ${unknownKeys === 1 ? 'names' : 'name'} an account that is not in ` +
                `the data block: ${unknownKeys === 1 ? 'it counts' : 'they count'} for their service and role, ` +
                'but for no tier',
            rows: unknownKeys,
        });
    }
    if (aggregates.unmatched.tier !== null) {
        for (const [k, rows] of unmatchedTier) {
            const value = log.accounts[k];
            aggregates.unmatched.tier[value] = rows;
            findings.push({
                on: 'tier',
                severity: 'warning',
                code: Codes.ActualsTierUnmatched,
                message:
                    `"${value}" matches no tier: its ${count(rows, 'row')} ` +
                    `${rows === 1 ? 'counts' : 'count'} for no tier`,
                value,
                rows,
            });
        }
    }
    if (log.rows > 0 && aggregates.entries === 0) {
        findings.push({
            on: window === null || binding.window === null ? 'file' : 'window',
            severity: 'warning',
            code: Codes.ActualsEmpty,
            message:
                window === null
                    ? `No row of ${binding.name} names an agent of the model with a readable date: nothing is compared`
                    : `No row of ${binding.name} falls in the window: nothing is compared`,
        });
    }
    return { aggregates, findings };
}

type AccountTier =
    | { kind: 'tier'; tier: string }
    | { kind: 'unknown-tier' }
    | { kind: 'unknown-key' }
    | { kind: 'unmatched' }
    | { kind: 'ambiguous'; tiers: string[] };

/** The tier of a group's account key or tier value. */
function accountTierOf(binding: ActualsBinding, value: string): AccountTier {
    if (binding.accountTier !== null) {
        const tier = binding.accountTier(value);
        return tier === undefined
            ? { kind: 'unknown-key' }
            : tier === null
              ? { kind: 'unknown-tier' }
              : { kind: 'tier', tier };
    }
    if (binding.tierOf !== null) {
        const tier = binding.tierOf(value);
        if (tier === undefined) return { kind: 'unmatched' };
        return Array.isArray(tier) ? { kind: 'ambiguous', tiers: tier } : { kind: 'tier', tier };
    }
    return { kind: 'unknown-tier' };
}

/** A service for a value: an explicit pair first, else a service's name or title; undefined: unplanned work. */
function serviceMatcher(binding: ActualsBinding): (value: string) => string | string[] | undefined {
    const pairs = new Map<string, string>();
    const known = new Set(binding.services.map(s => s.name));
    for (const pair of binding.pairs) {
        const key = pair.value.trim().toLowerCase();
        if (known.has(pair.service) && !pairs.has(key)) pairs.set(key, pair.service);
    }
    const byName = nameMatcher(binding.services);
    return value => pairs.get(value.trim().toLowerCase()) ?? byName(value);
}

function blankService(): ActualsSpec['services'][string] {
    return { hours: 0, entries: 0, tiers: {} };
}

function count(n: number, word: string): string {
    return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} ${word}${n === 1 ? '' : 's'}`;
}

function listed(names: string[]): string {
    return names.length === 2
        ? `both ${names[0]} and ${names[1]}`
        : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
