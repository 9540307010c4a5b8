#!/usr/bin/env bash
# Installs Debian's PostgreSQL server (initdb, pg_ctl, postgres) for the tests, which start
# their own throwaway cluster (scripts/pg-cluster.mjs). Nothing else: no recommended
# packages, no default "main" cluster, no service started on port 5432. Needs root.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt() { apt-get -o DPkg::Lock::Timeout=900 -y -qq --no-install-recommends "$@"; }

# Keep the packages from starting a server (the temporary policy only if none is in place).
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=1
fi
trap '[ "$own_policy" = 1 ] && rm -f "$policy"' EXIT

apt-get update -qq
apt install postgresql-common >/dev/null
# No cluster "main" at install time (Debian creates and starts one otherwise).
sed -ri 's/^#?\s*create_main_cluster\s*=.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf
apt install postgresql >/dev/null
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || { echo "PostgreSQL install failed" >&2; exit 1; }
echo "Installed PostgreSQL $(ls /usr/lib/postgresql | sort -n | tail -1)"
