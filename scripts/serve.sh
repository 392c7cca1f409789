#!/usr/bin/env bash
# Sourced: serve dist/ with Debian's nginx on 127.0.0.1:$1 (foreground or background).
nginx_conf() {
  local root port prefix; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd); port=$1; prefix=$2
  mkdir -p "$prefix"
  sed -e "s#@DIST@#$root/dist#g" -e "s#@PORT@#$port#g" -e "s#@PREFIX@#$prefix#g" \
    "$root/deploy/nginx.conf.in" > "$prefix/nginx.conf"
  echo "$prefix/nginx.conf"
}
