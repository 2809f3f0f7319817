"""Several kiosks, one collection, end to end: two real Syncthing instances on the loopback
address (the curators' and a kiosk's), paired by `kiosk sync`'s own calls; a kiosk running
offscreen on the received folder. A folder added on the curators' side reaches the kiosk's
cycle; the kiosk's status comes back to the curators' status folder; with the link cut, a
change waits, and once it is restored both sides converge."""

from __future__ import annotations

import shutil
import time

import pytest

from kiosk.fleet import read_fleet
from kiosk.sync import add_kiosk, join_curators
from tests.conftest import SAMPLES
from tests.syncthing import Instance, needs_syncthing

pytestmark = needs_syncthing


def wait_until(condition, timeout_s: float = 60.0) -> bool:
    from kiosk.qt.settle import pump

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        pump(200)
    return False


@pytest.fixture
def pair(tmp_path):
    curators, kiosk = Instance(tmp_path / "curators-home"), Instance(tmp_path / "kiosk-home")
    yield curators, kiosk
    curators.stop()
    kiosk.stop()


def test_the_collection_reaches_a_kiosk_and_its_health_comes_back_even_after_a_cut(
    make_kiosk, tmp_path, pair
):
    curators, kiosk_side = pair
    master = tmp_path / "master"
    shutil.copytree(SAMPLES, master)
    (master / ".trash" / "gone~20261201").mkdir(parents=True)  # the desk's trash stays on its side
    received, statuses, sent = (
        tmp_path / "kiosk" / "portraits",
        tmp_path / "statuses",
        tmp_path / "kiosk" / "status",
    )
    add_kiosk(curators.api, str(master), str(statuses), kiosk_side.id, "hall", kiosk_side.address)
    join_curators(kiosk_side.api, str(received), str(sent), curators.id, curators.address)
    # Every file arrived (Syncthing renames each into place whole) before the kiosk starts:
    # its first status, which the curators read next, counts what it found at start.
    every_file = [f.relative_to(SAMPLES) for f in SAMPLES.rglob("*") if f.is_file()]
    assert wait_until(lambda: all((received / f).is_file() for f in every_file))
    assert not (received / ".trash").exists()

    kiosk = make_kiosk(received, watch=True, status_dir=str(sent), name="hall")
    assert wait_until(lambda: kiosk.session.count == 8)
    assert wait_until(lambda: [k.name for k in read_fleet(statuses)[0]] == ["hall"])
    ((hall,), unreadable) = read_fleet(statuses)
    assert hall.portraits == 8 and hall.current and not hall.stale and unreadable == []

    shutil.copytree(SAMPLES / "samira-benali", master / "ines-t")  # a curator adds a portrait
    assert wait_until(lambda: kiosk.session.count == 9, timeout_s=90)

    curators.api.pause(kiosk_side.id)  # the link is cut
    shutil.rmtree(master / "ines-t")
    shutil.copytree(SAMPLES / "karim-haddad", master / "omar-k")
    wait_until(lambda: False, timeout_s=5)
    assert (received / "ines-t").exists() and not (received / "omar-k").exists()
    assert kiosk.session.count == 9  # the kiosk keeps showing the last good collection
    curators.api.resume(kiosk_side.id)
    assert wait_until(
        lambda: (received / "omar-k" / "photo.jpg").is_file() and not (received / "ines-t").exists(), 90
    )
    assert wait_until(lambda: kiosk.session.visible.row_of("omar-k") >= 0 and kiosk.session.count == 9, 90)
    # Syncthing's own files (.stfolder, its temporary .syncthing.*.tmp) were never content.
    assert [
        p.as_line() for p in kiosk.live.problems() if "syncthing" in p.as_line() or ".st" in p.as_line()
    ] == []


def test_kiosk_sync_sets_this_machines_syncthing_and_says_its_device_id(tmp_path, pair):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    curators, kiosk_side = pair
    done = subprocess.run(
        [
            sys.executable, "-m", "kiosk", "sync", str(tmp_path / "portraits"),
            "--status-dir", str(tmp_path / "status"), "--curators", curators.id,
            "--address", curators.address, "--syncthing-home", str(kiosk_side.home),
        ],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO), "LANG": "en_GB.UTF-8"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"this machine's Syncthing device ID: {kiosk_side.id}" in done.stdout
    folder = kiosk_side.api.request("GET", "/rest/config/folders/portrait-collection")
    assert folder["type"] == "receiveonly" and folder["path"] == str(tmp_path / "portraits")
    assert curators.id in {device["deviceID"] for device in folder["devices"]}
