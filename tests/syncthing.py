"""Real Syncthing instances for the tests, on the loopback address: each with a home of its
own, free ports, and discovery, relays, NAT and reporting off (tools/syncthing installs
Debian's package)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.sync import Syncthing, SyncthingError

SYNCTHING = shutil.which("syncthing")
needs_syncthing = pytest.mark.skipif(
    SYNCTHING is None, reason="Syncthing is not installed (tools/syncthing installs it)"
)
ON_LOOPBACK_ONLY = {
    "globalAnnounceEnabled": False,
    "localAnnounceEnabled": False,
    "relaysEnabled": False,
    "natEnabled": False,
    "urAccepted": -1,
    "crashReportingEnabled": False,
    "autoUpgradeIntervalH": 0,
    "startBrowser": False,
    # Syncthing dials a device again only every reconnectionIntervalS (60 by default).
    # After a resumed link both ends dial at once, and both connections can fail their
    # Hello: the next try, a minute on, fell outside the test's wait.
    "reconnectionIntervalS": 5,  # its smallest
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Instance:
    def __init__(self, home: Path) -> None:
        assert SYNCTHING is not None
        generate = [SYNCTHING, "generate", "--home", str(home), "--no-default-folder", "--skip-port-probing"]
        subprocess.run(generate, check=True, capture_output=True, timeout=60)
        self.home = home
        config = ET.parse(home / "config.xml")
        gui = config.getroot().find("gui")
        assert gui is not None
        self.gui_port, self.port = free_port(), free_port()
        gui_address = gui.find("address")
        assert gui_address is not None
        gui_address.text = f"127.0.0.1:{self.gui_port}"  # where `kiosk sync --syncthing-home` finds it
        config.write(home / "config.xml")
        self.api = Syncthing(f"http://127.0.0.1:{self.gui_port}", gui.findtext("apikey", ""))
        self.address = f"tcp://127.0.0.1:{self.port}"
        serve = [SYNCTHING, "serve", "--home", str(home), "--no-browser", "--no-restart"]
        serve += ["--logfile", str(home / "syncthing.log")]
        self.process = subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                self.api.request("GET", "/rest/system/ping")
                break
            except SyncthingError:
                assert time.monotonic() < deadline, "Syncthing did not start"
                time.sleep(0.2)
        self.api.request(
            "PATCH", "/rest/config/options", {**ON_LOOPBACK_ONLY, "listenAddresses": [self.address]}
        )
        self.id = self.api.device_id()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
