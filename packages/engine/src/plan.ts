import type { CapModel } from './model.js';
import type { Results } from './results.js';
import type { AssertionResult, AssertionSpec } from './assertions.js';
import type { Forecast } from './forecast.js';
import type { ResultsDelta } from './delta.js';
import { checkAssertions } from './assertions.js';
import { delta } from './delta.js';
import { evaluate } from './evaluate.js';
import { forecast } from './forecast.js';

/**
 * Everything one build computes: the base model's snapshot and forecast, every scenario in full
 * (spec section 10) with its difference from the base, and every assertion (section 11).
 */

/** A scenario as the language hands it over: the base model with its overrides already applied. */
export interface ScenarioSpec {
    name: string;
    title: string | null;
    model: CapModel;
}

export interface ScenarioResults {
    name: string;
    title: string | null;
    results: Results;
    forecast: Forecast | null;
    /** Scenario minus base for roles, tiers and totals, per month. */
    delta: ResultsDelta;
}

export interface PlanResults {
    results: Results;
    forecast: Forecast | null;
    /** By scenario name, in declaration order. */
    scenarios: ReadonlyMap<string, ScenarioResults>;
    /** In the order the assertions are written (entry file first, then its imports). */
    assertions: AssertionResult[];
}

/**
 * A plan computed part by part, each part the first time it is read and then kept: the base
 * snapshot at once; the forecast (one evaluation per month of the horizon), the scenarios (each in
 * full, its own forecast again only when read) and the assertions (which need the scenarios'
 * snapshots, not their forecasts) when asked for. An editor rebuilds on every keystroke and most
 * of what it shows, and every check but the assertions, reads the base snapshot only.
 *
 * The specs are read when first needed, so that a caller can defer turning syntax into them too.
 */
export class Plan implements PlanResults {
    readonly results: Results;
    private forecastPart: { value: Forecast | null } | undefined;
    private scenariosPart: Map<string, ScenarioResults> | undefined;
    private assertionsPart: AssertionResult[] | undefined;

    constructor(
        readonly model: CapModel,
        private readonly scenarioSpecs: () => readonly ScenarioSpec[] = () => [],
        private readonly assertionSpecs: () => readonly AssertionSpec[] = () => [],
    ) {
        this.results = evaluate(model);
    }

    get forecast(): Forecast | null {
        this.forecastPart ??= { value: forecast(this.model) };
        return this.forecastPart.value;
    }

    /** By scenario name, in declaration order; a name given twice keeps its first scenario. */
    get scenarios(): ReadonlyMap<string, ScenarioResults> {
        if (!this.scenariosPart) {
            const evaluated = new Map<string, ScenarioResults>();
            for (const s of this.scenarioSpecs()) {
                if (!evaluated.has(s.name)) evaluated.set(s.name, scenarioResults(this.results, s));
            }
            this.scenariosPart = evaluated;
        }
        return this.scenariosPart;
    }

    get assertions(): AssertionResult[] {
        if (!this.assertionsPart) {
            const specs = this.assertionSpecs();
            this.assertionsPart = specs.length === 0 ? [] : checkAssertions(specs, { results: this.results, scenarios: this.scenarios });
        }
        return this.assertionsPart;
    }
}

/** A scenario's snapshot and difference from the base; its forecast when first read. */
function scenarioResults(base: Results, spec: ScenarioSpec): ScenarioResults {
    const results = evaluate(spec.model);
    let projected: { value: Forecast | null } | undefined;
    return {
        name: spec.name,
        title: spec.title,
        results,
        get forecast(): Forecast | null {
            projected ??= { value: forecast(spec.model) };
            return projected.value;
        },
        delta: delta(base, results),
    };
}

/** Every part of the plan at once. */
export function evaluatePlan(model: CapModel, scenarios: ScenarioSpec[] = [], assertions: AssertionSpec[] = []): PlanResults {
    const plan = new Plan(model, () => scenarios, () => assertions);
    for (const s of plan.scenarios.values()) void s.forecast;
    return { results: plan.results, forecast: plan.forecast, scenarios: plan.scenarios, assertions: plan.assertions };
}
