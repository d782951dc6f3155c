#!/usr/bin/env bash
# Times `pillar validate` against ajv-cli, the JSON Schema validator a team
# would otherwise run, on the same strategies, and prints both times and
# their ratio, on both cores and on one.
#
#   bench/validate-vs-ajv.sh            # 1,000 generated strategies
#   bench/validate-vs-ajv.sh FOLDER     # every strategy.yaml below FOLDER
#
# pillar runs as users run it: the normal binary, every check (reading the
# YAML with its includes, the JSON Schema, all semantic rules), output
# written. ajv-cli (draft 2020-12, ajv-formats, strict mode) checks the
# schema only, on JSON copies of the same strategies (the merged value tree
# pillar validates, written by tools/strategy-json), so its side is the
# lighter job. ajv-cli, ajv and ajv-formats are pinned and installed with
# npm into a temporary folder (AJV_DIR keeps them between runs).
#
# RUNS (default 10) runs of each, alternating; the median is compared and
# the fastest shown beside it. The script fails when pillar on both cores
# takes more than TARGET (default 0.5) times ajv-cli's time.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-10}
target=${TARGET:-0.5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in go node npm; do
  command -v "$tool" >/dev/null || { echo "validate-vs-ajv: $tool is needed" >&2; exit 2; }
done

corpus=${1:-}
if [ -z "$corpus" ]; then
  corpus=$work/strategies
  go run ./tools/gen-strategies -n 1000 -o "$corpus" >/dev/null
fi
go build -o "$work/pillar" ./cmd/pillar
go run ./tools/strategy-json -o "$work/json" "$corpus" >/dev/null
"$work/pillar" schema >"$work/schema.json"
n=$(find "$work/json" -name '*.json' | wc -l)

ajvdir=${AJV_DIR:-$work/ajv}
if [ ! -x "$ajvdir/node_modules/.bin/ajv" ]; then
  mkdir -p "$ajvdir"
  npm install --prefix "$ajvdir" --no-audit --no-fund --no-save --silent \
    ajv-cli@5.0.0 ajv@8.20.0 ajv-formats@3.0.1 >/dev/null
fi
ajv=("$ajvdir/node_modules/.bin/ajv" validate --spec=draft2020 --strict=true
  -c ajv-formats -s "$work/schema.json" -d "$work/json/**/*.json")
pillar=(env -u GOGC -u GOMAXPROCS "$work/pillar" validate "$corpus")

# Both must have checked every strategy: ajv-cli prints a line per file,
# pillar a summary (or its findings) and no read failure (exit 2).
checked=$(cd "$ajvdir" && "${ajv[@]}" 2>&1 | grep -cE "^$work/json/.* (valid|invalid)\$" || true)
if [ "$checked" != "$n" ]; then
  echo "validate-vs-ajv: ajv-cli checked $checked of $n files:" >&2
  (cd "$ajvdir" && "${ajv[@]}" 2>&1 | head -20) >&2
  exit 2
fi
status=0
"${pillar[@]}" >"$work/pillar.out" 2>&1 || status=$?
if [ "$status" -gt 1 ]; then
  echo "validate-vs-ajv: pillar validate could not run (exit $status):" >&2
  head -20 "$work/pillar.out" >&2
  exit 2
fi

# run_ms prints how many milliseconds one run of its command takes.
run_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

# stats prints the median and the fastest of its arguments, in seconds.
stats() {
  printf '%s\n' "$@" | sort -n | awk '{t[NR]=$1} END {
    m = (NR % 2) ? t[(NR+1)/2] : (t[NR/2] + t[NR/2+1]) / 2
    printf "%.3f %.3f\n", m/1000, t[1]/1000 }'
}

# measure CPUS times both tools, alternating, on the given CPUs (or all).
measure() {
  local pin=()
  [ -n "$1" ] && pin=(taskset -c "$1")
  local p=() a=()
  for ((i = 0; i < runs; i++)); do
    p+=("$(run_ms "${pin[@]}" "${pillar[@]}")")
    a+=("$(cd "$ajvdir" && run_ms "${pin[@]}" "${ajv[@]}")")
  done
  read -r pm pf <<<"$(stats "${p[@]}")"
  read -r am af <<<"$(stats "${a[@]}")"
  ratio=$(awk -v p="$pm" -v a="$am" 'BEGIN { printf "%.2f", p / a }')
  printf '%-8s pillar %s s (fastest %s)   ajv-cli %s s (fastest %s)   ratio %s\n' \
    "$2" "$pm" "$pf" "$am" "$af" "$ratio"
}

echo "$n strategies from $corpus; pillar: $(tail -1 "$work/pillar.out")"
echo "median of $runs runs each on $(nproc) cores and on one ($(go env GOVERSION), node $(node --version))"
measure "" "all"
both=$ratio
if command -v taskset >/dev/null; then
  measure 0 "1 core"
fi
if awk -v r="$both" -v t="$target" 'BEGIN { exit !(r > t) }'; then
  echo "FAIL: pillar takes $both times ajv-cli's time on all cores; the target is at most $target" >&2
  exit 1
fi
echo "ok: pillar takes $both times ajv-cli's time on all cores (target: at most $target)"
