import type { DataEvaluation } from '@cap/language';
import { accountRows } from '@cap/language';
import type { AccountRow } from '@cap/language';
import { formatDelta, formatMoney, formatNumber } from '@cap/engine';

/**
 * What changed in the data a model reads (spec section 14) between two versions of a plan: with a
 * `key` column, account by account (added, removed, moved between tiers, a new owner, new revenue);
 * without one, the rows of each tier. The figures these move (accounts, revenue, FTE, each
 * agent's load) are in the figures part of the diff, as for any change.
 */
export interface DataDiff {
    name: string;
    file: string;
    /** Non-empty rows read, before and after; null when the block is new or gone. */
    rows: [number | null, number | null];
    /** The key column accounts are compared by, or null. */
    key: string | null;
    /** The revenue column's name, when the block reads one. */
    revenueColumn: string | null;
    added: AccountGroup;
    removed: AccountGroup;
    moved: Transfers;
    owners: Transfers;
    /** Accounts in both versions whose revenue changed, and by how much in all. */
    revenue: { accounts: number; delta: number };
    /** Without a key: each tier's rows before and after. */
    tiers: { tier: string; old: number; new: number }[];
}

export interface AccountGroup {
    count: number;
    revenue: number;
    byTier: { tier: string; count: number }[];
}

export interface Transfers {
    count: number;
    pairs: { from: string; to: string; count: number }[];
}

export function diffData(old: DataEvaluation[] | null, neu: DataEvaluation[] | null): DataDiff[] {
    if (old === null || neu === null) return [];
    const names = [...new Set([...neu.map(d => d.node.name), ...old.map(d => d.node.name)])];
    const out: DataDiff[] = [];
    for (const name of names) {
        const before = old.find(d => d.node.name === name);
        const after = neu.find(d => d.node.name === name);
        const diff = diffBlock(name, before, after);
        if (diff && changed(diff)) out.push(diff);
    }
    return out;
}

function readable(block: DataEvaluation | undefined): { rows: AccountRow[]; block: DataEvaluation } | undefined {
    if (!block?.selection || !block.binding || block.state?.kind !== 'loaded') return undefined;
    return { rows: accountRows(block.state.bytes, block.selection, block.binding), block };
}

function diffBlock(
    name: string,
    before: DataEvaluation | undefined,
    after: DataEvaluation | undefined,
): DataDiff | undefined {
    const a = readable(before);
    const b = readable(after);
    if (!a && !b) return undefined;
    const spec = (b ?? a)!.block.spec;
    const key = keyColumn(a?.block) !== null && keyColumn(b?.block) !== null ? keyColumn(b?.block) : null;
    const diff: DataDiff = {
        name,
        file: spec?.file ?? '',
        rows: [before?.spec?.rows ?? null, after?.spec?.rows ?? null],
        key,
        revenueColumn: (b ?? a)!.block.binding!.columns.revenue,
        added: group([]),
        removed: group([]),
        moved: transfers([]),
        owners: transfers([]),
        revenue: { accounts: 0, delta: 0 },
        tiers: [],
    };
    const oldRows = (a?.rows ?? []).filter(r => r.tier !== null);
    const newRows = (b?.rows ?? []).filter(r => r.tier !== null);
    if (key === null) {
        const count = (rows: AccountRow[]) => tally(rows.map(r => r.tier!));
        const before = count(oldRows);
        const after = count(newRows);
        for (const tier of [...new Set([...before.keys(), ...after.keys()])].sort()) {
            const o = before.get(tier) ?? 0;
            const n = after.get(tier) ?? 0;
            if (o !== n) diff.tiers.push({ tier, old: o, new: n });
        }
        return diff;
    }
    const oldByKey = new Map(oldRows.map(r => [r.key, r]));
    const newByKey = new Map(newRows.map(r => [r.key, r]));
    diff.added = group(newRows.filter(r => !oldByKey.has(r.key)));
    diff.removed = group(oldRows.filter(r => !newByKey.has(r.key)));
    const moved: [string, string][] = [];
    const owners: [string, string][] = [];
    for (const row of newRows) {
        const was = oldByKey.get(row.key);
        if (!was) continue;
        if (was.tier !== row.tier) moved.push([was.tier!, row.tier!]);
        const from = was.owners.join(' / ');
        const to = row.owners.join(' / ');
        if (from !== to) owners.push([from || 'no owner', to || 'no owner']);
        if ((was.revenue ?? 0) !== (row.revenue ?? 0)) {
            diff.revenue.accounts++;
            diff.revenue.delta += (row.revenue ?? 0) - (was.revenue ?? 0);
        }
    }
    diff.moved = transfers(moved);
    diff.owners = transfers(owners);
    return diff;
}

