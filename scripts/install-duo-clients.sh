#!/usr/bin/env bash
# Installs what e2e/duo-api-clients.spec.ts drives, from Debian: Duo's own clients
# (python3-duo-client, login-duo) and nginx (the TLS front). Needs root; a no-op when all is
# there. No package may start a daemon on a default port: a temporary policy-rc.d refuses it.
set -euo pipefail
need=()
[ -f /usr/lib/python3/dist-packages/duo_client/client.py ] || need+=(python3-duo-client)
[ -x /usr/sbin/login_duo ] || need+=(login-duo)
[ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v openssl >/dev/null || need+=(openssl)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "The Duo client tests need: ${need[*]} (run 'sudo apt-get install -y ${need[*]}')." >&2
  exit 1
fi
added_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  added_policy=1
fi
apt-get -o DPkg::Lock::Timeout=900 update -qq
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${need[@]}" >/dev/null
[ -n "$added_policy" ] && rm -f /usr/sbin/policy-rc.d
exit 0
