"""Small tools for the benchmark: timing, summaries, memory, progress."""

from __future__ import annotations

import json
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