function keyColumn(block: DataEvaluation | undefined): string | null {
    const key = block?.node.props.find(p => p.$type === 'KeyColumn');
    return key && 'column' in key ? key.column : null;
}

function changed(d: DataDiff): boolean {
    return (
        d.rows[0] !== d.rows[1] ||
        d.added.count + d.removed.count + d.moved.count + d.owners.count + d.revenue.accounts > 0 ||
        d.tiers.length > 0
    );
}

function group(rows: AccountRow[]): AccountGroup {
    const byTier = [...tally(rows.map(r => r.tier!))].map(([tier, count]) => ({ tier, count }));
    return { count: rows.length, revenue: rows.reduce((s, r) => s + (r.revenue ?? 0), 0), byTier };
}

function transfers(pairs: [string, string][]): Transfers {
    const counts = tally(pairs.map(([from, to]) => `${from}\u0000${to}`));
    const list = [...counts].map(([k, count]) => {
        const [from, to] = k.split('\u0000');
        return { from, to, count };
    });
    list.sort((x, y) => y.count - x.count || (x.from < y.from ? -1 : x.from > y.from ? 1 : x.to < y.to ? -1 : 1));
    return { count: pairs.length, pairs: list };
}

function tally(values: string[]): Map<string, number> {
    const out = new Map<string, number>();
    for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
    return new Map([...out].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/** Each change of a block as a sentence, for the terminal and the pull-request comment. */
export function dataSentences(d: DataDiff, currency: string, code: (s: string) => string): string[] {
    const money = (x: number) => formatDelta(x, v => formatMoney(v, currency));
    const revenue = (x: number) => (d.revenueColumn === null ? '' : ` (${money(x)} ${d.revenueColumn})`);
    const accounts = (n: number) => `${formatNumber(n, 0)} account${n === 1 ? '' : 's'}`;
    const rows = (n: number | null) => (n === null ? '—' : formatNumber(n, 0));
    const lines = [
        `${code(d.name)} (${code(d.file)}): ${rows(d.rows[0])} → ${rows(d.rows[1])} rows` +
            (d.key ? `, accounts compared by ${d.key}` : ''),
    ];
    const byTier = (g: AccountGroup) => g.byTier.map(t => `${t.tier} ${formatNumber(t.count, 0)}`).join(', ');
    const pairs = (t: Transfers) => t.pairs.map(p => `${p.from} → ${p.to} ${formatNumber(p.count, 0)}`).join(', ');
    if (d.added.count > 0)
        lines.push(`${accounts(d.added.count)} added: ${byTier(d.added)}${revenue(d.added.revenue)}`);
    if (d.removed.count > 0)
        lines.push(`${accounts(d.removed.count)} removed: ${byTier(d.removed)}${revenue(-d.removed.revenue)}`);
    if (d.moved.count > 0) lines.push(`${accounts(d.moved.count)} moved between tiers: ${pairs(d.moved)}`);
    if (d.owners.count > 0) lines.push(`${accounts(d.owners.count)} changed owner: ${pairs(d.owners)}`);
    if (d.revenue.accounts > 0 && d.revenueColumn !== null)
        lines.push(`${d.revenueColumn} changed on ${accounts(d.revenue.accounts)}: ${money(d.revenue.delta)}`);
    if (d.tiers.length > 0)
        lines.push(
            `rows per tier: ${d.tiers
                .map(t => `${t.tier} ${formatNumber(t.old, 0)} → ${formatNumber(t.new, 0)}`)
                .join(', ')}`,
        );
    return lines;
}
