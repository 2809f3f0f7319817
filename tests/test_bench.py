"""What `kiosk bench` reports, from readings it is given."""

from __future__ import annotations

from kiosk.bench.gui_bench import memory_figures


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
