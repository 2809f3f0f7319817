"""The kiosk as a service: systemd notifications, signals, crashes, the log file, the unit."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from kiosk.exits import CRASH as CRASH_STATUS
from kiosk.qt.heartbeat import Heartbeat
from kiosk.qt.settle import pump
from tests.conftest import REPO, SAMPLES


def received(receiver) -> list[str]:
    messages = []
    while True:
        try:
            messages.append(receiver.recv(4096).decode())
        except BlockingIOError:
            return messages


def test_ready_once_on_screen_then_watchdog_until_the_gui_thread_blocks(qapp, notify_socket, monkeypatch):
    monkeypatch.setenv("WATCHDOG_USEC", "200000")  # WatchdogSec=0.2: a beat every 100 ms
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    on_screen = False
    heartbeat = Heartbeat(lambda: on_screen)
    heartbeat.start()
    pump(350)
    assert not any(m.startswith("READY=1") for m in received(notify_socket))  # alive, not ready
    on_screen = True
    pump(600)
    messages = received(notify_socket)
    assert messages[0].startswith("READY=1") and messages[1:].count("WATCHDOG=1") >= 3
    time.sleep(0.8)  # the GUI thread frozen: systemd must hear nothing
    assert received(notify_socket) == []
    pump(300)
    assert "WATCHDOG=1" in received(notify_socket)


_started: list[subprocess.Popen] = []


@pytest.fixture(autouse=True)
def _no_kiosk_left_running():
    """A test that fails while its kiosk runs must not leave it (and its photo
    preparers) running, and loading the machine, after the test run."""
    yield
    while _started:
        process = _started.pop()
        if process.poll() is None:
            process.kill()
            process.wait(10)


def run_kiosk(tmp_path, *arguments, code: str = "", unset: tuple[str, ...] = (), **env) -> subprocess.Popen:
    """`kiosk run` in a process of its own, offscreen, on a copy of the samples; `unset`
    names variables of this environment that it does not get."""
    root = tmp_path / "portraits"
    if not root.exists():
        shutil.copytree(SAMPLES, root)
    program = "\n".join(["import sys", "from kiosk.cli import main", code, "sys.exit(main(sys.argv[1:]))"])
    process = subprocess.Popen(
        [sys.executable, "-c", program, "run", str(root), *arguments],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # the log file holds everything
        env={
            **{name: value for name, value in os.environ.items() if name not in unset},
            "PYTHONPATH": str(REPO),
            "KIOSK_CACHE_DIR": str(tmp_path / "cache"),
            "KIOSK_LOG_DIR": str(tmp_path / "log"),
            **env,
        },
    )
    _started.append(process)
    return process


def wait_for_ready(receiver, limit_s: float = 30) -> None:
    receiver.settimeout(limit_s)
    try:
        while not receiver.recv(4096).startswith(b"READY=1"):
            pass
    finally:
        receiver.setblocking(False)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_kiosk_cleanly_and_quickly(tmp_path, notify_socket, number):
    kiosk = run_kiosk(tmp_path, NOTIFY_SOCKET=notify_socket.getsockname())
    wait_for_ready(notify_socket)
    kiosk.send_signal(number)
    assert kiosk.wait(timeout=10) == 0
    log_file = (tmp_path / "log" / "kiosk.log").read_text(encoding="utf-8")
    assert "stopping on a signal" in log_file


def test_an_exception_in_a_worker_thread_ends_the_kiosk_with_its_traceback(tmp_path):
    bug = (
        "import kiosk.workers.pool as pool; "
        "pool.InChildProcesses.prepare = lambda self, request: 1 / 0"  # on a worker thread
    )
    kiosk = run_kiosk(tmp_path, code=bug)
    assert kiosk.wait(timeout=30) == CRASH_STATUS
    log_file = (tmp_path / "log" / "kiosk.log").read_text(encoding="utf-8")
    assert "uncaught exception, stopping" in log_file and "ZeroDivisionError" in log_file
    assert "Traceback" in log_file


def test_kiosk_service_prints_a_unit_for_this_install(tmp_path):
    unit = subprocess.run(
        [sys.executable, "-m", "kiosk", "service", str(tmp_path), "--user", "expo"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=60,
    ).stdout
    for line in (
        "Type=notify",
        "WatchdogSec=30",
        "Restart=always",
        "StartLimitIntervalSec=0",
        "User=expo",
        f"run {tmp_path}",
    ):
        assert line in unit, line
    assert "cage" in unit
    eglfs = subprocess.run(
        [sys.executable, "-m", "kiosk", "service", str(tmp_path), "--eglfs"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=60,
    ).stdout
    assert "QT_QPA_PLATFORM=eglfs" in eglfs and "disable-zap" in eglfs


def test_service_sync_prints_what_a_kiosk_needs_in_order(tmp_path):
    import subprocess
    import sys

    from tests.conftest import REPO

    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "service", "--sync", str(tmp_path / "portraits"), "--user", "expo"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stderr
    steps = done.stdout
    enable = steps.index("sudo systemctl enable --now syncthing@expo")
    device = steps.index("sudo -u expo syncthing serve --device-id")
    curators = steps.index("--kiosk KIOSK-ID")
    here = steps.index(
        f"sync {tmp_path / 'portraits'} --status-dir /home/expo/kiosk-status --curators CURATORS-ID"
    )
    assert enable < device < curators < here and "status_dir: /home/expo/kiosk-status" in steps
