"""What this process uses, read from /proc (Linux); zeros elsewhere."""

from __future__ import annotations

import os


def rss_mb() -> float:
    """Resident memory in MB."""
    return _status_field("VmRSS:") / 1024


def thread_count() -> int:
    return int(_status_field("Threads:"))


def open_files() -> int:
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return 0


def _status_field(name: str) -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(name):
                    return float(line.split()[1])
    except OSError:
        pass
    return 0.0
