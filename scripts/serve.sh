#!/usr/bin/env bash
# Sourced: serve dist/ (or the folder in $3) with Debian's nginx on 127.0.0.1:$1.
nginx_conf() {
  local root port prefix dist; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd); port=$1; prefix=$2
  dist=${3:-$root/dist}
  mkdir -p "$prefix"
  sed -e "s#@DIST@#$dist#g" -e "s#@PORT@#$port#g" -e "s#@PREFIX@#$prefix#g" \
    "$root/deploy/nginx.conf.in" > "$prefix/nginx.conf"
  echo "$prefix/nginx.conf"
}

# A port nothing listens on now, picked by the system: a random one can meet a server left by
# another run, which would then answer the tests.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
