"""The fixed moments of the 2026 Aksi HAM plan used by tests/aksiham (Asia/Jakarta).

B04: open 24 Apr 08:00 → close 5 May 08:00, grace to 8 May 08:00
B08: open 24 Aug 08:00 → close 4 Sep 08:00, grace to 7 Sep 08:00
B12: open 24 Nov 08:00 → close 5 Dec 08:00, no grace
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")
YEAR = 2026


def at(month: int, day: int, hour: int = 8, minute: int = 0, second: int = 0):
    return datetime.datetime(YEAR, month, day, hour, minute, second, tzinfo=WIB)


B04_OPEN, B04_CLOSE, B04_GRACE = at(4, 24), at(5, 5), at(5, 8)
IN_B04 = at(4, 28)
AFTER_GRACE = at(5, 9)  # B04 closed for good: only an extension reopens it
DAY = datetime.timedelta(days=1)
