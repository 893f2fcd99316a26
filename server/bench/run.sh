#!/usr/bin/env bash
# Loopback benchmark: koers-server next to nginx on the same files, then durable inbox
# writes. Bounded: every run is 10 s. Needs wrk and nginx (apt-get install wrk nginx-light)
# and a built app in dist/ (cargo xtask build) or a directory given as $1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
src=${1:-$root/dist}
work=$(mktemp -d /tmp/koers-bench.XXXXXX)
chmod 755 "$work" # nginx workers run as www-data
cp -r "$src" "$work/dist"
# A wasm-sized file (300 KB cut from the real wasm, so it compresses like one) and a dossier.
wasm=$(ls "$work"/dist/*_bg.wasm | head -1)
head -c 307200 "$wasm" > "$work/dist/bench-0123456789abcdef_bg.wasm"
dossier=$(ls -S "$work"/dist/api/v1/dossiers/*.json | tail -1)
dossier=${dossier#"$work/dist"}

(cd "$root" && cargo build --release -p koers-server)
bin=${CARGO_TARGET_DIR:-$root/target}/release/koers-server
"$bin" --addr 127.0.0.1:8090 --dist "$work/dist" --database "$work/inbox.sqlite" --quiet --rate-limit 0 &
server=$!
sed "s#@DIST@#$work/dist#g; s#@WORK@#$work#g" "$here/nginx.conf.in" > "$work/nginx.conf"
nginx -c "$work/nginx.conf" &
sleep 2
trap 'kill $server; kill $(cat "$work/nginx.pid")' EXIT

run() { echo "== $*"; wrk -t2 -c32 -d10s --latency "$@" | grep -E "Requests/sec|Transfer/sec|^ +50%|^ +99%|Non-2xx|p50"; }
for path in /bench-0123456789abcdef_bg.wasm "$dossier"; do
  run "http://127.0.0.1:8090$path"
  run "http://127.0.0.1:8091$path"
done
run -H "Accept-Encoding: br" "http://127.0.0.1:8090/bench-0123456789abcdef_bg.wasm"
for c in 1 8 32 128; do
  echo "== POST, $c connections"
  wrk -t$(( c > 1 ? 2 : 1 )) -c$c -d10s --latency -s "$here/post.lua" http://127.0.0.1:8090/api/v1/inbox/survey-responses \
    | grep -E "Requests/sec|p50|unexpected"
done
