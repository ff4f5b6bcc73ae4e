import type { Results } from '@cap/engine';
import { FIGURES } from '@cap/engine';
import type { CompletionItem } from 'vscode-languageserver';
import { CompletionItemKind } from 'vscode-languageserver';
import type { Evaluation } from '../workspace/evaluation.js';

/** The text of an assertion path up to the cursor: `assert Growth.CSM.util` → the segments. */
export function assertionPathBefore(lineBefore: string): string[] | undefined {
    const m = /^\s*assert\s+([A-Za-z0-9_]*(?:\.[A-Za-z0-9_]*)*)$/.exec(lineBefore);
    return m ? m[1].split('.') : undefined;
}

/**
 * What may come next in `assert [Scenario.]NAME.metric`: first `totals`, the scenarios and the
 * model's roles, tiers and agents; after a name, the figures of its kind (the report's keys); after
 * a tier's role-keyed figure (`SMB.requiredFte.`), the roles. Names come from the cached results,
 * so a declaration only a scenario adds is offered after that scenario's name.
 */
export function assertionPathItems(ev: Evaluation, typed: string[]): CompletionItem[] {
    const done = typed.slice(0, -1);
    let results: Results = ev.results;
    let rest = done;
    const scenario = done.length > 0 ? ev.scenarios.get(done[0]) : undefined;
    if (scenario) {
        results = scenario.results;
        rest = done.slice(1);
    }
    if (rest.length === 0) {
        const items: CompletionItem[] = [
            { label: 'totals', kind: CompletionItemKind.Module, detail: "the model's totals" },
        ];
        if (!scenario)
            for (const [name, s] of ev.scenarios)
                items.push({
                    label: name,
                    kind: CompletionItemKind.Module,
                    detail: `scenario${s.title ? `: ${s.title}` : ''}`,
                });
        for (const name of Object.keys(results.roles))
            items.push({ label: name, kind: CompletionItemKind.Class, detail: 'role' });
        for (const name of Object.keys(results.tiers))
            items.push({ label: name, kind: CompletionItemKind.Enum, detail: 'tier' });
        for (const name of Object.keys(results.agents))
            items.push({ label: name, kind: CompletionItemKind.Variable, detail: 'agent' });
        if (!scenario)
            for (const name of Object.keys(results.actuals ?? {}))
                items.push({ label: name, kind: CompletionItemKind.Module, detail: 'time log (actuals)' });
        return items;
    }
    const actuals = !scenario && Object.hasOwn(results.actuals ?? {}, rest[0]) ? results.actuals[rest[0]] : undefined;
    if (actuals) return actualsItems(actuals, rest.slice(1));
    const [name, metric] = rest;
    const section =
        name === 'totals'
            ? 'totals'
            : results.roles[name]
              ? 'role'
              : results.tiers[name]
                ? 'tier'
                : results.agents[name]
                  ? 'agent'
                  : undefined;
    if (!section) return [];
    if (rest.length === 1) {
        const figures = section === 'tier' ? { ...FIGURES.tier, ...FIGURES.tierByRole } : FIGURES[section];
        return Object.entries(figures).map(([label, info]) => ({
            label,
            kind: CompletionItemKind.Field,
            detail:
                `${info.kind}${info.per ? ' per reporting period' : ''}` +
                `${info.byRole ? ', per role: add .ROLE' : ''}`,
            documentation: info.doc,
        }));
    }
    if (rest.length === 2 && section === 'tier' && metric in FIGURES.tierByRole) {
        return Object.keys(results.tiers[name][metric as keyof typeof FIGURES.tierByRole] ?? {}).map(label => ({
            label,
            kind: CompletionItemKind.Class,
            detail: 'role',
        }));
    }
    return [];
}

/** `q1.` offers the block's services, roles and agents; `q1.QBR.` their figures (spec section 15). */
function actualsItems(block: Results['actuals'][string], rest: string[]): CompletionItem[] {
    const parts = [
        { part: block.services, figures: FIGURES.actualsService, word: 'service' },
        { part: block.roles, figures: FIGURES.actualsRole, word: 'role' },
        { part: block.agents, figures: FIGURES.actualsAgent, word: 'agent' },
    ];
    if (rest.length === 0)
        return parts.flatMap(p =>
            Object.keys(p.part).map(label => ({
                label,
                kind: CompletionItemKind.Variable,
                detail: `${p.word}, logged`,
            })),
        );
    if (rest.length !== 1) return [];
    return parts
        .filter(p => Object.hasOwn(p.part, rest[0]))
        .flatMap(p =>
            Object.entries(p.figures).map(([label, info]) => ({
                label,
                kind: CompletionItemKind.Field,
                detail: `${info.kind}${info.per ? ' per reporting period' : ''}`,
                documentation: info.doc,
            })),
        );
}
