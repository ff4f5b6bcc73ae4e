/**
 * One string object per distinct name in a file, found by its place in the text: the direct parser
 * asks for a name at every declaration and reference, and most are repeats (a role named by fifty
 * services, `meetings` in every role's overhead). Looking a name up by its text would first cut the
 * text out of the source, a string that becomes garbage at once on every repeat; this table hashes
 * the characters where they are and compares them in place, and cuts a string only for a name it
 * has not seen. Every later lookup of a name (the linker's scopes, lowering's, the engine's) then
 * meets the very string stored here and compares pointers, not characters.
 */
export class NameTable {
    /** Open addressing: slot → 1 + index into `names`, 0 when empty. */
    private slots = new Int32Array(1024);
    private hashes: number[] = [];
    private names: string[] = [];

    /** Forgets every name (the slots are kept for the next file). */
    reset(): void {
        if (this.names.length > 0) this.slots.fill(0);
        this.hashes = [];
        this.names = [];
    }

    /** The string for text[start, end), the same object for every occurrence of the same characters. */
    intern(text: string, start: number, end: number): string {
        let hash = 0x811c9dc5;
        for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
        const length = end - start;
        const mask = this.slots.length - 1;
        for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
            const entry = this.slots[slot];
            if (entry === 0) {
                const name = text.substring(start, end);
                this.names.push(name);
                this.hashes.push(hash);
                this.slots[slot] = this.names.length;
                if (this.names.length * 2 > this.slots.length) this.grow();
                return name;
            }
            if (this.hashes[entry - 1] !== hash) continue;
            const name = this.names[entry - 1];
            if (name.length === length && text.startsWith(name, start)) return name;
        }
    }

    private grow(): void {
        const slots = new Int32Array(this.slots.length * 2);
        const mask = slots.length - 1;
        for (let i = 0; i < this.names.length; i++) {
            let slot = this.hashes[i] & mask;
            while (slots[slot] !== 0) slot = (slot + 1) & mask;
            slots[slot] = i + 1;
        }
        this.slots = slots;
    }
}
