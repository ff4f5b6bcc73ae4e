/**
 * What a command reads from and writes to besides files: its output, its errors, standard input,
 * its working folder and its environment. The `cap` binary passes the real process (`processIo`);
 * tests run the same commands in process with buffers, a folder of their own and no terminal.
 * Every relative path a command is given is resolved against `cwd`, never `process.cwd()`.
 */
export interface Io {
    readonly stdout: Output;
    readonly stderr: Output;
    /** Standard input, opened only when a command reads it (`cap fmt -`). */
    readonly stdin: () => AsyncIterable<string | Uint8Array>;
    readonly cwd: string;
    readonly env: Readonly<Record<string, string | undefined>>;
}

export interface Output {
    write(text: string): void;
    /** A terminal: summaries, tables and colours for a person rather than JSON for a program. */
    readonly isTTY?: boolean;
    /** The terminal's width, for commander's help. */
    readonly columns?: number;
}

export function processIo(): Io {
    return {
        stdout: process.stdout,
        stderr: process.stderr,
        stdin: () => process.stdin,
        cwd: process.cwd(),
        env: process.env,
    };
}
