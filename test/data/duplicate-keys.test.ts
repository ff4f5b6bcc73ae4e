import { describe, expect, it } from 'vitest';
import { KeyChecker, fieldAt } from '../../packages/language/src/data/duplicate-keys.js';

/** Rows as (key, start, end) with made-up offsets; `keyOf` reads a row's key back by its start. */
function check(keys: string[], checker = new KeyChecker()) {
    const byStart = new Map<number, string>();
    keys.forEach((k, i) => {
        checker.add(k, i * 10, i * 10 + 9);
        byStart.set(i * 10, k);
    });
    let reads = 0;
    const found = checker.duplicates(start => {
        reads++;
        return byStart.get(start)!;
    });
    return { found: found.map(d => [d.value, d.start / 10, d.firstStart / 10]), reads };
}

describe('a key seen twice (spec §14), without keeping the keys', () => {
    it('reports each later row with the row that has the key first, in file order', () => {
        // rows 0..5: A-1 again at 3 and 5 (both point at row 0), B at 1 and 4.
        expect(check(['A-1', 'B', 'C', 'A-1', 'B', 'A-1']).found).toEqual([
            ['A-1', 3, 0],
            ['B', 4, 1],
            ['A-1', 5, 0],
        ]);
    });

    it('reads no key back when no two hashes meet', () => {
        const keys = Array.from({ length: 5_000 }, (_, i) => `A-${i}`);
        expect(check(keys)).toEqual({ found: [], reads: 0 });
    });

    it('a hash collision is not a duplicate: the keys themselves are compared', () => {
        // Every key gets the same hash: all four rows are read back, and only the equal keys count.
        expect(check(['x', 'y', 'z', 'y'], new KeyChecker(() => 42))).toEqual({ found: [['y', 3, 1]], reads: 4 });
    });

    it('grows past its first arrays, and lets go of them when cleared', () => {
        const checker = new KeyChecker();
        const keys = Array.from({ length: 3_000 }, (_, i) => `K${i % 2_999}`); // K0 again at row 2,999
        expect(check(keys, checker).found).toEqual([['K0', 2_999, 0]]);
        checker.clear();
        expect(checker.duplicates(() => '')).toEqual([]);
    });

    it("reads a row's key back from its bytes, quotes and all", () => {
        const text = 'ID,Name\n"A,1","Acme\nInc"\r\n B-2 ,Beta\n';
        const bytes = new TextEncoder().encode(text);
        const first = text.indexOf('"A,1"');
        const second = text.indexOf(' B-2');
        expect(fieldAt(bytes, ',', first, second, 0)).toBe('A,1');
        expect(fieldAt(bytes, ',', second, bytes.length, 0)).toBe('B-2');
        expect(fieldAt(bytes, ',', second, bytes.length, 5)).toBe('');
    });
});
