/** The version of the `cap` command (and of the `cap-lang` package: test/cli/package.test.ts holds them equal). */
export { CAP_VERSION } from '@cap/language';
