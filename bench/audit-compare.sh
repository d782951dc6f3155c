#!/bin/sh
# Measures what --compare costs on a large history: peak memory and time of
# pillar audit over a quarter of 10 million generated posts (and the mention
# log the generator writes with them), without --compare, with --compare
# previous (a quarter with no rows: the files hold only this quarter) and
# with a comparison month inside the quarter (every row of February counts
# twice). The issue's limits: under 250 MB peak and within 1.2x the time
# without --compare.
#
# With BASE=REV, the same audit is also run by pillar as built from that
# git revision (e.g. the commit before the new metrics), for the time
# ratio against "today's" audit.
#
#   bench/audit-compare.sh [ROWS]     (default 10000000; needs about 2.7 GB in $TMPDIR)
#   BASE=87c4ec5 bench/audit-compare.sh
set -eu
rows=${1:-10000000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/pillar-compare.XXXXXX")
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/pillar" ./cmd/pillar
if [ -n "${BASE:-}" ]; then
    mkdir "$dir/base"
    git archive "$BASE" | tar -x -C "$dir/base"
    (cd "$dir/base" && go build -o "$dir/pillar-base" ./cmd/pillar)
fi
go run ./tools/gen-history -strategy examples/nordlys -from 2027-01-01 -to 2027-04-01 -seed 1 \
    -posts "$rows" -posts-out "$dir/posts.csv" -mentions-out "$dir/mentions.csv"
run() {
    label=$1; shift
    bin=$dir/pillar strat=examples/nordlys
    if [ "$label" = base ]; then bin=$dir/pillar-base strat=$dir/base/examples/nordlys; fi
    /usr/bin/time -v taskset -c 0 "$bin" audit "$strat" --posts "$dir/posts.csv" \
        --mentions "$dir/mentions.csv" --from 2027-01-01 --to 2027-04-01 --fail-on none \
        --format json -o "$dir/report.json" "$@" 2>"$dir/time.txt"
    printf '%-28s %s s wall, %s s user, %s MB peak\n' "$label" \
        "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt")" \
        "$(sed -n 's/.*User time (seconds): //p' "$dir/time.txt")" \
        "$(awk '/Maximum resident set size/ {printf "%.1f", $6/1024}' "$dir/time.txt")"
}
for i in 1 2 3; do
    if [ -n "${BASE:-}" ]; then run base; fi
    run "without --compare"
    run "--compare previous" --compare previous
    run "--compare a month inside" --compare 2027-02-01..2027-03-01
done
