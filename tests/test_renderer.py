"""Which renderer draws the kiosk: the GPU's where a real driver answers, software
elsewhere, the environment first; and the technician can see which."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from kiosk.qt.renderer import ask_driver_in_child, choose_renderer
from tests.test_service import run_kiosk, wait_for_ready


def never_asked():
    raise AssertionError("the driver was asked although the environment decides")


@pytest.mark.parametrize(
    ("driver", "backend"),
    [
        ("AMD Radeon RX 6600 (radeonsi, navi23, LLVM 15.0.6, DRM 3.49)", "opengl"),
        ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)", "opengl"),
        ("V3D 7.1", "opengl"),  # a Raspberry Pi 5's
        ("llvmpipe (LLVM 15.0.6, 256 bits)", "software"),
        ("softpipe", "software"),
        ("Software Rasterizer", "software"),
        (None, "software"),
        ("", "software"),
    ],
)
def test_a_real_driver_gets_the_gpu_and_a_software_rasteriser_does_not(driver, backend):
    chosen = choose_renderer({}, lambda: driver)
    assert chosen.backend == backend
    if driver:
        assert driver in chosen.why
    assert chosen.line.startswith(f"renderer: {backend} (")


@pytest.mark.parametrize("value", ["software", "opengl", "rhi"])
def test_qt_quick_backend_in_the_environment_always_wins(value):
    chosen = choose_renderer({"QT_QUICK_BACKEND": value}, never_asked)
    assert (chosen.backend, chosen.why, chosen.forced) == (value, "QT_QUICK_BACKEND is set", True)


def test_with_no_opengl_on_the_platform_the_probe_answers_nothing_and_survives():
    # Qt's offscreen platform makes no OpenGL context here: asking it for GL functions
    # anyway segfaults, which is why the probe is a child of its own.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("QT_QUICK_BACKEND", None)
    probe = subprocess.run(
        [sys.executable, "-m", "kiosk.qt.gpu_probe"], env=env, capture_output=True, text=True, timeout=60
    )
    assert probe.returncode == 1 and probe.stdout == ""


def test_a_driver_that_does_not_answer_in_time_counts_as_none():
    # The real probe, given a millisecond: a hung driver is waited for no longer.
    assert ask_driver_in_child(limit_s=0.001) is None


@pytest.fixture
def virtual_screen(tmp_path):
    """An X server with Mesa behind it: its OpenGL is llvmpipe, on every machine."""
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    display = f":{80 + os.getpid() % 100}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    if server.poll() is not None:
        pytest.skip(f"Xvfb did not start on {display}")
    yield display
    server.send_signal(signal.SIGTERM)
    server.wait(10)


def test_mesa_llvmpipe_is_found_and_counted_as_software(virtual_screen, monkeypatch):
    monkeypatch.setenv("DISPLAY", virtual_screen)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("QT_QUICK_BACKEND")
    driver = ask_driver_in_child()
    if driver is None:
        pytest.skip("no OpenGL on this X server (Mesa's libgl1-mesa-dri is not installed)")
    assert "llvmpipe" in driver or "softpipe" in driver
    chosen = choose_renderer(os.environ, lambda: driver)
    assert chosen.backend == "software" and "software rasteriser" in chosen.why


def kiosk_log(tmp_path) -> str:
    return (tmp_path / "log" / "kiosk.log").read_text(encoding="utf-8")


def status_of(tmp_path) -> dict:
    return json.loads((tmp_path / "status" / "entrance.json").read_text(encoding="utf-8"))


def test_the_kiosk_decides_at_start_says_so_and_reports_what_draws(tmp_path, notify_socket):
    kiosk = run_kiosk(
        tmp_path,
        *("--status-dir", str(tmp_path / "status"), "--name", "entrance"),
        unset=("QT_QUICK_BACKEND",),
        NOTIFY_SOCKET=notify_socket.getsockname(),
        QT_QPA_PLATFORM="offscreen",
    )
    try:
        wait_for_ready(notify_socket)
        assert "renderer: software (no OpenGL driver answered)" in kiosk_log(tmp_path)
        assert status_of(tmp_path)["renderer"] == "software"
    finally:
        kiosk.send_signal(signal.SIGTERM)
        kiosk.wait(20)


def test_the_environment_decides_without_a_probe(tmp_path, notify_socket):
    kiosk = run_kiosk(tmp_path, NOTIFY_SOCKET=notify_socket.getsockname(), QT_QUICK_BACKEND="software")
    wait_for_ready(notify_socket)
    kiosk.send_signal(signal.SIGTERM)
    assert kiosk.wait(timeout=20) == 0
    assert "renderer: software (QT_QUICK_BACKEND is set)" in kiosk_log(tmp_path)
