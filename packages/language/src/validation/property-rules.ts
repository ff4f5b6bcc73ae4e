import type { Dimension } from '../quantities.js';
import { Codes } from './codes.js';

/** The kinds of block that hold properties. */
export type BlockKind = 'model' | 'role' | 'service' | 'tier' | 'agent';

/**
 * What a `Measure` must be: its dimension, whether it is a rate (`/ month`), and the range of the
 * number as written, from which the message of a value out of range is worded (`rangeWords`).
 * `zeroBare` lets a plain `0` stand without a unit (`ramp 0`).
 */
export interface MeasureRule {
    dimension: Dimension;
    rate: boolean;
    example: string;
    min?: number;
    minExclusive?: boolean;
    max?: number;
    integer?: boolean;
    /** Said after the range: `(a full-time person is 1)`. */
    note?: string;
    /** The code of a value out of range; CAP026 (InvalidValue) without it. */
    rangeCode?: string;
    zeroBare?: boolean;
}

export interface PropertyRule {
    /** For properties written as a general measure; structural ones (role, services, ...) have none. */
    measure?: MeasureRule;
    required?: boolean;
    /** What the property means, in the specification's words, for hovers and completion. */
    doc: string;
}

const percent = (example: string, rate = false): MeasureRule => ({
    dimension: 'percent',
    rate,
    example,
    min: 0,
    max: 100,
    rangeCode: Codes.PercentOutOfRange,
});

/** An overhead (`overhead 25%`, or an item of an `overhead { … }` block) as a share of the hours … */
export const OVERHEAD_SHARE: MeasureRule = percent('25%');
/** … or as hours per time unit. */
export const OVERHEAD_HOURS: MeasureRule = { dimension: 'hours', rate: true, example: '24h / month', min: 0 };

