/**
 * What each keyword means, in the specification's words (cap-language.md), for hovers and
 * completion documentation. Keyed by keyword; a property that means different things in different
 * blocks (`role` as a block and as a service's property) is keyed `block.keyword`.
 */
export const KEYWORD_DOCS: Record<string, string> = {
    import: 'Imports another `.cap` file, relative to this one. The model sees every declaration of the files it imports, transitively; cycles are an error.',
    model: 'The model header (optional, at most one per model): its name, display title, `currency`, reporting `period`, forecast `start` and `horizon`.',
    role: 'A **role**: who works (CSM, onboarding, a one-to-many team). Per FTE: contracted `hours`, non-customer `overhead`, loaded `cost` and new-hire `ramp`. Effective availability E = hours − overhead.',
    'service.role': 'The role that delivers this service (required). Its demand counts against that role\'s effective hours.',
    'agent.role': 'The role this agent works in (required). The agent\'s capacity is fte × count × ramp factor × the role\'s effective hours.',
    service: 'A **service** of the service menu: what the team delivers to an account (kickoff, QBR, health check, webinar), with its designed `effort` per occurrence and how often.',
    tier: 'A **tier** (segment): how many `accounts`, what each pays, how they churn and which `services` they get. Touch: high (a named CSM), low (limited CSM hours) or tech (one-to-many).',
    agent: 'An **agent**: an actual person or a group of identical people (`count`), with their `role`, `fte`, optional `start` month and the `tiers` they serve.',
    scenario: 'A **scenario**: the base model with overrides. A declaration with an existing name overrides the properties it lists; a new name adds a declaration. Computed in full and reported with its difference from the base.',
    assert: 'A guardrail the plan must keep: `assert [Scenario.]NAME.metric OP quantity`, checked on every build. A failed assertion is an error that shows both sides.',
    hours: 'Contracted hours per FTE, a rate such as `160h / month` or `40h / week` (required). H in the specification.',
    overhead: 'Non-customer time per FTE taken off the contracted hours: meetings, admin, distractions. One rate (`40h / month`), a percent of the hours (`25%`), or a block of named items. Effective availability E = H − O; E ≤ 0 is an error.',
    cost: 'Fully loaded cost per FTE, a rate such as `$9,500 / month` or `$96k / year`. Hourly cost = cost ÷ effective hours. Without it the role costs 0 (a warning).',
    ramp: 'Months for a new hire to reach full productivity (default 0). In its k-th month an agent counts min(1, (k+1) ÷ ramp) of an FTE.',
    effort: 'Designed effort per account per occurrence and how often: `4h every quarter`, `2h 4 times / year`, `12h once` (once per new account). Designed effort per account D = hours × occurrences a month.',
    seats: 'One occurrence is a session that serves up to this many accounts at once (webinars, office hours, a one-to-many queue): demand is ceil(accounts × uptake ÷ seats) sessions.',
    uptake: 'The share of a tier\'s accounts that receive the service (default 100%): add-ons and optional programs.',
    price: '`included` (the default) or a paid add-on price per receiving account per occurrence: `$1,500 every year`, `$2,500 once`.',
    included: 'The service is included in the tier\'s price: it costs effort but earns no add-on revenue.',
    touch: 'How the tier is served: `high` (a named CSM, few accounts), `low` (a CSM with limited hours) or `tech` (no personal CSM: webinars, content, a one-to-many queue).',
    high: 'High touch: a named CSM for a few accounts.',
    low: 'Low touch: a CSM with limited hours per account.',
    tech: 'Tech touch: no personal CSM; services are one-to-many (give them `seats`).',
    accounts: 'Accounts in the tier today (required, a whole number ≥ 0). N in the specification.',
    arr: 'Annual recurring revenue per account: R = arr ÷ 12 a month.',
    mrr: 'Monthly recurring revenue per account: R = mrr.',
    revenue: 'Revenue per account as a rate: `revenue $150 / month`; R = amount ÷ months of the unit.',
    churn: 'The share of accounts lost per time unit, `8% / year`. Monthly churn compounds: cm = 1 − (1 − c)^(1/months). Lifetime L = 1 ÷ cm. Not together with `lifetime`.',
    lifetime: 'Expected customer lifetime, `24 months`, instead of a churn rate. Not together with `churn`.',
    margin: 'Gross margin (default 100%). CLV = revenue per account × margin × lifetime.',
    expansion: 'Expansion revenue rate, `10% / year` (reported; not part of CLV in v1).',
    new: 'New accounts won per time unit, `2 / quarter` (default 0). They drive `once` services and the forecast.',
    services: 'The services this tier receives. Each adds its designed effort to the role that delivers it.',
    tiers: 'The tiers this agent serves. Agents that list a tier serve it; otherwise the agents of the role with no `tiers` list serve it.',
    fte: 'Full-time equivalent of this agent, in (0, 1] (default 1).',
    count: 'A group of identical agents (default 1): capacity and cost multiply by it.',
    start: 'A calendar month, `2027-03`. In the model header: the snapshot month and the first forecast month. On an agent: a planned hire, who counts from that month on, ramped.',
    currency: 'The model\'s currency as an ISO 4217 code (default USD). Every money amount must use it.',
    period: 'The reporting period: `month` (default), `quarter` or `year`. Per-time figures in reports are per period.',
    horizon: 'Forecast length, `12 months` (needs `start`).',
    every: 'A recurring frequency: `every quarter`, `every 2 weeks`.',
    once: 'Once per new account (onboarding, kickoff).',
    times: 'A count per time unit: `4 times / year`.',
    week: 'A time unit of 12/52 of a month.',
    month: 'A time unit of one month.',
    quarter: 'A time unit of three months.',
    year: 'A time unit of twelve months.',
};

export function keywordDoc(keyword: string, block?: string): string | undefined {
    return (block && KEYWORD_DOCS[`${block}.${keyword}`]) || KEYWORD_DOCS[keyword];
}
