"""Photos reach the screen only once prepared; broken ones never do."""

from __future__ import annotations

import logging
import shutil
import threading

from PySide6.QtCore import QSize

from kiosk.content import rendering
from kiosk.content.collection import scan
from kiosk.content.photocache import PhotoCache
from kiosk.qt.app import KioskApp
from kiosk.qt.images import PhotoPreparer
from kiosk.qt.settle import settle
from kiosk.settings import Settings
from kiosk.workers.pool import InThread
from tests.conftest import shared_file


def test_url_is_empty_until_prepared_then_a_file(qtbot, collection, tmp_path):
    collection("a")
    portrait = scan(str(collection.root)).portraits[0]
    preparer = PhotoPreparer(PhotoCache(tmp_path / "cache"), (800, 600))
    with qtbot.waitSignal(preparer.prepared, timeout=10_000):
        assert preparer.url(portrait, "photo") == ""
    url = preparer.url(portrait, "photo")
    assert url.startswith("file://") and url.endswith("-photo-800x600.jpg")
    preparer.wait_idle()


def test_broken_photo_fails_once_and_is_not_retried(qtbot, collection, tmp_path):
    folder = collection("broken", photo=None)
    shutil.copy(shared_file("Pillow", "Tests", "images", "truncated_jpeg.jpg"), folder / "photo.jpg")
    portrait = scan(str(collection.root), full_decode=False).portraits[0]
    preparer = PhotoPreparer(PhotoCache(tmp_path / "cache"), (800, 600))
    with qtbot.waitSignal(preparer.failed, timeout=10_000) as failed:
        preparer.prefetch(portrait, kinds=("photo",))
    assert "cannot be decoded" in failed.args[1]
    preparer.prefetch(portrait, kinds=("photo",))
    assert preparer.pending == 0  # known broken: not tried again until the file changes
    preparer.wait_idle()


def test_moving_on_takes_back_queued_neighbour_jobs(qtbot, collection, tmp_path, monkeypatch):
    for name in ("a", "b", "c"):
        collection(name)
    a, b, c = scan(str(collection.root)).portraits
    release = threading.Event()
    original = rendering.render
    monkeypatch.setattr(rendering, "render", lambda request: (release.wait(10), original(request))[1])
    cache = PhotoCache(tmp_path / "cache")
    preparer = PhotoPreparer(cache, (800, 600), preparation=InThread(cache))  # render held here
    preparer._pool.setMaxThreadCount(1)
    preparer.prefetch(a, kinds=("photo",))  # occupies the only worker
    preparer.prefetch_urgently([b])
    assert preparer.pending == 3
    preparer.prefetch_urgently([c])  # the visitor moved on before b's turn came
    assert preparer.pending == 3  # a running, c's photo and backdrop queued; b's dropped
    release.set()
    qtbot.waitUntil(lambda: preparer.pending == 0)  # each job's end reaches the GUI thread
    assert preparer.is_ready(c) and not preparer.is_ready(b)


def test_a_broken_photo_never_enters_the_cycle(qtbot, collection, tmp_path, caplog):
    collection("good")
    folder = collection("half-copied", photo=None)
    shutil.copy(shared_file("Pillow", "Tests", "images", "truncated_jpeg.jpg"), folder / "photo.jpg")
    kiosk = KioskApp(
        str(collection.root),
        Settings(),
        locked=False,
        screen=QSize(800, 600),
        cache=PhotoCache(tmp_path / "c"),
    )
    with caplog.at_level(logging.WARNING):
        kiosk.load_collection()
        kiosk.show(windowed=True, size=QSize(800, 600))
        settle(kiosk)
    assert [kiosk.session.portraits.portrait_at(row).id for row in range(kiosk.session.total)] == ["good"]
    assert any(
        "problem half-copied/photo.jpg: the photo cannot be decoded" in r.getMessage() for r in caplog.records
    )
    kiosk.close()


def test_a_photo_replaced_since_its_folder_was_read_is_not_called_broken(qtbot, collection, tmp_path):
    """The folder's next reading brings the new photo; until then nothing is prepared
    from a file that is not the one that was read, and nothing is reported."""
    collection("a")
    (portrait,) = scan(str(collection.root)).portraits
    (collection.root / "a" / "photo.jpg").write_bytes(b"\xff\xd8\xff half of a new photo")
    preparer = PhotoPreparer(PhotoCache(tmp_path / "cache"), (800, 600))
    failures = []
    preparer.failed.connect(lambda identity, message: failures.append(message))
    preparer.prefetch(portrait)
    qtbot.waitUntil(lambda: preparer.pending == 0)
    assert failures == [] and not preparer.is_ready(portrait)
    assert list((tmp_path / "cache").glob("*.jpg")) == []