/** Which properties each kind of block takes (spec sections 2 to 7), and what each means. */
export const PROPERTY_RULES: Record<BlockKind, Record<string, PropertyRule>> = {
    model: {
        currency: { doc: "The model's currency as an ISO 4217 code (default USD). Every money amount must use it." },
        period: {
            doc:
                'The reporting period: `month` (default), `quarter` or `year`. Per-time figures in reports are per ' +
                'period.',
        },
        start: { doc: 'A calendar month, `2027-01`: the snapshot month and the first forecast month.' },
        horizon: {
            measure: { dimension: 'duration', rate: false, example: '12 months', min: 0, minExclusive: true },
            doc: 'Forecast length, `12 months` (needs `start`).',
        },
    },
    role: {
        hours: {
            required: true,
            measure: { dimension: 'hours', rate: true, example: '160h / month', min: 0, minExclusive: true },
            doc:
                'Contracted hours per FTE, a rate such as `160h / month` or `40h / week` (required). H in the ' +
                'specification.',
        },
        overhead: {
            doc:
                'Non-customer time per FTE taken off the contracted hours: meetings, admin, distractions. One rate ' +
                '(`40h / month`), a percent of the hours (`25%`), or a block of named items. Effective availability ' +
                'E = H − O; E ≤ 0 is an error.',
        },
        cost: {
            measure: { dimension: 'money', rate: true, example: '$9,500 / month', min: 0 },
            doc:
                'Fully loaded cost per FTE, a rate such as `$9,500 / month` or `$96k / year`. Hourly cost = cost ÷ ' +
                'effective hours. Without it the role costs 0 (a warning).',
        },
        ramp: {
            measure: { dimension: 'duration', rate: false, example: '3 months', min: 0, zeroBare: true },
            doc:
                'Months for a new hire to reach full productivity (default 0). In its k-th month an agent counts ' +
                'min(1, (k+1) ÷ ramp) of an FTE.',
        },
        attrition: {
            measure: percent('15% / year', true),
            doc:
                'The share of people who leave per time unit, `15% / year` (default 0). Monthly attrition compounds: ' +
                'am = 1 − (1 − a)^(1/months). In the forecast an agent counts (1 − am)^j of its FTE and pay j months ' +
                'after it is first counted, and the hiring plan backfills the leavers.',
        },
        hiring: {
            measure: { dimension: 'duration', rate: false, example: '2 months', min: 0, zeroBare: true },
            doc:
                'Time to fill a requisition, `2 months` (default 0): each hire of the plan must be opened by its ' +
                'start-by month minus this, in whole months.',
        },
    },
    service: {
        role: {
            required: true,
            doc:
                "The role that delivers this service (required). Its demand counts against that role's effective " +
                'hours.',
        },
        effort: {
            required: true,
            measure: { dimension: 'hours', rate: false, example: '4h every quarter', min: 0 },
            doc:
                'Designed effort per account per occurrence and how often: `4h every quarter`, `2h 4 times / year`, ' +
                '`12h once` (once per new account). Designed effort per account D = hours × occurrences a month.',
        },
        seats: {
            measure: { dimension: 'count', rate: false, example: '200', min: 1, integer: true },
            doc:
                'One occurrence is a session that serves up to this many accounts at once (webinars, office hours, a ' +
                'one-to-many queue): demand is ceil(accounts × uptake ÷ seats) sessions.',
        },
        uptake: {
            measure: percent('25%'),
            doc:
                "The share of a tier's accounts that receive the service (default 100%): add-ons and optional " +
                'programs.',
        },
        price: {
            doc:
                '`included` (the default) or a paid add-on price per receiving account per occurrence: ' +
                '`$1,500 every year`, `$2,500 once`.',
        },
    },
    tier: {
        touch: {
            doc:
                'How the tier is served: `high` (a named CSM, few accounts), `low` (a CSM with limited hours) or ' +
                '`tech` (no personal CSM: webinars, content, a one-to-many queue).',
        },
        accounts: {
            required: true,
            measure: {
                dimension: 'count',
                rate: false,
                example: '40',
                min: 0,
                integer: true,
                rangeCode: Codes.InvalidAccounts,
            },
            doc: 'Accounts in the tier today (required, a whole number ≥ 0). N in the specification.',
        },
        arr: {
            measure: { dimension: 'money', rate: false, example: '$120,000', min: 0 },
            doc: 'Annual recurring revenue per account: R = arr ÷ 12 a month.',
        },
        mrr: {
            measure: { dimension: 'money', rate: false, example: '$10,000', min: 0 },
            doc: 'Monthly recurring revenue per account: R = mrr.',
        },
        revenue: {
            measure: { dimension: 'money', rate: true, example: '$150 / month', min: 0 },
            doc: 'Revenue per account as a rate: `revenue $150 / month`; R = amount ÷ months of the unit.',
        },
        churn: {
            measure: percent('8% / year', true),
            doc:
                'The share of accounts lost per time unit, `8% / year`. Monthly churn compounds: ' +
                'cm = 1 − (1 − c)^(1/months). Lifetime L = 1 ÷ cm. Not together with `lifetime`.',
        },
        lifetime: {
            measure: { dimension: 'duration', rate: false, example: '24 months', min: 0, minExclusive: true },
            doc: 'Expected customer lifetime, `24 months`, instead of a churn rate. Not together with `churn`.',
        },
        margin: {
            measure: percent('80%'),
            doc: 'Gross margin (default 100%). CLV = revenue per account × margin × lifetime.',
        },
        expansion: {
            measure: percent('10% / year', true),
            doc:
                'Expansion revenue rate, `10% / year`: revenue per account grows by compounding in the forecast, ' +
                'R(m) = R × (1 + em)^m with em = (1 + e)^(1/months) − 1. Not part of CLV.',
        },
        new: {
            measure: { dimension: 'count', rate: true, example: '2 / quarter', min: 0 },
            doc:
                'New accounts won per time unit, `2 / quarter` (default 0), or in given months, ' +
                '`new { 2027-02 120  2027-05 500 }` (needs a model `start`). They drive `once` services and the ' +
                'forecast.',
        },
        services: {
            doc: 'The services this tier receives. Each adds its designed effort to the role that delivers it.',
        },
    },
    agent: {
        role: {
            required: true,
            doc:
                "The role this agent works in (required). The agent's capacity is fte × count × ramp factor × the " +
                "role's effective hours.",
        },
        tiers: {
            doc:
                'The tiers this agent serves. Agents that list a tier serve it; otherwise the agents of the role ' +
                'with no `tiers` list serve it.',
        },
        fte: {
            measure: {
                dimension: 'count',
                rate: false,
                example: '0.5',
                min: 0,
                minExclusive: true,
                max: 1,
                note: 'a full-time person is 1',
                rangeCode: Codes.FteOutOfRange,
            },
            doc: 'Full-time equivalent of this agent, in (0, 1] (default 1).',
        },
        count: {
            measure: { dimension: 'count', rate: false, example: '3', min: 1, integer: true },
            doc: 'A group of identical agents (default 1): capacity and cost multiply by it.',
        },
        start: { doc: 'A calendar month, `2027-03`: a planned hire, who counts from that month on, ramped.' },
    },
};

/** A rule's range in words: `between 0% and 100%`, `more than 0 and at most 1`, `a whole number of at least 1`. */
export function rangeWords(rule: MeasureRule): string {
    const u = rule.dimension === 'percent' ? '%' : '';
    const { min, max } = rule;
    const bounds =
        min !== undefined && max !== undefined && !rule.minExclusive
            ? [`between ${min}${u} and ${max}${u}`]
            : [
                  ...(min === undefined ? [] : [`${rule.minExclusive ? 'more than' : 'at least'} ${min}${u}`]),
                  ...(max === undefined ? [] : [`at most ${max}${u}`]),
              ];
    const range = bounds.join(' and ');
    const words = rule.integer ? `a whole number${range ? ` of ${range}` : ''}` : range;
    return rule.note ? `${words} (${rule.note})` : words;
}

/** Revenue may be written one way only: `arr`, `mrr` or `revenue ... / unit`. */
export const REVENUE_KEYS = ['arr', 'mrr', 'revenue'];
