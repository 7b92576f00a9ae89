#!/usr/bin/env bash
# Installs what the end-to-end tier needs, offline (npm registry + Debian apt only), idempotently:
#   - Debian `chromium` (the browser that drives the workbench) and `ripgrep` (VS Code's search)
#   - code-server (the real VS Code server + web workbench), pinned, into .e2e/code-server/
#   - checks the root devDependencies the harness uses (playwright-core, mocha)
# Everything it creates lives in .e2e/ (git-ignored). A second run does nothing and takes about a second.
#   bash scripts/e2e-install.sh            install what is missing
#   TRIPWIRE_E2E_DIR=/elsewhere bash ...   keep the cache somewhere else
set -euo pipefail

# code-server 4.100.3 = VS Code 1.100.3, the newest code-server whose engines accept Node 20 (4.103+ need
# Node 22). package.json `engines.vscode` is ^1.100.0, so this is also the oldest VS Code we support.
CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep as pinned in code-server 4.100.3's lib/vscode/npm-shrinkwrap.json, and the rg release
# its postinstall.js would download. The postinstall looks for that tarball in its cache dir first.
VSCODE_RIPGREP_VERSION=1.15.11
RIPGREP_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
E2E_DIR=${TRIPWIRE_E2E_DIR:-$ROOT/.e2e}
CS_DIR=$E2E_DIR/code-server
CS_BIN=$CS_DIR/node_modules/.bin/code-server
log() { printf '[e2e-install] %s\n' "$*"; }

# 1. Debian packages. `libkrb5-dev` and `libsecret-1-dev` let code-server's native modules (kerberos,
#    keytar) build; node-gyp and a compiler come with the machine.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
dpkg -s libsecret-1-dev >/dev/null 2>&1 || missing+=(libsecret-1-dev)
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "chromium, ripgrep and build headers already installed"
fi

# 2. code-server, pinned, in its own folder (about 460 MB; not a dependency of the project itself).
installed_version() {
  node -p "require('$CS_DIR/node_modules/code-server/package.json').version" 2>/dev/null || true
}
if [ -x "$CS_BIN" ] && [ "$(installed_version)" = "$CODE_SERVER_VERSION" ] \
  && [ -x "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in ${CS_DIR#"$ROOT"/}"
else
  log "installing code-server@$CODE_SERVER_VERSION into ${CS_DIR#"$ROOT"/} (takes a few minutes)"
  mkdir -p "$CS_DIR" "$E2E_DIR/tmp"
  export TMPDIR=$E2E_DIR/tmp
  # Seed @vscode/ripgrep's download cache with Debian's rg so its postinstall never reaches GitHub.
  cache=$TMPDIR/vscode-ripgrep-cache-$VSCODE_RIPGREP_VERSION
  mkdir -p "$cache/stage"
  cp "$(command -v rg)" "$cache/stage/rg"
  tar czf "$cache/$RIPGREP_TARBALL" -C "$cache/stage" rg
  rm -rf "$cache/stage"
  [ -f "$CS_DIR/package.json" ] || printf '{ "name": "tripwire-e2e-code-server", "private": true }\n' >"$CS_DIR/package.json"
  # npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which otherwise stops to ask.
  # --unsafe-perm: code-server's postinstall refuses to run as root without it.
  (cd "$CS_DIR" && npm_config_yes=true npm install --no-audit --no-fund --no-package-lock --unsafe-perm \
    "code-server@$CODE_SERVER_VERSION")
  test -x "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" \
    || { log "code-server's ripgrep is missing: the install failed"; exit 1; }
fi
# code-server writes ~/.config/code-server/config.yaml on every start: give it a throwaway HOME.
mkdir -p "$E2E_DIR/tmp/home"
log "code-server $(HOME=$E2E_DIR/tmp/home "$CS_BIN" --version 2>/dev/null | tail -1)"

# 3. The harness's own Node dependencies are root devDependencies (installed by `npm ci`).
for pkg in playwright-core mocha; do
  if [ ! -f "$ROOT/node_modules/$pkg/package.json" ]; then
    log "node_modules/$pkg is missing: run \`npm ci\` in $ROOT first"
    exit 1
  fi
done
log "ready: node test/e2e/run.mjs (or npm run test:e2e)"
