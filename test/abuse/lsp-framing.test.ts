import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FrameResynchroniser, MAX_FRAME_BYTES } from '../../packages/cli/src/lsp-framing.js';

/**
 * The stdio framing guard of `cap lsp` on its own: well-formed frames pass through unchanged
 * however the bytes are chunked; junk between frames is dropped; the frames after it arrive.
 */

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

async function through(chunks: (string | Buffer)[]): Promise<string> {
    const guard = new FrameResynchroniser();
    const out: Buffer[] = [];
    guard.on('data', (b: Buffer) => out.push(b));
    for (const c of chunks) guard.write(c);
    guard.end();
    await new Promise(res => guard.on('end', res));
    return Buffer.concat(out).toString('utf-8');
}

/** The bytes split at the given cut points. */
function split(bytes: Buffer, cuts: number[]): Buffer[] {
    const points = [...new Set(cuts.map(c => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const parts: Buffer[] = [];
    let at = 0;
    for (const p of points) {
        parts.push(bytes.subarray(at, p));
        at = p;
    }
    parts.push(bytes.subarray(at));
    return parts;
}

describe('FrameResynchroniser', () => {
    const good = [
        frame('{"jsonrpc":"2.0","id":1,"method":"a"}'),
        frame('{"jsonrpc":"2.0","method":"é€😀"}'),
        `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n${frame('{"id":3}')}`,
    ];

    it('passes well-formed frames through unchanged, however they are chunked', async () => {
        const bytes = Buffer.from(good.join(''));
        await fc.assert(
            fc.asyncProperty(fc.array(fc.nat(), { maxLength: 20 }), async cuts => {
                expect(await through(split(bytes, cuts))).toBe(good.join(''));
            }),
            { numRuns: 200, seed: 1 },
        );
    });

    it('drops what cannot be a frame and keeps every well-formed frame after it, however it is chunked', async () => {
        const junk = [
            'X-Only: header\r\n\r\n{"no":"length"}',
            'Content-Length: many\r\n\r\n{"bad":"length"}',
            'not a header at all\r\n\r\n',
            `Content-Length: ${MAX_FRAME_BYTES + 1}\r\n\r\n{}`,
            'x'.repeat(10_000),
        ];
        const stream = [good[0], ...junk.flatMap(j => [j, good[1]]), good[2]];
        const bytes = Buffer.from(stream.join(''));
        await fc.assert(
            fc.asyncProperty(fc.array(fc.nat(), { maxLength: 30 }), async cuts => {
                expect(await through(split(bytes, cuts))).toBe([good[0], ...junk.map(() => good[1]), good[2]].join(''));
            }),
            { numRuns: 200, seed: 2 },
        );
    });

    it('a frame that is too short leaves its tail as junk before the next frame', async () => {
        const short = 'Content-Length: 5\r\n\r\n{"jsonrpc":"2.0"}';
        expect(await through([short, good[0]])).toBe(`Content-Length: 5\r\n\r\n{"jso${good[0]}`);
    });
});
