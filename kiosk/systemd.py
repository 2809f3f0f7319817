"""The systemd notification protocol, spoken directly: one datagram on a Unix socket.

`READY=1` tells systemd the kiosk is up; `WATCHDOG=1`, sent regularly, tells it the
kiosk is alive (with `WatchdogSec=` in the unit, silence means a restart). Outside
systemd (`NOTIFY_SOCKET` unset) every call does nothing.
"""

from __future__ import annotations

import os
import socket


def notify(message: str) -> bool:
    """Send `message` to the service manager; False when there is none or it failed."""
    address = os.environ.get("NOTIFY_SOCKET", "")
    if not address:
        return False
    if address.startswith("@"):  # an abstract socket: its name starts with a NUL byte
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sender:
            sender.sendto(message.encode("utf-8"), address)
    except OSError:
        return False
    return True


def watchdog_interval_ms() -> int | None:
    """How often to say "alive" (half the unit's WatchdogSec), or None without a watchdog."""
    usec = os.environ.get("WATCHDOG_USEC", "")
    pid = os.environ.get("WATCHDOG_PID", "")
    # The watchdog is meant for the service's main process: us, or cage when it started us.
    if not usec.isdigit() or int(usec) == 0 or (pid and pid not in (str(os.getpid()), str(os.getppid()))):
        return None
    return max(int(usec) // 2000, 100)
