import type { AgentResult, DataSpec, TierResult } from '@cap/engine';
import { formatHours, formatMoney, formatNumber } from '@cap/engine';
import type { DataEvaluation } from '../lowering/data.js';
import type { EvaluationView } from '../workspace/evaluation.js';

/**
 * Where the figures of a data-backed model come from (spec section 14), for hovers and hint
 * tooltips: a data block's rows and what matched nothing, how a tier's accounts and revenue per
 * account follow from the file, and an agent's book.
 */

/** A data block: its file, the rows read, the rows of each tier, and the values that matched nothing. */
export function explainDataBlock(block: DataEvaluation, entryName: string): string {
    const name = block.node.name;
    const lines = [`**data ${name}**${block.node.title ? ` — ${block.node.title}` : ''}`, ''];
    const spec = block.spec;
    if (!spec) {
        const why = block.problems.find(p => p.severity === 'error')?.message;
        lines.push(why ? `not read: ${why}` : 'not read yet');
        return lines.join('  \n');
    }
    lines.push(`\`${spec.file}\` · ${count(spec.rows, 'row')} read · sha256 ${spec.sha256.slice(0, 12)}…`);
    const tiers = Object.entries(spec.tiers).map(([tier, cells]) => `${tier} ${formatNumber(cells.rows)}`);
    lines.push(`rows per tier: ${tiers.length > 0 ? tiers.join(' · ') : `no tier takes \`accounts from ${name}\``}`);
    const leftOut = (block.match?.findings ?? [])
        .filter(f => f.tier !== undefined && f.rows !== undefined)
        .map(f => `${f.tier} ${formatNumber(f.rows!)}`);
    if (leftOut.length > 0)
        lines.push(`rows of tiers that do not take \`accounts from ${name}\`: ${leftOut.join(' · ')}`);
    const unmatched = (values: Record<string, number>) =>
        Object.entries(values)
            .sort((a, b) => b[1] - a[1])
            .map(([value, rows]) => `"${value}" ${formatNumber(rows)}`)
            .join(' · ');
    if (Object.keys(spec.unmatched.tier).length > 0)
        lines.push(`tier values that match no tier: ${unmatched(spec.unmatched.tier)}`);
    if (Object.keys(spec.unmatched.owner).length > 0)
        lines.push(`owners that are no agent: ${unmatched(spec.unmatched.owner)}`);
    lines.push('', `_In model \`${entryName}\`._`);
    return lines.join('  \n');
}

/** How a data-backed tier's accounts and revenue per account come from its block. */
export function explainTierData(ev: EvaluationView, tier: TierResult): string[] {
    const spec = ev.model.tiers.find(t => t.name === tier.name);
    if (!spec || (spec.accountsFrom === null && spec.revenueFrom === null)) return [];
    const cur = ev.results.model.currency;
    const lines: string[] = [];
    const accounts = dataNamed(ev, spec.accountsFrom);
    if (accounts) {
        const column = blockOf(ev, accounts.name)?.node.props.find(p => p.$type === 'TierColumn');
        const how = column && 'column' in column ? ` whose ${column.column} matches ${tier.name}` : '';
        lines.push(`accounts from ${accounts.name}: **${count(tier.accounts, 'row')}** of \`${accounts.file}\`${how}`);
    }
    const revenue = dataNamed(ev, spec.revenueFrom);
    if (revenue) {
        const cells = revenue.tiers[tier.name];
        const months = revenue.revenueMonths;
        if (cells && months !== null) {
            const n = cells.rows;
            lines.push(
                `revenue from ${revenue.name}: Σ ${formatMoney(cells.revenue, cur)} ` +
                    `per ${months === 12 ? 'year' : `${formatNumber(months)} months`} ` +
                    `÷ ${formatNumber(months)} ÷ ${formatNumber(n)} accounts = ` +
                    `**${formatMoney(tier.revenuePerAccount, cur)} per account per month**`,
            );
        }
    }
    const owners = accounts ? Object.keys(accounts.owners) : [];
    if (owners.length > 0)
        lines.push(
            `assigned by book: each ${owners.join(', ')} owner gets demand × owned ÷ ${formatNumber(tier.accounts)}`,
        );
    return lines;
}

/** An agent's book: the accounts it owns in each tier and their revenue. */
export function explainAgentBook(ev: EvaluationView, agent: AgentResult): string[] {
    if (agent.bookAccounts === null) return [];
    const cur = ev.results.model.currency;
    const byTier: string[] = [];
    for (const data of ev.model.data) {
        for (const [tier, cells] of Object.entries(data.owners[agent.role]?.[agent.name] ?? {})) {
            byTier.push(`${tier} ${formatNumber(cells.rows)}`);
        }
    }
    const lines = [
        `book = **${count(agent.bookAccounts, 'account')}**` +
            (byTier.length > 0 ? ` (${byTier.join(' + ')})` : '') +
            ` · revenue ${formatMoney(agent.bookRevenue, cur)} a month`,
    ];
    if (agent.bookAccounts > 0) {
        lines.push(
            `its tiers' ${agent.role} work is shared by book: ${formatHours(agent.assignedHours)} a month assigned`,
        );
    }
    return lines;
}

function dataNamed(ev: EvaluationView, name: string | null): DataSpec | undefined {
    return name === null ? undefined : ev.model.data.find(d => d.name === name);
}

function blockOf(ev: EvaluationView, name: string): DataEvaluation | undefined {
    const data = (ev as { data?: DataEvaluation[] }).data;
    return data?.find(d => d.node.name === name);
}

function count(n: number, word: string): string {
    return `${formatNumber(n)} ${word}${n === 1 ? '' : 's'}`;
}
