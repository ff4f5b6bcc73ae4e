/**
 * Spec section 5: tiers and churn. Revenue per account R, accounts N, new accounts a and margin g
 * reach the engine as monthly figures. A churn rate c per unit u compounds to a monthly rate
 * cm = 1 − (1 − c)^(1/len(u)); the lifetime is L = 1 / cm, or the explicit `lifetime`.
 * Closed forms below were evaluated with `node -e` from the arithmetic written in the comment.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, monthlyChurn, lifetimeMonths } from '@cap/engine';
import { model, tier } from './build.js';

describe('§5 tiers: plain figures', () => {
    const t = evaluate(
        model({
            tiers: [
                tier('Enterprise', {
                    touch: 'high',
                    accounts: 40,
                    revenuePerMonth: 10000,
                    margin: 0.8,
                    newPerMonth: 2 / 3,
                }),
            ],
        }),
    ).tiers.Enterprise;

    it('keeps touch, accounts, revenue per account, margin and new accounts', () => {
        expect(t.touch).toBe('high');
        expect(t.accounts).toBe(40);
        expect(t.revenuePerAccount).toBe(10000); // arr $120,000 → $120,000 ÷ 12 = $10,000 a month (converted by the language)
        expect(t.margin).toBe(0.8);
        expect(t.newAccounts).toBeCloseTo(0.666666666667, 12); // new 2 / quarter → 2 ÷ 3 a month
    });

    it('tier revenue per month is N · R', () => {
        expect(t.revenue).toBe(400000); // 40 × $10,000 = $400,000
    });

    it('touch is optional', () => {
        expect(evaluate(model({ tiers: [tier('SMB')] })).tiers.SMB.touch).toBeNull();
    });
});

describe('§5 churn: compounding to a monthly rate', () => {
    it('seed check: 64 of 1,000 lost in a month is 6.4% monthly churn and a 15.625-month lifetime', () => {
        const t = evaluate(
            model({ tiers: [tier('SMB', { retention: { kind: 'churn', rate: 64 / 1000, months: 1 } })] }),
        ).tiers.SMB;
        expect(t.churn).toBeCloseTo(0.064, 12); // 1 − (1 − 0.064)^(1/1) = 0.064
        expect(t.lifetimeMonths).toBeCloseTo(15.625, 9); // 1 ÷ 0.064 = 15.625 months
    });

    it('8% a year compounds to 1 − 0.92^(1/12) a month, not 8% ÷ 12', () => {
        const t = evaluate(model({ tiers: [tier('Ent', { retention: { kind: 'churn', rate: 0.08, months: 12 } })] }))
            .tiers.Ent;
        expect(t.churn).toBeCloseTo(0.006924382628, 12); // 1 − 0.92^(1/12) = 0.0069243826283
        expect(t.lifetimeMonths).toBeCloseTo(144.41720709, 9); // 1 ÷ 0.0069243826283 = 144.41720709 months
        // Simple division would give 0.08 / 12 = 0.0066667 and 150 months; compounding must differ.
        expect(t.churn).not.toBeCloseTo(0.08 / 12, 6);
    });

    it('10% a quarter compounds to 1 − 0.9^(1/3) a month', () => {
        const t = evaluate(model({ tiers: [tier('Mid', { retention: { kind: 'churn', rate: 0.1, months: 3 } })] }))
            .tiers.Mid;
        expect(t.churn).toBeCloseTo(0.034510615394, 12); // 1 − 0.9^(1/3) = 0.0345106153944
        expect(t.lifetimeMonths).toBeCloseTo(28.976591364, 9); // 1 ÷ 0.0345106153944 = 28.9765913639 months
    });

    it('the exported helpers agree with the tier figures', () => {
        const spec = tier('Ent', { retention: { kind: 'churn', rate: 0.08, months: 12 } });
        expect(monthlyChurn(spec)).toBeCloseTo(0.006924382628, 12); // 1 − 0.92^(1/12)
        expect(lifetimeMonths(spec)).toBeCloseTo(144.41720709, 9); // 1 ÷ (1 − 0.92^(1/12))
    });
});

describe('§5 churn: explicit lifetime and no retention', () => {
    it('an explicit lifetime is used as is', () => {
        const t = evaluate(model({ tiers: [tier('SMB', { retention: { kind: 'lifetime', months: 24 } })] })).tiers.SMB;
        expect(t.lifetimeMonths).toBe(24); // lifetime 24 months
        // Engine decision (spec silent): the monthly churn shown for a lifetime is the one that gives it, 1 / L.
        expect(t.churn).toBeCloseTo(0.041666666667, 12); // 1 ÷ 24
    });

    it('no churn and no lifetime: churn and lifetime are undefined (null)', () => {
        const t = evaluate(model({ tiers: [tier('SMB')] })).tiers.SMB;
        expect(t.churn).toBeNull();
        expect(t.lifetimeMonths).toBeNull();
    });

    it('churn 0 is a 0 monthly rate with an undefined (not infinite) lifetime', () => {
        const t = evaluate(model({ tiers: [tier('SMB', { retention: { kind: 'churn', rate: 0, months: 12 } })] })).tiers
            .SMB;
        expect(t.churn).toBe(0); // 1 − (1 − 0)^(1/12) = 0
        expect(t.lifetimeMonths).toBeNull(); // 1 ÷ 0 is undefined
    });
});
