"""What `kiosk bench` reports, from readings it is given."""

from __future__ import annotations

import pytest

from kiosk.bench.gui_bench import memory_figures
from kiosk.bench.measure import cpu_ticks, slowdown, steal_pct


def test_memory_growth_is_read_from_medians_not_from_one_reading_at_each_end():
    flat = [
        (n, 160.0 + (8.0 if n % 30 == 0 else 0.0)) for n in range(10, 2001, 10)
    ]  # a photo held now and then
    flat[-1] = (2000, 168.0)  # the last reading caught a photo being loaded
    figures = memory_figures(flat, 2000)
    assert figures == {"rss_mb": 160.0, "rss_growth_pct": 0.0}

    leaking = [(n, 160.0 + n / 100) for n in range(10, 2001, 10)]  # 1 MB every 100 transitions
    figures = memory_figures(leaking, 2000)
    assert figures["rss_mb"] == 161.4 and 11 < figures["rss_growth_pct"] < 12


def test_a_short_run_still_reports_memory():
    assert memory_figures([(5, 150.0)], 5) == {"rss_mb": 150.0, "rss_growth_pct": 0.0}


def test_the_time_a_host_took_for_others_is_a_share_of_the_run():
    # Between two readings: 10,000 ticks of CPU time, 250 of them taken by the host.
    assert steal_pct((1_000, 500_000), (1_250, 510_000)) == 2.5
    assert steal_pct((1_000, 500_000), (1_000, 510_000)) == 0.0  # a quiet machine
    assert steal_pct(None, (1_000, 510_000)) is None  # a kernel that does not say
    assert steal_pct((1_000, 500_000), (1_000, 500_000)) is None  # no time between


def test_this_machines_cpu_time_is_read_from_its_kernel():
    first = cpu_ticks()
    if first is None:
        pytest.skip("this kernel has no /proc/stat: the bench gives no steal_pct there")
    stolen, total = first
    assert 0 <= stolen <= total
    sum(range(2_000_000))  # some CPU time passes
    later = cpu_ticks()
    assert later is not None and later[1] >= total and later[0] >= stolen


def test_memory_slower_after_a_rest_shows_as_a_slowdown_of_the_medians():
    # A host that takes back resting memory: ten times longer after each pause, once an outlier.
    assert slowdown([30.0, 31.0, 31.0, 90.0], [3.0, 3.2, 3.1, 3.1]) == 10.0
    assert slowdown([3.3, 3.1, 3.2], [3.0, 3.2, 3.1]) == 1.0  # memory that stays in place
