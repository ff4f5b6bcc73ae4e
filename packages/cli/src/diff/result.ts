import type { Crossing, FailOnRule } from './fail-on.js';
import type { InputChange } from './inputs.js';
import type { OutputDiff } from './outputs.js';
import type { DataDiff } from './data-changes.js';

/** One side of a comparison, as the renderers name it. */
export interface SideInfo {
    /** `main:plan.cap`, `plan.cap`, `old-report.json`. */
    label: string;
    kind: 'model' | 'report';
}

/** Everything one `cap diff` run found; each format renders it its own way. */
export interface DiffResult {
    old: SideInfo;
    new: SideInfo;
    /** What changed in the plan's text; `null` when a side is a report (there is no text to compare). */
    inputs: InputChange[] | null;
    outputs: OutputDiff;
    rules: FailOnRule[];
    crossings: Crossing[];
    /** `--all`: unchanged figures too. */
    all: boolean;
    /** About the sides themselves (a file that is new in the working tree). */
    notes: string[];
    /** What changed in the data files the model reads (spec section 14). */
    data: DataDiff[];
}
