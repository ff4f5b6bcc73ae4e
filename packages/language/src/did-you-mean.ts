/**
 * "Did you mean": the one known word a mistyped word most likely stands for. Every message that
 * suggests a word (keywords, properties, names, units) asks here, so they all agree.
 *
 * A candidate that differs only in case wins (`csm` → `CSM`, `K` → `k`). Otherwise the closest
 * candidate by Damerau–Levenshtein distance, ignoring case: an inserted, deleted or replaced
 * character, or two neighbours swapped, each count one edit. Words of five characters or more may
 * be two edits away (`Midmarkt` → `MidMarket`), words of three or four one edit (`teir` → `tier`,
 * `CMS` → `CSM`); shorter words only differ in case, since one edit turns them into almost
 * anything. Among equally close candidates the first one given wins.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
    const lower = word.toLowerCase();
    const allowed = word.length >= 5 ? 2 : word.length >= 3 ? 1 : 0;
    let best: string | undefined;
    let bestDistance = allowed + 1;
    for (const candidate of candidates) {
        if (candidate === word) continue;
        const other = candidate.toLowerCase();
        if (other === lower) return candidate;
        if (bestDistance <= 1 || Math.abs(other.length - lower.length) >= bestDistance) continue;
        const d = editDistance(lower, other);
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

/**
 * Damerau–Levenshtein distance in its optimal string alignment form (a swapped pair is one edit,
 * and no substring is edited twice), which is what a typo is: `hihg` is one edit from `high`.
 */
export function editDistance(a: string, b: string): number {
    // Three rows of the distance table: the one two back is needed for a swap.
    let twoBack = new Array<number>(b.length + 1).fill(0);
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    let current = new Array<number>(b.length + 1).fill(0);
    for (let i = 1; i <= a.length; i++) {
        current[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, twoBack[j - 2] + 1);
            current[j] = d;
        }
        [twoBack, previous, current] = [previous, current, twoBack];
    }
    return previous[b.length];
}

/** `…: did you mean \`word\`?`, or nothing when there is no suggestion. */
export function didYouMeanText(suggestion: string | undefined): string {
    return suggestion === undefined ? '' : `: did you mean \`${suggestion}\`?`;
}
