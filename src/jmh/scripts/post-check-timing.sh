#!/usr/bin/env bash
# Time to 201 of checks posted to the service: POST /api/v1/monitors/{id}/checks with a CSV body.
#
#   bash src/jmh/scripts/post-check-timing.sh JAR DIR RUNS [PORT]
#
# DIR holds reference.csv and current-1.csv … current-RUNS.csv (PandasStyleBatches writes them).
# Starts the service from the shipped config.yml in a new temporary folder (embedded H2 database,
# data and reports there) on PORT (default 18080; the admin port is PORT+1), uploads the reference,
# creates a monitor on it, then posts each current batch once (new bytes every time, as a production
# batch is) and prints curl's time from the first byte sent to the last byte of the 201.
set -euo pipefail
jar=$(realpath "$1"); dir=$(realpath "$2"); runs=$3; port=${4:-18080}
repo=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
cp "$repo/config.yml" "$work/"
cd "$work"
java -jar "$jar" db migrate config.yml >/dev/null 2>&1
java -Ddw.server.applicationConnectors[0].port="$port" -Ddw.server.adminConnectors[0].port=$((port + 1)) \
  -Ddw.logging.level=WARN -jar "$jar" server config.yml >"$work/server.log" 2>&1 &
server=$!
api="http://127.0.0.1:$port/api/v1"
for _ in $(seq 1 120); do curl -sf "$api/monitors" >/dev/null 2>&1 && break; sleep 0.5; done
ref=$(curl -sf -H 'Content-Type: text/csv' --data-binary @"$dir/reference.csv" "$api/datasets" \
  | sed -E 's/.*"id":"([0-9a-f]+)".*/\1/')
printf 'name: post\nreference: %s\n' "$ref" \
  | curl -sf -o /dev/null -H 'Content-Type: application/yaml' --data-binary @- "$api/monitors"
for i in $(seq 1 "$runs"); do
  curl -s -o /dev/null -w "current-$i.csv: HTTP %{http_code} in %{time_total} s\n" \
    -H 'Content-Type: text/csv' --data-binary @"$dir/current-$i.csv" "$api/monitors/post/checks"
done
