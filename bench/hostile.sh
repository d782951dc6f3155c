#!/bin/sh
# Runs pillar validate on every case of the generated hostile corpus and
# prints, per case, the exit code, wall and CPU time (user + system: the
# figure that holds on a busy machine), peak memory and output size.
# Every case must finish in under 3 s and 200 MB (the end-to-end test in
# cmd/pillar/hostile_test.go asserts the same on every run of the suite).
#
#   bench/hostile.sh [PILLAR_BINARY] [TIMEOUT_SECONDS]
#
# Needs GNU time (/usr/bin/time) and timeout. Without a binary it builds one.
set -eu
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=${1:-}
limit=${2:-60}
if [ -z "$bin" ]; then
	bin="$work/pillar"
	go build -o "$bin" ./cmd/pillar
fi
go run ./tools/gen-hostile -o "$work/cases" >/dev/null
cp -R testdata/hostile/. "$work/cases/"
printf '%-34s %4s %8s %8s %8s %10s\n' case exit wall-s cpu-s MiB out-bytes
for dir in "$work"/cases/*/; do
	name=$(basename "$dir")
	set +e
	/usr/bin/time -f '%e %U %S %M' -o "$work/time" timeout "$limit" "$bin" validate --today 2026-11-23 "$dir" >"$work/out" 2>&1
	code=$?
	set -e
	read -r secs user sys kib <<EOT
$(tail -n 1 "$work/time")
EOT
	cpu=$(echo "$user $sys" | awk '{printf "%.2f", $1 + $2}')
	printf '%-34s %4s %8s %8s %8s %10s\n' "$name" "$code" "$secs" "$cpu" "$((kib / 1024))" "$(wc -c <"$work/out")"
done
