"""The photo cache under faults a kiosk meets: a read-only or full disk, pictures damaged
by a power cut, a helper that stalls. The kiosk shows its portraits whatever its disk does.

The faults are real: tmpfs mounts (root, which these machines and CI run as, ignores file
modes, so a chmod would prove nothing), stopped helper processes."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys

import pytest

from kiosk.content.photocache import JPEG_END, JPEG_START, PhotoCache
from kiosk.qt.settle import settle
from tests.conftest import REPO, SAMPLES
from tests.screen import current_page, item


@pytest.fixture(autouse=True)
def runtime_folder(tmp_path, monkeypatch):
    """The stand-in folder goes where the test can see it, not to the machine's /dev/shm.
    PulseAudio is found through XDG_RUNTIME_DIR too: it is told where it already is."""
    server = pulse_server()
    if server:
        monkeypatch.setenv("PULSE_SERVER", server)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "runtime"))
    return tmp_path / "runtime"


def pulse_server() -> str:
    if not shutil.which("pactl"):
        return ""
    info = subprocess.run(["pactl", "info"], capture_output=True, text=True, check=False).stdout
    for line in info.splitlines():
        if line.startswith("Server String:"):
            server = line.split(":", 1)[1].strip()
            return f"unix:{server}" if server.startswith("/") else server
    return ""


@pytest.fixture
def mounts():
    """mount(folder, options): a tmpfs there, unmounted after the test."""
    made = []

    def mount(folder, options: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True, text=True
        )
        if result.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({result.stderr.strip() or 'not root'})")
        made.append(folder)

    yield mount
    for folder in reversed(made):
        subprocess.run(["umount", "-l", str(folder)], check=False)


def remount(folder, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(folder)], check=True)


def cache_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "photo cache" in r.getMessage()]


def test_a_read_only_cache_still_shows_every_portrait_and_recovers(
    make_kiosk, mounts, runtime_folder, tmp_path, caplog, monkeypatch, qtbot
):
    monkeypatch.setattr("kiosk.qt.images.RETRY_S", 1)
    mounts(tmp_path / "cache", "ro,size=8m")
    caplog.set_level(logging.INFO)
    kiosk = make_kiosk()
    assert kiosk.session.total == 8  # every published sample, prepared in memory instead
    assert len(list(runtime_folder.glob("*/*-photo-*.jpg"))) == 8
    assert item(current_page(kiosk.window), "photo").property("progress") == 1.0
    (warning,) = [line for line in cache_lines(caplog) if line.startswith("problem photo cache")]
    assert "Read-only file system" in warning and "free some space" in warning
    kiosk.admin._update_facts()
    first = kiosk.admin.problems[0]  # in the kiosk's default language, French
    assert first["where"] == "cache des photos" and "libérez de la place sur son disque" in first["message"]

    remount(tmp_path / "cache", "rw")
    qtbot.waitUntil(lambda: any("writable again" in line for line in cache_lines(caplog)), timeout=10_000)
    assert kiosk.photos.cache_problem == ""
    portrait = kiosk.session.current_portrait()
    with qtbot.waitSignal(kiosk.photos.prepared, timeout=10_000):
        kiosk.photos.url(portrait, "thumb")  # a picture not made yet goes to the cache again
    assert list((tmp_path / "cache").glob("*-thumb-*.jpg"))


def test_a_full_cache_still_shows_every_portrait(make_kiosk, mounts, tmp_path, caplog):
    mounts(tmp_path / "cache", "size=160k")  # room for a picture or two
    caplog.set_level(logging.INFO)
    root = tmp_path / "portraits"
    shutil.copytree(SAMPLES, root)
    for voice in root.glob("*/voice.*"):  # this is about pictures: no voice copies in the way
        voice.unlink()
    kiosk = make_kiosk(root)
    assert kiosk.session.total == 8
    (warning,) = [line for line in cache_lines(caplog) if line.startswith("problem photo cache")]
    assert "No space left on device" in warning


def test_a_disk_that_takes_only_part_of_a_picture_is_a_full_disk(mounts, tmp_path):
    """A nearly full disk answers the last write of a picture short instead of failing
    it: the cut picture must not take the picture's name (its portrait was held back)."""
    from PIL import Image

    from kiosk.content.photocache import CacheUnwritable, Request

    picture = Image.effect_noise((400, 400), 80).convert("RGB")  # ~100 KB as a JPEG
    mounts(tmp_path / "cache", "size=72k")  # the first 64 KB written whole, the rest cut
    cache = PhotoCache(tmp_path / "cache")
    request = Request(str(tmp_path / "noise.png"), "noise", "photo", (400, 400))
    with pytest.raises(CacheUnwritable, match="No space left on device"):
        cache.store(request, picture)
    assert list((tmp_path / "cache").iterdir()) == []


def test_snapshot_on_a_read_only_cache_draws_every_portrait(mounts, tmp_path):
    mounts(tmp_path / "cache", "ro,size=1m")
    out = tmp_path / "proofs"
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "snapshot", str(SAMPLES), "--out", str(out), "--size", "800x600"],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "PYTHONPATH": str(REPO), "KIOSK_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert result.returncode == 0, result.stderr
    assert len(list(out.glob("0*.png"))) == 8


