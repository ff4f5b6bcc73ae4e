import type { BlockKind } from '../validation/property-rules.js';
import { PROPERTY_RULES } from '../validation/property-rules.js';

/**
 * What each keyword that is not a property means, in the specification's words (cap-language.md),
 * for hovers and completion documentation. A property's documentation is in its rule
 * (validation/property-rules.ts), by block: `role` as a block here, as a service's property there.
 */
export const KEYWORD_DOCS: Record<string, string> = {
    import:
        'Imports another `.cap` file, relative to this one. ' +
        'The model sees every declaration of the files it imports, transitively; cycles are an error.',
    model:
        'The model header (optional, at most one per model): its name, display title, `currency`, ' +
        'reporting `period`, forecast `start` and `horizon`.',
    role:
        'A **role**: who works (CSM, onboarding, a one-to-many team). ' +
        'Per FTE: contracted `hours`, non-customer `overhead`, loaded `cost` and new-hire `ramp`. ' +
        'Effective availability E = hours − overhead.',
    service:
        'A **service** of the service menu: what the team delivers to an account (kickoff, QBR, health check, ' +
        'webinar), with its designed `effort` per occurrence and how often.',
    tier:
        'A **tier** (segment): how many `accounts`, what each pays, how they churn and which `services` they get. ' +
        'Touch: high (a named CSM), low (limited CSM hours) or tech (one-to-many).',
    agent:
        'An **agent**: an actual person or a group of identical people (`count`), with their `role`, `fte`, ' +
        'optional `start` month and the `tiers` they serve.',
    scenario:
        'A **scenario**: the base model with overrides. ' +
        'A declaration with an existing name overrides the properties it lists; a new name adds a declaration. ' +
        'Computed in full and reported with its difference from the base.',
    assert:
        'A guardrail the plan must keep: `assert [Scenario.]NAME.metric OP quantity`, checked on every build. ' +
        'A failed assertion is an error that shows both sides.',
    included: "The service is included in the tier's price: it costs effort but earns no add-on revenue.",
    high: 'High touch: a named CSM for a few accounts.',
    low: 'Low touch: a CSM with limited hours per account.',
    tech: 'Tech touch: no personal CSM; services are one-to-many (give them `seats`).',
    every: 'A recurring frequency: `every quarter`, `every 2 weeks`.',
    once: 'Once per new account (onboarding, kickoff).',
    times: 'A count per time unit: `4 times / year`.',
    week: 'A time unit of 12/52 of a month.',
    month: 'A time unit of one month.',
    quarter: 'A time unit of three months.',
    year: 'A time unit of twelve months.',
    data:
        'A **data** block: a CRM export (CSV) the model reads its book of business from. ' +
        'Tiers take `accounts from` and `revenue from` it; ' +
        "an `owner` column assigns each tier's work to the agents who own its accounts.",
    from:
        '`accounts from crm`, `revenue from crm`: ' +
        "the tier's accounts (its rows) and revenue per account (their revenue ÷ their number) come from a data block.",
};

/** What a data block's properties mean (spec section 14), for hovers and completion inside one. */
export const DATA_KEYWORD_DOCS: Record<string, string> = {
    file: 'The CSV export, relative to this file (required). A header row names the columns; one row per account.',
    key:
        'A column whose values are unique, such as the account ID (optional): ' +
        'a value seen twice is an error, and `cap diff` compares accounts by it.',
    tier:
        'The column that puts each account in a tier (required), with optional `"value" -> Tier` pairs. ' +
        "Any other value matches a tier's name or title, ignoring case and surrounding spaces.",
    revenue:
        'A money column and the time unit of its amounts: `revenue "ARR" per year`. ' +
        'A tier with `revenue from` this block gets Σ revenue ÷ months ÷ accounts a month per account.',
    owner:
        'Who owns each account, among a role\'s agents: `owner "Account Owner" role CSM`. ' +
        'A value names an agent by name or title; ' +
        "the role's work in a tier is split by the accounts each owns.",
    separator: 'The field separator: `separator ";"` or `separator tab` (default a comma).',
    tab: 'A tab as the field separator.',
};

/** A keyword's documentation: as a property of its block, else as a keyword, else as any block's property. */
export function keywordDoc(keyword: string, block?: BlockKind): string | undefined {
    const own = (record: object) => Object.hasOwn(record, keyword);
    if (block !== undefined && own(PROPERTY_RULES[block])) return PROPERTY_RULES[block][keyword].doc;
    if (own(KEYWORD_DOCS)) return KEYWORD_DOCS[keyword];
    return Object.values(PROPERTY_RULES).find(own)?.[keyword].doc;
}
