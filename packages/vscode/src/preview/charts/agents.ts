/**
 * Each agent's load as a tile with its display name and load, coloured by load band and grouped by
 * role. The bands do not overlap: under 70%, 70% up to 90%, 90% to 100%, over 100%.
 */
import { table } from '../html.js';
import { isNum } from '../num.js';
import { entries } from '../report.js';
import type { Chart, LegendItem } from './chart.js';
import { color, element, short } from './chart.js';

/** Agents drawn as tiles; a larger team is summarised, and the table lists them all up to this. */
export const MAX_AGENTS_DRAWN = 400;

export type LoadBand = 'low' | 'ok' | 'high' | 'over' | 'none';

export const LOAD_BANDS: { band: LoadBand; label: string }[] = [
    { band: 'low', label: 'under 70%' },
    { band: 'ok', label: '70% to under 90%' },
    { band: 'high', label: '90% to 100%' },
    { band: 'over', label: 'over 100% ⚠' },
];

/**
 * The band of a load. The load is first rounded to the 0.1% it is shown with, so that a tile that
 * reads 90% is never in the band below 90%, nor one that reads 100% over it.
 */
export function loadBand(load: number | null | undefined): LoadBand {
    if (!isNum(load)) return 'none';
    const shown = Math.round(load * 1000) / 1000;
    if (shown > 1) return 'over';
    if (shown >= 0.9) return 'high';
    if (shown >= 0.7) return 'ok';
    return 'low';
}

export interface AgentTile {
    /** The display name (the agent's title, else its name), with `×N` for a group of N. */
    label: string;
    load: string;
    band: LoadBand;
    title: string;
}

export interface AgentsData {
    groups: { role: string; summary: string; tiles: AgentTile[] }[];
}

export const agentsChart: Chart<AgentsData> = {
    id: 'agents',
    wide: true,
    render(report, f) {
        const all = entries(report.agents);
        const heading = 'Agents’ load';
        if (all.length === 0) return { heading, empty: 'No agents yet: headcount is computed from demand alone.' };
        const drawn = all.slice(0, MAX_AGENTS_DRAWN);
        // Grouped by role in the report's order of roles, then any role the report does not list.
        const order = entries(report.roles).map(([name]) => name);
        const roles = [
            ...new Set([
                ...order.filter(r => drawn.some(([, a]) => a.role === r)),
                ...drawn.map(([, a]) => a.role ?? ''),
            ]),
        ];
        const groups = roles.map(role => {
            const agents = drawn.filter(([, a]) => (a.role ?? '') === role);
            const people = agents.reduce((n, [, a]) => n + (isNum(a.count) ? a.count : 1), 0);
            const r = report.roles && Object.hasOwn(report.roles, role) ? report.roles[role] : undefined;
            const summary =
                `${role || 'no role'}: ${people} ${people === 1 ? 'person' : 'people'}` +
                `${isNum(r?.utilization) ? `, ${f.percent(r.utilization)} utilized` : ''}`;
            const tiles = agents.map(([name, a]): AgentTile => {
                const display = a.title || name;
                const count = isNum(a.count) && a.count > 1 ? ` ×${f.number(a.count, 0)}` : '';
                const band = loadBand(a.load);
                const load = isNum(a.load) ? `${f.percent(a.load)}${band === 'over' ? ' ⚠' : ''}` : 'no load';
                return {
                    label: `${display}${count}`,
                    load,
                    band,
                    title:
                        `${display}${display !== name ? ` (${name})` : ''}, ${a.role ?? '?'}: load ${load}, ` +
                        `capacity ${f.hoursPerPeriod(a.capacityHours)}, assigned ${f.hoursPerPeriod(a.assignedHours)}`,
                };
            });
            return { role, summary, tiles };
        });
        const legend: LegendItem[] = LOAD_BANDS.map(b => ({ color: `band-${b.band}`, label: b.label }));
        if (drawn.some(([, a]) => !isNum(a.load)))
            legend.push({ color: 'band-none', label: 'no load (not started or no capacity)' });
        const over = all.filter(([, a]) => loadBand(a.load) === 'over').length;
        const overNote = over > 0 ? `; ${over} over 100%` : '';
        return {
            heading,
            caption: `Each agent’s assigned hours as a share of its capacity, grouped by role${overNote}.`,
            legend,
            data: { groups },
            table: table(
                'Load per agent',
                [
                    'Agent',
                    'Name',
                    'Role',
                    'FTE × count',
                    'Ramp',
                    `Capacity (h${f.suffix})`,
                    `Assigned (h${f.suffix})`,
                    'Load',
                ],
                drawn.map(([n, a]) => [
                    n,
                    a.title ?? '',
                    a.role ?? '',
                    `${f.number(a.fte)} × ${f.number(a.count, 0)}`,
                    f.percent(a.rampFactor),
                    f.number(f.perPeriod(a.capacityHours)),
                    f.number(f.perPeriod(a.assignedHours)),
                    f.percent(a.load),
                ]),
            ),
            notes:
                all.length > drawn.length
                    ? `<p class="note">The tiles and the table show the first ${drawn.length} ` +
                      `of ${all.length} agents by name.</p>`
                    : undefined,
        };
    },
    draw(data, { Plot, plot, width }) {
        const TILE_MIN = 168;
        const TILE_H = 50;
        const columns = Math.max(1, Math.floor(width / TILE_MIN));
        const tileW = width / columns;
        const chars = Math.max(6, Math.floor((tileW - 16) / 7));
        const out = element('div', 'cap-agent-groups');
        for (const group of data.groups) {
            const rows = Math.ceil(group.tiles.length / columns);
            const tiles = group.tiles.map((t, i) => ({
                ...t,
                name: short(t.label, chars),
                col: i % columns,
                row: Math.floor(i / columns),
            }));
            const common = { x: 'col', y: 'row' } as const;
            out.append(
                element('h3', 'cap-chart-subheading', group.summary),
                plot({
                    width,
                    height: rows * TILE_H,
                    margin: 0,
                    x: { axis: null, domain: [...Array(columns).keys()], padding: 0 },
                    y: { axis: null, domain: [...Array(rows).keys()], padding: 0 },
                    marks: [
                        // An overloaded tile is outlined too, so that it stands out without its colour.
                        Plot.cell(tiles, {
                            ...common,
                            fill: (t: AgentTile) => color(`band-${t.band}`),
                            stroke: (t: AgentTile) => (t.band === 'over' ? 'var(--cap-outline)' : 'none'),
                            strokeWidth: 2,
                            inset: 2,
                            rx: 4,
                            title: 'title',
                            className: 'cap-tiles',
                        }),
                        Plot.text(tiles, { ...common, text: 'name', dy: -8, className: 'cap-tile-name' }),
                        Plot.text(tiles, { ...common, text: 'load', dy: 9, className: 'cap-tile-load' }),
                    ],
                }),
            );
        }
        return out;
    },
};
