#!/usr/bin/env bash
# The example portfolio: the two bundled workloads assessed into a store (the AICC one twice, so its page has a score
# history), the AICC hypercare records beside them. With --screenshots DIR: serve it as of 2027-01-13 (week 7 of
# hypercare) and keep headless Chromium's pictures of the portfolio and the AICC workload page in DIR.
# Usage: scripts/serve-example.sh OPSREADY STORE [--screenshots DIR]
set -euo pipefail
opsready=$1
store=$2
mkdir -p "$(dirname "$store")"
report=$(mktemp)
trap 'rm -f "$report"' EXIT
"$opsready" assess --manifest examples/aicc/opsready.yaml --as-of 2026-11-23 --store "$store" --by example --format json --output "$report"
"$opsready" assess --manifest examples/aicc-not-ready/opsready.yaml --as-of 2026-11-23 --store "$store" --by example --format json --output "$report" || test $? -eq 1
# The go-live review, the day after the evidence was taken (the AI models' connection tests are daily), runs the live
# probes too, against the stand-in endpoints built beside opsready (as `make run`).
demo=$(dirname "$opsready")/opsready-demo-endpoint
probes=()
wrap=()
if [ -x "$demo" ]; then wrap=("$demo"); probes=(--probes); fi
"${wrap[@]}" "$opsready" assess --manifest examples/aicc/opsready.yaml --as-of 2026-11-24 --store "$store" --by example \
  --save-milestone go-live-review "${probes[@]}" --format json --output "$report"
"$opsready" hypercare record --manifest examples/aicc/opsready.yaml --store "$store" --as-of 2027-03-01
[ "${3:-}" = "--screenshots" ] || exit 0
shots=$4
mkdir -p "$shots"
log=$(mktemp)
"$opsready" serve --store "$store" --port 0 --as-of 2027-01-13 2> "$log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$report" "$log"' EXIT
for _ in $(seq 1 100); do grep -q serving "$log" && break; sleep 0.1; done
base=$(grep -o 'http://[^ ]*' "$log" | sed 's|/$||')
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars)
chromium "${flags[@]}" --window-size=1300,700 --screenshot="$shots/portfolio.png" "$base/" 2>/dev/null
chromium "${flags[@]}" --window-size=1300,2200 --screenshot="$shots/workload.png" "$base/workloads/aicc-prod" 2>/dev/null
chromium "${flags[@]}" --window-size=1300,1400 --screenshot="$shots/workload-ko.png" "$base/workloads/aicc-prod-not-ready?lang=ko" 2>/dev/null
echo "screenshots in $shots"
