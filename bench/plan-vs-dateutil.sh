#!/usr/bin/env bash
# Compares `pillar plan` with python-dateutil on the planner's headline load:
# 20 channels in 20 time zones, each posting 3 times a day, plus a monthly
# tactic on every channel, over 10 years (about 219,000 posts).
#
# pillar does all its work: loads and validates the strategy, plans every
# post (DST resolution, pillars, UIDs) and writes the calendar as ICS, JSON
# and CSV. The Python side (plan-vs-dateutil.py, beside this script) only
# expands the same rules with dateutil in floating time and gives each
# occurrence its zone with zoneinfo; it writes nothing. The issue's targets:
# ICS at least 10× faster, JSON and CSV at least 5×.
#
#   bench/plan-vs-dateutil.sh             # best of 5 runs each
#   RUNS=9 bench/plan-vs-dateutil.sh
#
# Each format is run twice: to standard output (sent to /dev/null), which
# is the like-for-like comparison, since neither side then touches the
# disk; and with -o to a file in a temporary folder, which adds what the
# file system costs: the page cache's writes, the fsync of pillar's atomic
# replacement and the freeing of the file it replaces (about 15 ms for
# 28 MB on ext4 here). The targets are judged on the first; the second is
# shown beside it. OUT=DIR writes the files to DIR instead.
# Times are wall-clock seconds of the whole process, the best of RUNS runs,
# with the CPU seconds (user + system) of that run and its peak memory when
# GNU time is installed. pillar plans channels on both cores while it
# writes, so on a machine busy with other work its wall time suffers more
# than Python's: the ratio of CPU seconds is shown beside it. It needs Go, and a Python 3.9+ that can import
# dateutil: it tries `python3`, then /usr/bin/python3; on Debian or Ubuntu,
# `apt-get install python3-dateutil` provides it for the system Python.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${EPOCHREALTIME:-}" ]; then
  echo "plan-vs-dateutil: needs bash 5 or later (EPOCHREALTIME)" >&2
  exit 2
fi
runs=${RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${OUT:-$tmp}

# A Python that has dateutil, called directly (not through a version
# manager's shim, whose start-up is not Python's).
python=""
for candidate in python3 /usr/bin/python3; do
  if exe=$("$candidate" -c 'import dateutil, sys; print(sys.executable)' 2>/dev/null); then
    python=$exe
    break
  fi
done
if [ -z "$python" ]; then
  echo "plan-vs-dateutil: no Python with dateutil found; install it, e.g. apt-get install python3-dateutil" >&2
  exit 2
fi

go build -o "$tmp/pillar" ./cmd/pillar

zones=(Europe/Oslo America/New_York Australia/Lord_Howe Asia/Kolkata UTC Europe/London
  America/Los_Angeles America/Sao_Paulo Asia/Tokyo Australia/Sydney Pacific/Auckland
  Africa/Cairo America/Santiago Asia/Tehran Europe/Moscow America/St_Johns Asia/Kathmandu
  Pacific/Chatham America/Havana Asia/Shanghai)
{
  echo "version: 1"
  echo "brand: {name: Bench, timezone: Europe/Oslo}"
  echo "rules: {channel-no-owner: off, channel-no-role: off, channel-no-sla: off, pillar-no-example: off}"
  echo "channels:"
  ids=()
  for i in "${!zones[@]}"; do
    id=$(printf 'channel-%02d' "$i")
    ids+=("$id")
    echo "  - {id: $id, platform: instagram, handle: \"@bench$i\", timezone: ${zones[$i]}, formats: [reel, carousel, story],"
    echo "     cadence: {min_per_week: 21, days: [mon, tue, wed, thu, fri, sat, sun], times: [\"08:00\", \"12:00\", \"16:00\"]}}"
  done
  echo "pillars:"
  echo "  - {id: brand, name: Brand, weight: 40, description: Who we are.}"
  echo "  - {id: product, name: Product, weight: 30, description: What we sell.}"
  echo "  - {id: people, name: People, weight: 20, description: The team.}"
  echo "  - {id: tips, name: Tips, weight: 10, description: How to.}"
  echo "tactics:"
  echo "  - {id: monthly, name: Monthly, goal: engagement, pillar: product, channels: [$(IFS=,; echo "${ids[*]}")],"
  echo "     schedule: {rrule: \"FREQ=MONTHLY;BYMONTHDAY=15\", time: \"12:00\"}}"
} >"$tmp/strategy.yaml"
from=2027-01-01 to_date=2037-01-01

gnutime=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %e true 2>/dev/null; then gnutime=/usr/bin/time; fi

# best CMD...: runs CMD $runs times; sets wall, cpu and rss of the fastest.
# Wall time is read from the shell's clock in microseconds (GNU time's %e
# has hundredths, too coarse for runs of 0.05 s), around GNU time, whose
# own start-up (about a millisecond) is in both commands' times alike.
best() {
  wall="" cpu="" rss=""
  for _ in $(seq "$runs"); do
    start=$EPOCHREALTIME
    if [ -n "$gnutime" ]; then
      $gnutime -o "$tmp/time" -f "%U %S %M" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
      w=$(echo "$EPOCHREALTIME - $start" | bc)
      read -r u s m <"$tmp/time"
      c=$(echo "$u + $s" | bc)
    else
      "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
      w=$(echo "$EPOCHREALTIME - $start" | bc) c="" m=""
    fi
    if [ -z "$wall" ] || [ "$(echo "$w < $wall" | bc)" = 1 ]; then wall=$w cpu=$c rss=$m; fi
  done
}

best "$python" bench/plan-vs-dateutil.py "$from" "$to_date" "${zones[@]}"
py_wall=$wall py_cpu=$cpu
n=$("$python" bench/plan-vs-dateutil.py "$from" "$to_date" "${zones[@]}" | cut -d' ' -f1)
echo "machine: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; $("$python" --version), dateutil $("$python" -c 'import dateutil; print(dateutil.__version__)'); $(go version | cut -d' ' -f3)"
echo "dateutil: $n occurrences from $from to $to_date in ${#zones[@]} zones, expanded and zoned, nothing written"
printf '  %-21s %6.3f s wall %6s s cpu\n' python "$py_wall" "${py_cpu:--}"
status=0
for format in ics json csv; do
  target=5
  [ "$format" = ics ] && target=10
  for to in stdout file; do
    if [ "$to" = stdout ]; then
      best "$tmp/pillar" plan "$tmp" --from "$from" --to "$to_date" --format "$format"
    else
      best "$tmp/pillar" plan "$tmp" --from "$from" --to "$to_date" --format "$format" -o "$out/plan.$format"
    fi
    ratio=$(echo "scale=1; $py_wall / $wall" | bc)
    cpuratio=-
    if [ -n "$cpu" ] && [ -n "$py_cpu" ] && [ "$(echo "$cpu > 0" | bc)" = 1 ]; then cpuratio=$(echo "scale=1; $py_cpu / $cpu" | bc); fi
    verdict="target $target× wall: ok"
    if [ "$(echo "$ratio < $target" | bc)" = 1 ]; then
      if [ "$to" = stdout ]; then verdict="target $target× wall: below the target"; status=1; else verdict="target judged on stdout"; fi
    fi
    printf '  %-21s %6.3f s wall %6s s cpu %4s MB peak  %5s× faster in wall time, %5s× in cpu (%s)\n' \
      "pillar $format to $to" "$wall" "${cpu:--}" "$([ -n "$rss" ] && echo "$((rss / 1024))" || echo -)" "$ratio" "$cpuratio" "$verdict"
  done
done
exit $status
