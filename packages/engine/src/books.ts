import type { CapModel, DataCells, DataSpec, TierSpec } from './model.js';
import type { AgentResult, DataResult, Finding, TierResult } from './results.js';
import { ratio } from './numeric.js';

/**
 * Spec section 14: a model that reads its book of business from a CRM export. The language layer
 * reads the file and matches its rows to tiers and agents (DataSpec); here are the figures: a
 * tier's accounts N_t and revenue per account R_t from its rows, and the assignment of a tier's
 * demand to the agents who own its accounts (the books), instead of section 7's assignment.
 */

/** N_t: the number of D's rows in tier t. */
export function dataAccounts(data: DataSpec, tier: string): number {
    return cellsOf(data.tiers, tier).rows;
}

/**
 * R_t = Σ revenue of t's rows / len(u) / N_t, `u` the revenue column's time unit; undefined when
 * N_t = 0 or the block reads no revenue.
 */
export function dataRevenuePerAccount(data: DataSpec, tier: string): number | null {
    const cells = cellsOf(data.tiers, tier);
    if (data.revenueMonths === null) return null;
    return ratio(cells.revenue / data.revenueMonths, cells.rows);
}

/**
 * The model with each data-backed tier's accounts (`accounts from D`) and revenue per account
 * (`revenue from D`) read from its data block; every other tier as declared. A tier that takes
 * its revenue from D keeps D's R_t when a scenario gives its accounts by hand.
 */
export function withData(model: CapModel): CapModel {
    if (model.data.length === 0) return model;
    const sources = new Map(model.data.map(d => [d.name, d]));
    const tiers = model.tiers.map((tier): TierSpec => {
        const accountsFrom = tier.accountsFrom === null ? undefined : sources.get(tier.accountsFrom);
        const revenueFrom = tier.revenueFrom === null ? undefined : sources.get(tier.revenueFrom);
        if (accountsFrom === undefined && revenueFrom === undefined) return tier;
        return {
            ...tier,
            accounts: accountsFrom === undefined ? tier.accounts : dataAccounts(accountsFrom, tier.name),
            revenuePerMonth:
                revenueFrom === undefined ? tier.revenuePerMonth : dataRevenuePerAccount(revenueFrom, tier.name),
        };
    });
    return { ...model, tiers };
}

/** A (tier, role) pair whose demand is assigned by book: `${tier}\u0000${role}`. */
export function bookPair(tier: string, role: string): string {
    return `${tier}\u0000${role}`;
}

/**
 * The books (§14). For a tier t with `accounts from D` and a role r for which D has an owner
 * column, agent b of r gets `demand[t][r] · owned[b][t] / N_t`; the share of rows with no
 * started owner of r is unserved. An agent's book: `bookAccounts`, the rows it owns over all
 * tiers, and `bookRevenue`, their revenue a month (each row's own revenue cells ÷ len(u) where
 * the tier reads its revenue from D, R_t a row otherwise). An owner that has not started, or
 * whose role is not the column's, owns nothing. Returns the pairs assigned here, which section
 * 7's assignment leaves alone. `model` has its data read (withData).
 */
export function assignBooks(
    model: CapModel,
    tiers: Record<string, TierResult>,
    agents: Map<string, AgentResult>,
    findings: Finding[],
): Set<string> {
    const pairs = new Set<string>();
    if (model.data.length === 0) return pairs;
    const sources = new Map(model.data.map(d => [d.name, d]));
    // Agents of a role that an owner column names have a book, if an empty one.
    for (const data of model.data) {
        for (const agent of agents.values()) if (Object.hasOwn(data.owners, agent.role)) agent.bookAccounts = 0;
    }

    for (const tier of model.tiers) {
        const data = tier.accountsFrom === null ? undefined : sources.get(tier.accountsFrom);
        const result = tiers[tier.name];
        if (data === undefined || result === undefined) continue;
        const N = result.accounts;
        for (const [role, books] of Object.entries(data.owners)) {
            pairs.add(bookPair(tier.name, role));
            const hours = Object.hasOwn(result.demandHours, role) ? result.demandHours[role] : 0;
            let owned = 0;
            for (const [name, byTier] of Object.entries(books)) {
                const cells = byTier[tier.name];
                const agent = agents.get(name);
                if (cells === undefined || agent === undefined || agent.role !== role || !agent.started) continue;
                owned += cells.rows;
                if (N > 0) agent.assignedHours += (hours * cells.rows) / N; // demand[t][r] · owned[b][t] / N_t
                agent.bookAccounts = (agent.bookAccounts ?? 0) + cells.rows;
                const revenue =
                    tier.revenueFrom === data.name && data.revenueMonths !== null
                        ? cells.revenue / data.revenueMonths // the rows' own revenue a month
                        : cells.rows * (tier.revenuePerMonth ?? 0); // R_t a row
                agent.bookRevenue = (agent.bookRevenue ?? 0) + revenue;
            }
            if (hours > 0 && owned < N)
                findings.push(unownedAccounts(tier.name, role, (hours * (N - owned)) / N, N - owned, N));
            if (hours > 0 && N === 0) findings.push(unownedAccounts(tier.name, role, hours, 0, 0));
        }
    }
    return pairs;
}

/** The report's `data` section of one block (§13a): its file, rows, accounts per tier and what matched nothing. */
export function dataFigures(data: DataSpec): DataResult {
    const tiers: Record<string, number> = {};
    for (const [tier, cells] of Object.entries(data.tiers)) tiers[tier] = cells.rows;
    return {
        file: data.file,
        sha256: data.sha256,
        rows: data.rows,
        tiers,
        unmatched: { tier: { ...data.unmatched.tier }, owner: { ...data.unmatched.owner } },
    };
}

function cellsOf(cells: Record<string, DataCells>, tier: string): DataCells {
    return Object.hasOwn(cells, tier) ? cells[tier] : { rows: 0, revenue: 0 };
}

function unownedAccounts(tier: string, role: string, hours: number, unowned: number, accounts: number): Finding {
    const why =
        accounts === 0
            ? `${tier} has no accounts in its data, so no ${role} owns the work of its new accounts`
            : `${unowned} of ${accounts} accounts have no ${role} owner`;
    return {
        code: 'unserved-demand',
        severity: 'warning',
        subject: { kind: 'tier', name: tier },
        message: `${fmt(hours)} h a month of ${role} work in ${tier} is unserved: ${why}`,
    };
}

function fmt(x: number): string {
    return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