def whole(path) -> bool:
    data = path.read_bytes()
    return data.startswith(JPEG_START) and data.endswith(JPEG_END)


def test_pictures_a_power_cut_damaged_are_prepared_again(make_kiosk, tmp_path):
    first = make_kiosk()
    first.close()
    pictures = sorted((tmp_path / "cache").glob("*-photo-*.jpg"))
    pictures[0].write_bytes(b"")  # what ext4 can leave of a renamed file after a power cut
    data = pictures[1].read_bytes()
    pictures[1].write_bytes(data[: len(data) // 2])
    kiosk = make_kiosk()
    assert kiosk.session.total == 8
    for index in range(kiosk.session.total):  # a visitor going through them all
        kiosk.session.goTo(index)
        settle(kiosk)
        assert item(current_page(kiosk.window), "photo").property("progress") == 1.0
    assert whole(pictures[0]) and whole(pictures[1])  # checked before use, and made again


def decodes(path) -> bool:
    from PIL import Image

    try:
        with Image.open(path) as picture:
            picture.load()
    except OSError:
        return False
    return True


@pytest.mark.qt_log_ignore("QML Image: Error decoding", "JPEG", "Corrupt JPEG")  # the fault, as Qt says it
def test_a_picture_qt_cannot_load_is_prepared_again(make_kiosk, tmp_path, qtbot):
    first = make_kiosk()
    url = item(current_page(first.window), "photo").property("source").toString()
    first.close()
    path = tmp_path / "cache" / url.rsplit("/", 1)[1]
    path.write_bytes(JPEG_START + b"\0" * 5000 + JPEG_END)  # looks whole; does not decode
    kiosk = make_kiosk()
    photo = item(current_page(kiosk.window), "photo")
    qtbot.waitUntil(lambda: decodes(path) and photo.property("progress") == 1.0, timeout=10_000)
    assert photo.property("source").toString() == url  # shown again, the picture made anew


def stalling_helper(counter, stalls: int) -> list[str]:
    """A photo helper that stops itself (as a hung share or a SIGSTOP would) on its first
    `stalls` jobs, counted across helpers in `counter`, and prepares after that."""
    program = (
        "import os, signal\n"
        "from kiosk.workers import child\n"
        "def handle(job):\n"
        f"    count = len(open({str(counter)!r}).read()) if os.path.exists({str(counter)!r}) else 0\n"
        f"    if count < {stalls}:\n"
        f"        open({str(counter)!r}, 'a').write('x')\n"
        "        os.kill(os.getpid(), signal.SIGSTOP)\n"
        "    return child.answer(job)\n"
        "child.serve(handle)\n"
    )
    return [sys.executable, "-c", program]


@pytest.fixture
def stalling_preparer(tmp_path, collection, monkeypatch):
    from kiosk.content.collection import scan
    from kiosk.qt.images import PhotoPreparer
    from kiosk.workers.pool import InChildProcesses

    monkeypatch.setattr("kiosk.qt.images.RETRY_S", 1)
    made = []

    def make(stalls: int):
        collection("a")
        (portrait,) = scan(str(collection.root), full_decode=False).portraits
        cache = PhotoCache(tmp_path / "cache")
        helpers = InChildProcesses(cache, command=stalling_helper(tmp_path / "stalls", stalls), time_limit=1)
        preparer = PhotoPreparer(cache, (800, 600), preparation=helpers)
        made.append(preparer)
        return preparer, portrait

    yield make
    for preparer in made:
        preparer.stop()


def test_a_stalled_helper_does_not_blame_a_good_photo(stalling_preparer, qtbot):
    preparer, portrait = stalling_preparer(stalls=2)  # both helpers of the first try stall
    failures = []
    preparer.failed.connect(lambda identity, message: failures.append(message))
    with qtbot.waitSignal(preparer.prepared, timeout=20_000):
        preparer.prefetch(portrait, kinds=("photo",))  # tried again a second later, and prepared
    assert failures == []


def test_a_photo_too_slow_every_time_is_the_photos_fault(stalling_preparer, qtbot):
    preparer, portrait = stalling_preparer(stalls=100)
    with qtbot.waitSignal(preparer.failed, timeout=40_000) as failed:
        preparer.prefetch(portrait, kinds=("photo",))
    assert "took more than 1 seconds, 3 times: export it again as JPEG" in failed.args[1]


def test_reading_the_folders_again_gives_a_slow_photo_its_tries_again(stalling_preparer, qtbot, tmp_path):
    preparer, portrait = stalling_preparer(stalls=8)  # three rounds of two stalls, then one more
    with qtbot.waitSignal(preparer.failed, timeout=40_000):
        preparer.prefetch(portrait, kinds=("photo",))
    preparer.forget_failures()  # staff tap "Read folders again"
    failures = []
    preparer.failed.connect(lambda identity, message: failures.append(message))
    with qtbot.waitSignal(preparer.prepared, timeout=30_000):
        preparer.prefetch(portrait, kinds=("photo",))  # stalls once more, then prepares
    assert failures == []
