import { registerTests } from './extension.test.js';

/**
 * The web extension host's test entry: the same suite, in a Web Worker, with Mocha's browser
 * build. Results go to the console, which the workbench page forwards to the launcher.
 */
export function run(): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('mocha/mocha');
    const mocha = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
    mocha.setup({ ui: 'tdd', reporter: undefined, timeout: 60_000 });
    (globalThis as unknown as { suite: (title: string, fn: () => void) => void }).suite(
        'the Cap web extension in VS Code',
        registerTests,
    );
    return new Promise((resolve, reject) => {
        let passed = 0;
        let failed = 0;
        let skipped = 0;
        const runner = mocha.run(() => {
            console.log(`vscode-web: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
            if (failed > 0) reject(new Error(`${failed} web extension test(s) failed`));
            else resolve();
        });
        runner.on('pass', (test: { fullTitle(): string; duration?: number }) => {
            passed++;
            console.log(`  ok   ${test.fullTitle()} (${test.duration ?? 0} ms)`);
        });
        runner.on('pending', (test: { fullTitle(): string }) => {
            skipped++;
            console.log(`  skip ${test.fullTitle()}`);
        });
        runner.on('fail', (test: { fullTitle(): string }, err: Error) => {
            failed++;
            console.log(
                `  FAIL ${test.fullTitle()}\n       ${String(err?.stack ?? err)
                    .split('\n')
                    .slice(0, 6)
                    .join('\n       ')}`,
            );
        });
    });
}

interface BrowserMocha {
    setup(options: { ui: string; reporter?: unknown; timeout: number }): void;
    run(done: (failures: number) => void): { on(event: string, listener: (...args: never[]) => void): void };
}
