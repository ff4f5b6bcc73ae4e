import { appendFileSync } from 'node:fs';
import Mocha from 'mocha';
import { registerTests } from './extension.test.js';

/**
 * The extension host's test entry (`extensionTestsPath`): runs the suite with Mocha's TDD
 * interface and reports in two ways, because a browser-hosted VS Code (code-server) does not
 * always forward the extension host's console: the spec reporter on the console, and one line per
 * test plus a closing `N passed, N failed` line appended to `$CAP_TEST_LOG` when the launcher
 * sets it.
 */
export function run(): Promise<void> {
    const log = process.env.CAP_TEST_LOG;
    const write = (line: string) => {
        console.log(line);
        if (log) appendFileSync(log, `${line}\n`);
    };
    const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
    mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha);
    mocha.suite.title = 'the Cap extension in VS Code';
    (globalThis as unknown as { suite: (title: string, fn: () => void) => void }).suite(
        'the Cap extension in VS Code',
        registerTests,
    );
    return new Promise((resolve, reject) => {
        let passed = 0;
        let failed = 0;
        const runner = mocha.run(failures => {
            write(`vscode: ${passed} passed, ${failed} failed`);
            if (failures > 0) reject(new Error(`${failures} extension test(s) failed`));
            else resolve();
        });
        runner.on('pass', test => {
            passed++;
            write(`  ok   ${test.fullTitle()} (${test.duration ?? 0} ms)`);
        });
        runner.on('fail', (test, err: Error) => {
            failed++;
            write(
                `  FAIL ${test.fullTitle()}\n       ${String(err?.stack ?? err)
                    .split('\n')
                    .slice(0, 6)
                    .join('\n       ')}`,
            );
        });
    });
}
