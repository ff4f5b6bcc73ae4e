/**
 * Cap's version, as `cap --version` and the language server's `serverInfo` say it (test/version.test.ts ties it to
 * package.json).
 */
export const CAP_VERSION = '0.1.0';
