import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';

/** A frame that claims more than this is a broken header, not a message (a 5 MB model is a 6 MB didOpen). */
export const MAX_FRAME_BYTES = 128 * 1024 * 1024;

/** Real headers are two short lines; a "header" longer than this is junk. */
const MAX_HEADER_BYTES = 4096;

const SEPARATOR = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = 'content-length:';

/**
 * Passes LSP frames (`Content-Length: N`, a blank line, N bytes) through unchanged and drops what
 * cannot be a frame. The JSON-RPC reader reads the bytes after a header without a usable
 * Content-Length as the next header, so one malformed frame from a client would leave the server
 * reading JSON as headers, and answering nothing, for the rest of the session. Here, a header
 * block without a numeric Content-Length (or with an absurd one) is skipped up to the next
 * `Content-Length:`, and the stream is in step again from the frame that follows.
 */
export class FrameResynchroniser extends Transform {
    private chunks: Buffer[] = [];
    private size = 0;
    /** The whole length of the frame being received, once its header has been read. */
    private frameLength = -1;

    override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        this.chunks.push(bytes);
        this.size += bytes.length;
        // A large message arrives in many chunks: join them once it is complete, not on every chunk.
        if (this.frameLength < 0 || this.size >= this.frameLength) this.drain();
        callback();
    }

    private drain(): void {
        let buffer = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
        for (;;) {
            if (this.frameLength >= 0) {
                if (buffer.length < this.frameLength) break;
                this.push(buffer.subarray(0, this.frameLength));
                buffer = buffer.subarray(this.frameLength);
                this.frameLength = -1;
                continue;
            }
            const end = buffer.indexOf(SEPARATOR);
            if (end < 0) {
                buffer = this.dropGarbage(buffer);
                break;
            }
            const length = contentLength(buffer.subarray(0, end).toString('latin1'));
            if (length !== undefined) {
                this.frameLength = end + SEPARATOR.length + length;
                continue;
            }
            const next = indexOfContentLength(buffer, 1);
            buffer = next >= 0 ? buffer.subarray(next) : buffer.subarray(end + SEPARATOR.length);
        }
        this.chunks = buffer.length > 0 ? [buffer] : [];
        this.size = buffer.length;
    }

    /**
     * Bytes with no header end in sight may be a header still arriving; beyond the size of any
     * header only the last `MAX_HEADER_BYTES` are kept, so that a client sending junk costs no memory.
     */
    private dropGarbage(buffer: Buffer): Buffer {
        return buffer.length <= MAX_HEADER_BYTES ? buffer : buffer.subarray(buffer.length - MAX_HEADER_BYTES);
    }
}

/** The Content-Length of a header block, or undefined when the block is not a valid LSP header. */
function contentLength(block: string): number | undefined {
    let length: number | undefined;
    for (const line of block.split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) return undefined;
        if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
        const value = line.slice(colon + 1).trim();
        if (!/^[0-9]+$/.test(value)) return undefined;
        length = Number(value);
    }
    return length !== undefined && length <= MAX_FRAME_BYTES ? length : undefined;
}

function indexOfContentLength(buffer: Buffer, from: number): number {
    // Header names are case-insensitive, but copying the buffer to lower case is only worth it
    // when the usual spelling is not there.
    const usual = buffer.indexOf('Content-Length:', from, 'latin1');
    if (usual >= 0) return usual;
    return buffer.toString('latin1').toLowerCase().indexOf(CONTENT_LENGTH, from);
}
