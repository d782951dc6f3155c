"""Expand the rules of bench/plan-vs-dateutil.sh's strategy with python-dateutil.

Every channel posts at 08:00, 12:00 and 16:00 every day in its own zone, and a
monthly tactic falls on the 15th at 12:00 on every channel. This expands the
same rules the way a script would: dateutil's rrule in floating (naive) time,
each occurrence given its channel's zone with zoneinfo (fold=0: the first of
a repeated time; a skipped time read with the offset before the gap) and
converted to UTC. It writes nothing. It prints the number of occurrences and
the seconds the expansion took, for the shell script to compare.

Usage: python3 plan-vs-dateutil.py FROM TO ZONE...
"""

import sys
import time

start = time.perf_counter()

from datetime import datetime, timedelta, timezone  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

from dateutil.rrule import DAILY, MONTHLY, rrule  # noqa: E402


def main():
    first = datetime.fromisoformat(sys.argv[1])
    until = datetime.fromisoformat(sys.argv[2]) - timedelta(seconds=1)
    n = 0
    for name in sys.argv[3:]:
        zone = ZoneInfo(name)
        cadence = rrule(DAILY, byhour=(8, 12, 16), byminute=0, bysecond=0, dtstart=first, until=until)
        tactic = rrule(MONTHLY, bymonthday=15, byhour=12, byminute=0, bysecond=0, dtstart=first, until=until)
        for rule in (cadence, tactic):
            for wall in rule:
                wall.replace(tzinfo=zone).astimezone(timezone.utc)
                n += 1
    print(n, f"{time.perf_counter() - start:.3f}")


main()
