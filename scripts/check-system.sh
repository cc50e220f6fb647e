#!/usr/bin/env bash
# Checks the system parts the tests need and installs the missing ones with apt-get when it can
# (root + apt reachable); otherwise says exactly what is missing and exits 1.
set -uo pipefail
need_pkgs=()
check() { # command package description
  if command -v "$1" >/dev/null 2>&1; then echo "ok       $3 ($1)"; else echo "missing  $3 ($1, Debian package $2)"; need_pkgs+=("$2"); fi
}
check chromium chromium "Chromium for Playwright end-to-end tests"
check prometheus prometheus "Prometheus server"
check promtool prometheus "promtool (backfill and rule tests)"
check prometheus-alertmanager prometheus-alertmanager "Alertmanager"
check victoria-metrics victoria-metrics "VictoriaMetrics (second metrics engine, with vmalert)"
check pg_ctlcluster postgresql "PostgreSQL server"

if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    # Debian's prometheus postinst tries to start services; this machine's policy-rc.d refuses, which is fine.
    echo "installing: ${need_pkgs[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null || {
      echo "apt-get install failed: install ${need_pkgs[*]} by hand"; exit 1; }
  else
    echo "cannot install as non-root: run  sudo apt-get install -y --no-install-recommends ${need_pkgs[*]}"; exit 1
  fi
fi

# PostgreSQL must accept connections on 127.0.0.1:5432 (tests create and drop their own database).
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null; then
    ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
    [ -n "$ver" ] && pg_ctlcluster --skip-systemctl-redirect "$ver" main start 2>/dev/null || true
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.5; done
  fi
fi
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then echo "ok       PostgreSQL accepting connections on 127.0.0.1:5432"
else echo "missing  PostgreSQL on 127.0.0.1:5432 (start it: pg_ctlcluster 15 main start)"; exit 1; fi
