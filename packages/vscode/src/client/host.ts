/** What differs between the desktop extension and the web one. */
export interface CapHost {
    /** Runs the bundled `cap` CLI; absent in a browser, which cannot start processes. */
    runCli?: (args: string[], cwd: string) => Promise<{ code: number | null; stdout: string; stderr: string }>;
}
