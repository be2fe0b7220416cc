#!/usr/bin/env bash
# Installs what the in-editor tests need: code-server 4.100.3 (VS Code 1.100.3 with a real Node extension host)
# into .vscode-test/, plus Debian's Chromium, ripgrep and Kerberos headers. Idempotent: a second run only checks.
# It never touches anything outside the repository except apt packages; the npm registry and apt are all it reaches.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CS_VERSION="${CS_VERSION:-4.100.3}"   # the newest code-server whose engines.node is 20 (4.103+ want Node 22)
CS_DIR="${CS_DIR:-$ROOT/.vscode-test/code-server-$CS_VERSION}"
# @vscode/ripgrep version pinned by code-server 4.100.3, and the release asset its postinstall looks for.
RG_PKG_VERSION=1.15.11
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
# The native module `kerberos` has to build from source because its prebuilt download is unreachable.
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
{ command -v g++ && command -v make && command -v python3; } >/dev/null || missing+=(build-essential python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setupCodeServer: apt-get install ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 "${missing[@]}"
fi

CS_BIN="$CS_DIR/node_modules/.bin/code-server"
RG_BIN="$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
if [ -x "$CS_BIN" ] && [ -x "$RG_BIN" ]; then
  echo "setupCodeServer: code-server $CS_VERSION already installed in ${CS_DIR#$ROOT/}"
  exit 0
fi

rm -rf "$CS_DIR"
mkdir -p "$CS_DIR/.tmp"
# @vscode/ripgrep's postinstall downloads rg from GitHub unless a cached asset exists in $TMPDIR: seed that
# cache with Debian's rg. TMPDIR inside CS_DIR also keeps native build leftovers out of /tmp.
export TMPDIR="$CS_DIR/.tmp"
RG_CACHE="$TMPDIR/vscode-ripgrep-cache-$RG_PKG_VERSION"
mkdir -p "$RG_CACHE"
staging="$(mktemp -d)"
cp "$(command -v rg)" "$staging/rg"
tar czf "$RG_CACHE/$RG_ASSET" -C "$staging" rg
rm -rf "$staging"

cd "$CS_DIR"
echo '{"name":"statefulset-lens-code-server","private":true}' > package.json
# npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it (npm 11 warns that it
# does not know the key, but the script reads the variable itself).
# npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which otherwise stops to ask.
npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION"
test -x "$RG_BIN"
# --version writes a config file into XDG_CONFIG_HOME, so point it at a throwaway folder.
version="$(XDG_CONFIG_HOME="$(mktemp -d)" "$CS_BIN" --version 2>/dev/null | tail -1)"
echo "setupCodeServer: installed code-server $version in ${CS_DIR#$ROOT/}"
