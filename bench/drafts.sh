#!/bin/sh
# Checks 100,000 and 1,000,000 synthetic drafts of the Nordlys strategy
# (a year of its plan, cycled) with pillar drafts, and prints wall and CPU
# time (user + system: the figure that holds on a busy machine) and peak
# memory. The target: 100,000 drafts in under 1 s, and memory that stays
# flat from 100,000 drafts to 1,000,000 (it grows with the plan, not the
# drafts).
#
#   bench/drafts.sh [PILLAR_BINARY]
#
# Needs GNU time (/usr/bin/time). Without a binary it builds one.
set -eu
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=${1:-}
if [ -z "$bin" ]; then
	bin="$work/pillar"
	go build -o "$bin" ./cmd/pillar
fi
printf '%-10s %-8s %8s %8s %8s\n' drafts period wall-s cpu-s MiB
for n in 100000 1000000; do
	go run ./tools/gen-drafts -strategy examples/nordlys -from 2027-01-01 -to 2028-01-01 -drafts "$n" -o "$work/drafts.csv"
	for period in given found; do
		flags="--from 2027-01-01 --to 2028-01-01"
		[ "$period" = found ] && flags=""
		# shellcheck disable=SC2086 # flags is two flags or none
		/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$bin" drafts examples/nordlys "$work/drafts.csv" $flags --format json >/dev/null || true
		read -r secs user sys kib <"$work/time"
		printf '%-10s %-8s %8s %8.2f %8d\n' "$n" "$period" "$secs" "$(echo "$user + $sys" | bc)" "$((kib / 1024))"
	done
done
