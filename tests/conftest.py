"""Shared fixtures. Qt runs offscreen with the software renderer in every test."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from kiosk.qt.headless import use_offscreen

use_offscreen()  # before pytest-qt makes the application
# This machine's own kiosk settings (~/.config/portrait-kiosk) never reach a test.
os.environ["KIOSK_CONFIG_DIR"] = tempfile.mkdtemp(prefix="kiosk-tests-config-")

REPO = Path(__file__).resolve().parent.parent
TESTDATA = REPO.parent / "shared" / "testdata"
SAMPLES = REPO / "portraits"

GOOD_YAML = """\
name: Samira B.
profession:
  fr: Cheffe cuisinière
  en: Chef
origin:
  fr: Algérie
  en: Algeria
testimony:
  fr: Quand je suis arrivée...
  en: When I arrived...
"""


def shared_file(*parts: str) -> Path:
    """A file of ../shared/testdata, or a skip when that folder is not there."""
    path = TESTDATA.joinpath(*parts)
    if not TESTDATA.is_dir():
        pytest.skip(f"public test files not found at {TESTDATA}")
    return path


@pytest.fixture(scope="session")
def good_photo(tmp_path_factory) -> Path:
    """A plain JPEG big enough to draw no 'blurred' warning."""
    path = tmp_path_factory.mktemp("photos") / "photo.jpg"
    Image.new("RGB", (1200, 1500), "#a05a3c").save(path, quality=80)
    return path


@pytest.fixture
def collection(tmp_path, good_photo):
    """A factory of portrait folders under tmp_path/portraits."""
    root = tmp_path / "portraits"
    root.mkdir()

    def add(folder: str, yaml_text: str | bytes | None = GOOD_YAML, photo: str | None = "photo.jpg") -> Path:
        path = root / folder
        path.mkdir()
        if yaml_text is not None:
            data = yaml_text.encode("utf-8") if isinstance(yaml_text, str) else yaml_text
            (path / "portrait.yaml").write_bytes(data)
        if photo:
            shutil.copy(good_photo, path / photo)
        return path

    add.root = root
    return add


@pytest.fixture(scope="session")
def qapp_cls():
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication


@pytest.fixture(scope="session")
def touchscreen(qapp):
    """A touchscreen for real touch events (QTest.touchEvent)."""
    from PySide6.QtTest import QTest

    return QTest.createTouchDevice()


@pytest.fixture
def make_kiosk(qapp, tmp_path):
    """A factory of kiosks drawn offscreen and settled, closed after the test:
    make(root=None, *, locked=False, watch=False, file_events=True, screen=(1280, 720),
    **settings). With no root, a copy of the samples; no transitions, no autoplay; on the
    first portrait in collection order."""
    from PySide6.QtCore import QSize

    from kiosk.qt.fonts import load_fonts
    from kiosk.qt.headless import headless_kiosk, quiet
    from kiosk.qt.settle import pump, settle
    from kiosk.settings import Settings

    load_fonts()
    made = []

    def make(
        root=None, *, locked=False, watch=False, file_events=True, screen=(1280, 720), sound=None, **settings
    ):
        if root is None:
            root = tmp_path / "portraits"
            if not root.exists():
                shutil.copytree(SAMPLES, root)
        kiosk = headless_kiosk(
            root,
            quiet(Settings(), **settings),
            QSize(*screen),
            tmp_path / "cache",
            locked=locked,
            file_events=file_events,
            watch=watch,
            sound=sound,
        )
        # Photos are prepared two at a time, so the portrait on screen first is the first
        # one ready, not always the first in order: tests start on the first in order.
        if kiosk.session.currentIndex != 0:
            kiosk.session.goTo(0)
            settle(kiosk)
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.close()
    pump(50)


@pytest.fixture
def notify_socket(tmp_path, monkeypatch):
    """A socket standing in for systemd's, with NOTIFY_SOCKET pointing at it."""
    path = str(tmp_path / "notify")
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(path)
    receiver.setblocking(False)
    monkeypatch.setenv("NOTIFY_SOCKET", path)
    yield receiver
    receiver.close()
