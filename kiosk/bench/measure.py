"""Small tools for the benchmark: timing, summaries, memory, progress."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time


def timed(function, *args) -> float:
    """Milliseconds that one call takes."""
    start = time.perf_counter()
    function(*args)
    return (time.perf_counter() - start) * 1000


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 2), "p95": round(p95, 2)}


def cpu_ticks() -> tuple[int, int] | None:
    """(stolen, all) CPU time of this machine since it started, in clock ticks, from the
    kernel's /proc/stat; None where there is none. Time stolen is time a virtual machine
    wanted to run while its host ran others: every timing taken meanwhile is longer."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    if fields[:1] != ["cpu"] or len(fields) < 9:
        return None
    # user, nice, system, idle, iowait, irq, softirq, steal (guest time is inside user)
    ticks = [int(field) for field in fields[1:9]]
    return ticks[7], sum(ticks)


def steal_pct(start: tuple[int, int] | None, end: tuple[int, int] | None) -> float | None:
    """The share of the machine's CPU time its host took for others between two
    cpu_ticks() readings, in percent; None when either reading is missing."""
    if start is None or end is None or end[1] <= start[1]:
        return None
    return round(100 * (end[0] - start[0]) / (end[1] - start[1]), 2)


VISITOR_PAUSE_MS = 400  # a visitor's pause between two swipes (swipe_ms, rest_slowdown_x)
TOUCHED_MB = 32  # about what a 4K frame moves


def rest_slowdown_x(rounds: int = 7) -> float:
    """How many times longer copying TOUCHED_MB takes after a visitor's pause at rest
    than back to back. Some hosts take back a virtual machine's memory while it rests, without a page
    fault the guest would see or a tick of steal: the first touch after a pause then pays
    for every page again, and so does every figure timed after a visitor's pause."""
    source = bytearray(os.urandom(TOUCHED_MB << 20))  # random: no page the host could share
    target = bytearray(len(source))
    target[:] = source
    in_use = [timed(target.__setitem__, slice(None), source) for _ in range(rounds)]
    rested = []
    for _ in range(rounds):
        time.sleep(VISITOR_PAUSE_MS / 1000)
        rested.append(timed(target.__setitem__, slice(None), source))
    return slowdown(rested, in_use)


def slowdown(rested: list[float], in_use: list[float]) -> float:
    """The median time after a rest over the median time in use."""
    return round(statistics.median(rested) / statistics.median(in_use), 1)


class Progress:
    """One line on stderr per phase, with a bar that fills as the phase goes."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.quiet = not enabled

    def step(self, phase: str, done: int, total: int) -> None:
        if self.quiet:
            return
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done >= total else ""
        if self.enabled or done >= total:
            print(
                f"\r{phase:<28} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
                end=end,
                file=sys.stderr,
            )


def figures_apart(what: str, module: str, *args: str, timeout_s: float) -> dict:
    """Figures measured by `python -m module args...` in a fresh process, as the kiosk
    runs: the last line it prints is one JSON object (its progress goes to stderr)."""
    child = subprocess.run(
        [sys.executable, "-m", module, *args], stdout=subprocess.PIPE, text=True, timeout=timeout_s
    )
    if child.returncode != 0:
        raise RuntimeError(f"the {what} figures' process failed with exit status {child.returncode}")
    return json.loads(child.stdout.strip().splitlines()[-1])
