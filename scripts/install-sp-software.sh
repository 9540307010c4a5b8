#!/usr/bin/env bash
# The Debian SAML service providers the interop tests drive (e2e/interop/): mod_auth_mellon,
# Shibboleth SP and SimpleSAMLphp in Apache. As root it installs the packages it lacks without
# letting them start any daemon (a temporary policy-rc.d); otherwise it names what is missing.
set -euo pipefail

PACKAGES=(apache2 libapache2-mod-auth-mellon libapache2-mod-shib shibboleth-sp-utils simplesamlphp libapache2-mod-php php-xml)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
  echo "The interop tests need: ${missing[*]} (run as root, or: sudo apt-get install -y ${missing[*]})" >&2
  exit 1
fi
echo "Installing ${missing[*]} (no service is started)"
created_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
  created_policy=1
fi
apt-get -o DPkg::Lock::Timeout=900 update -qq
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if [ -n "$created_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
