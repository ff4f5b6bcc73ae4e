import { readCsvRecords } from './csv.js';

/** A key seen again: the row that repeats it, and where the row that has it first starts. */
export interface DuplicateKey {
    value: string;
    start: number;
    end: number;
    firstStart: number;
}

/**
 * The keys of a file's rows, checked for one seen twice (spec section 14) without keeping the key
 * strings, which would take most of the file's size again while a CRM export is read. Each row
 * keeps a 53-bit hash of its key and where it is; rows whose hashes meet are read again to compare
 * the keys themselves, so a hash collision never reports a duplicate.
 */
export class KeyChecker {
    private hashes = new Float64Array(0);
    // Offsets fit in 32 bits: a data file is at most 512 MB.
    private starts = new Uint32Array(0);
    private ends = new Uint32Array(0);
    private count = 0;

    /** `hash` is replaceable so that a test can make every key collide. */
    constructor(private readonly hash: (text: string) => number = hash53) {}

    add(value: string, start: number, end: number): void {
        if (this.count >= this.hashes.length) this.grow();
        this.hashes[this.count] = this.hash(value);
        this.starts[this.count] = start;
        this.ends[this.count] = end;
        this.count++;
    }

    /**
     * The rows whose key an earlier row has, in file order, each with that earlier row. `keyOf`
     * reads a row's key again from its bytes; it is called only for rows whose hashes meet.
     */
    duplicates(keyOf: (start: number, end: number) => string): DuplicateKey[] {
        const order = new Uint32Array(this.count);
        for (let i = 0; i < this.count; i++) order[i] = i;
        order.sort((a, b) => this.hashes[a] - this.hashes[b] || a - b);
        const found: DuplicateKey[] = [];
        for (let i = 0; i < order.length; ) {
            let j = i + 1;
            while (j < order.length && this.hashes[order[j]] === this.hashes[order[i]]) j++;
            if (j - i > 1) {
                const firstOf = new Map<string, number>();
                for (const row of order.subarray(i, j)) {
                    const value = keyOf(this.starts[row], this.ends[row]);
                    const first = firstOf.get(value);
                    if (first === undefined) firstOf.set(value, row);
                    else
                        found.push({
                            value,
                            start: this.starts[row],
                            end: this.ends[row],
                            firstStart: this.starts[first],
                        });
                }
            }
            i = j;
        }
        return found.sort((a, b) => a.start - b.start);
    }

    /** Lets go of what was kept: a closure that shares the reader's scope would keep it alive. */
    clear(): void {
        this.hashes = new Float64Array(0);
        this.starts = new Uint32Array(0);
        this.ends = new Uint32Array(0);
        this.count = 0;
    }

    private grow(): void {
        const size = Math.max(1024, this.hashes.length * 2);
        const hashes = new Float64Array(size);
        const starts = new Uint32Array(size);
        const ends = new Uint32Array(size);
        hashes.set(this.hashes);
        starts.set(this.starts);
        ends.set(this.ends);
        [this.hashes, this.starts, this.ends] = [hashes, starts, ends];
    }
}

/** The field `field` of the one record in `bytes` from `start` to `end`, trimmed. */
export function fieldAt(bytes: Uint8Array, separator: string, start: number, end: number, field: number): string {
    let value = '';
    readCsvRecords(bytes.subarray(start, end), separator, fields => {
        value = field < fields.length ? fields[field].trim() : '';
    });
    return value;
}

/** Two 32-bit FNV-1a hashes of different primes, as one integer below 2^53 (exact in a double). */
function hash53(text: string): number {
    let a = 0x811c9dc5;
    let b = 0x01000193 ^ 0x5bd1e995;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
    }
    return (a >>> 0) * 2 ** 21 + ((b >>> 0) >>> 11);
}
