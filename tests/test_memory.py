"""Memory the kiosk frees goes back to the system, not kept resident by the C library."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kiosk.qt.memory import GIVE_BACK_AFTER_MS
from kiosk.qt.settle import pump

# As in the kiosk: one large picture freed first (glibc then keeps blocks up to its size
# in the heap), then pictures allocated side by side and freed while a later one lives.
HOLES = """
import json
from kiosk.process import give_back_free_memory, rss_mb
first = bytearray(8 << 20)
del first
pictures = [bytearray(1 << 20) for _ in range(120)]
later = bytearray(1 << 20)
before = rss_mb()
del pictures
freed = rss_mb()
given = give_back_free_memory()
print(json.dumps({"before": before, "freed": freed, "after": rss_mb(), "given": given}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim: Linux only")
def test_memory_freed_between_live_pictures_goes_back_to_the_system():
    run = subprocess.run(
        [sys.executable, "-c", HOLES], capture_output=True, text=True, timeout=60, check=True
    )
    figures = json.loads(run.stdout)
    assert figures["freed"] > figures["before"] - 30, figures  # without it, kept resident
    assert figures["given"] and figures["after"] < figures["freed"] - 90, figures


def test_the_kiosk_gives_memory_back_after_swipes_and_not_at_rest(make_kiosk):
    kiosk = make_kiosk()
    for _ in range(5):
        kiosk.session.next()
        pump(30)
    pump(GIVE_BACK_AFTER_MS + 300)
    given = kiosk.freed_memory.times_given_back
    assert given >= 1
    pump(2 * GIVE_BACK_AFTER_MS + 300)
    assert kiosk.freed_memory.times_given_back == given  # at rest, nothing runs
