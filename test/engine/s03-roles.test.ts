/**
 * Spec section 3: roles. Per FTE and per month: H = hours, O = overhead (hour items plus percent
 * items taken as a share of H), effective availability E = H − O, hourly cost = C / E.
 * Rates such as `40h / week` are converted to hours per month before the engine sees them, so
 * these tests feed the engine monthly hours directly.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '@cap/engine';
import { hoursItem, model, role, shareItem } from './build.js';

describe('§3 roles: effective availability', () => {
    it('seed check: 160 h less 40 h of named overhead items leaves 120 h', () => {
        const r = evaluate(
            model({
                roles: [
                    role('CSM', {
                        hoursPerMonth: 160,
                        overhead: [hoursItem('meetings', 24), hoursItem('admin', 10), hoursItem('distractions', 6)],
                    }),
                ],
            }),
        ).roles.CSM;
        expect(r.hoursPerFte).toBe(160);
        expect(r.overheadPerFte).toBe(40); // 24 + 10 + 6 h = 40 h
        expect(r.effectivePerFte).toBe(120); // 160 h − (24 + 10 + 6) h = 120 h
    });

    it('a percent overhead is that share of the contracted hours', () => {
        const r = evaluate(
            model({ roles: [role('Onb', { hoursPerMonth: 160, overhead: [shareItem('overhead', 0.25)] })] }),
        ).roles.Onb;
        expect(r.overheadPerFte).toBe(40); // 25% × 160 h = 40 h
        expect(r.effectivePerFte).toBe(120); // 160 h − 40 h = 120 h
    });

    it('a percent overhead applies to hours that came from a weekly rate (40 h/week = 40·52/12 h/month)', () => {
        // The language converts 40 h / week to 40 · 52 / 12 = 173.333… h a month; written as 2080/12 here.
        const r = evaluate(
            model({ roles: [role('Onb', { hoursPerMonth: 2080 / 12, overhead: [shareItem('overhead', 0.25)] })] }),
        ).roles.Onb;
        expect(r.overheadPerFte).toBeCloseTo(43.333333333, 9); // 25% × 173.333… h = 43.333… h
        expect(r.effectivePerFte).toBeCloseTo(130, 9); // 75% × 2080/12 h = 1560/12 h = 130 h
    });

    it('hour items and percent items add up', () => {
        const r = evaluate(
            model({
                roles: [
                    role('CSM', {
                        hoursPerMonth: 200,
                        overhead: [hoursItem('meetings', 20), shareItem('training', 0.1)],
                    }),
                ],
            }),
        ).roles.CSM;
        expect(r.overheadPerFte).toBe(40); // 20 h + 10% × 200 h = 20 h + 20 h = 40 h
        expect(r.effectivePerFte).toBe(160); // 200 h − 40 h = 160 h
    });

    it('without overhead, E equals the contracted hours', () => {
        const r = evaluate(model({ roles: [role('CSM', { hoursPerMonth: 150 })] })).roles.CSM;
        expect(r.overheadPerFte).toBe(0); // no items
        expect(r.effectivePerFte).toBe(150); // 150 h − 0 h
    });
});

describe('§3 roles: cost', () => {
    it('hourly cost is C / E: $9,500 over 120 effective hours', () => {
        const r = evaluate(
            model({
                roles: [role('CSM', { hoursPerMonth: 160, overhead: [hoursItem('meetings', 40)], costPerMonth: 9500 })],
            }),
        ).roles.CSM;
        expect(r.costPerFte).toBe(9500);
        expect(r.hourlyCost).toBeCloseTo(79.166666667, 9); // $9,500 ÷ 120 h = $79.1666… per hour
    });

    it('hourly cost divides by effective hours, not contracted hours ($96k/year, 40 h/week, 25% overhead)', () => {
        // $96k / year is $8,000 a month; E = 130 h as in the weekly-rate test above.
        const r = evaluate(
            model({
                roles: [
                    role('Onb', {
                        hoursPerMonth: 2080 / 12,
                        overhead: [shareItem('overhead', 0.25)],
                        costPerMonth: 8000,
                    }),
                ],
            }),
        ).roles.Onb;
        expect(r.hourlyCost).toBeCloseTo(61.538461538, 9); // $8,000 ÷ 130 h = $61.5384615… per hour
    });

    it('a role without a cost costs 0 per hour', () => {
        const r = evaluate(model({ roles: [role('CSM', { costPerMonth: 0 })] })).roles.CSM;
        expect(r.costPerFte).toBe(0);
        expect(r.hourlyCost).toBe(0); // $0 ÷ 160 h
    });

    it('E ≤ 0 (an error in the language) never yields Infinity: hourly cost is null', () => {
        const r = evaluate(
            model({
                roles: [role('CSM', { hoursPerMonth: 100, overhead: [hoursItem('all', 100)], costPerMonth: 5000 })],
            }),
        ).roles.CSM;
        expect(r.effectivePerFte).toBe(0); // 100 h − 100 h
        expect(r.hourlyCost).toBeNull(); // $5,000 ÷ 0 h is undefined
    });
});
