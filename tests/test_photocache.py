"""The prepared-photo cache: what it writes, when it reuses, how it stays bounded."""

from __future__ import annotations

import os

from PIL import Image

from kiosk.content import rendering
from kiosk.content.photocache import PhotoCache, Request, request_for
from kiosk.content.portraits import read_portrait_folder
from kiosk.content.text import Languages
from kiosk.layout import BACKGROUND_RGB


def sideways_camera_photo(path) -> None:
    stored = Image.new("RGB", (4000, 3000), "white")
    stored.paste((200, 0, 0), (0, 0, 2000, 3000))  # the stored left is the top when shown
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(path, exif=exif, quality=90)


def test_prepared_photo_is_upright_fitted_and_reused(tmp_path, monkeypatch):
    sideways_camera_photo(tmp_path / "camera.jpg")
    cache = PhotoCache(tmp_path / "cache")
    request = Request(str(tmp_path / "camera.jpg"), "abc", "photo", (1920, 1080))
    path = rendering.prepare(cache, request)
    with Image.open(path) as prepared:
        assert prepared.size == (810, 1080) and prepared.format == "JPEG"
        top, bottom = prepared.getpixel((405, 50)), prepared.getpixel((405, 1030))
    assert top[0] > 150 and top[1] < 60 and min(bottom) > 240
    calls = []
    monkeypatch.setattr(rendering, "render", lambda request: calls.append(request))
    assert rendering.prepare(cache, request) == path and calls == []  # a revisit is a file read
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [path.name]  # no partial files


def test_a_replaced_photo_gets_a_new_name(collection, good_photo):
    folder = collection("a")
    before = read_portrait_folder(str(collection.root), "a", Languages()).portrait
    Image.new("RGB", (1300, 1500), "blue").save(folder / "photo.jpg")
    os.utime(folder / "photo.jpg", ns=(before.photo_stamp[1] + 10**9, before.photo_stamp[1] + 10**9))
    after = read_portrait_folder(str(collection.root), "a", Languages()).portrait
    assert (
        request_for(before, "photo", (1920, 1080)).file_name
        != request_for(after, "photo", (1920, 1080)).file_name
    )


def test_transparent_photo_is_drawn_on_the_kiosk_background(tmp_path):
    picture = Image.new("RGBA", (1200, 1200), (0, 0, 0, 0))
    picture.paste((255, 255, 255, 255), (0, 0, 600, 1200))
    picture.save(tmp_path / "cut-out.png")
    cache = PhotoCache(tmp_path / "cache")
    path = rendering.prepare(cache, Request(str(tmp_path / "cut-out.png"), "t", "photo", (600, 600)))
    with Image.open(path) as prepared:
        assert prepared.getpixel((450, 300)) == pytest_approx(BACKGROUND_RGB)
        assert min(prepared.getpixel((100, 300))) > 245


def pytest_approx(colour):
    import pytest

    return pytest.approx(colour, abs=4)


def test_trim_keeps_the_cache_under_its_budget(tmp_path):
    cache = PhotoCache(tmp_path)
    for age, name in enumerate(["old.jpg", "middle.jpg", "new.jpg"]):
        (tmp_path / name).write_bytes(b"x" * 1000)
        os.utime(tmp_path / name, (1_000_000 + age, 1_000_000 + age))
    (tmp_path / "left-by-a-crash.part").write_bytes(b"half")
    os.utime(tmp_path / "left-by-a-crash.part", (1_000_000, 1_000_000))
    (tmp_path / "being-written.part").write_bytes(b"half")  # a helper is writing it now
    assert cache.trim(2500) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["being-written.part", "middle.jpg", "new.jpg"]


def test_trim_leaves_the_saved_readings_alone(tmp_path):
    cache = PhotoCache(tmp_path)
    (tmp_path / "readings-0123.json").write_bytes(b"x" * 5000)
    os.utime(tmp_path / "readings-0123.json", (1, 1))  # older than any picture
    (tmp_path / "new.jpg").write_bytes(b"x" * 1000)
    assert cache.trim(2500) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.jpg", "readings-0123.json"]


def test_a_4k_page_keeps_its_photos_uncompressed_and_qt_reads_them(tmp_path):
    from PySide6.QtGui import QImageReader

    from kiosk.layout import Page

    sideways_camera_photo(tmp_path / "camera.jpg")
    cache = PhotoCache(tmp_path / "cache")
    uhd, hd = Page(3840, 1950, 21.6), Page(1920, 975, 10.8)
    assert request_for_page(tmp_path, "photo", hd).file_name.endswith(".jpg")  # 1 MP: JPEG loads fast
    assert request_for_page(tmp_path, "thumb", uhd).file_name.endswith(".jpg")
    path = rendering.prepare(cache, request_for_page(tmp_path, "photo", uhd))
    assert path.suffix == ".ppm"
    picture = QImageReader(str(path)).read()
    box = uhd.box_for((3000, 4000))
    assert not picture.isNull() and (picture.width(), picture.height()) == fitted(box, (3000, 4000))
    assert picture.pixelColor(picture.width() // 2, 20).red() > 150  # upright: red on top
    assert cache.locate(request_for_page(tmp_path, "photo", uhd)) == path


def test_a_cut_uncompressed_picture_is_deleted_to_be_prepared_again(tmp_path):
    from kiosk.layout import Page

    sideways_camera_photo(tmp_path / "camera.jpg")
    cache = PhotoCache(tmp_path / "cache")
    request = request_for_page(tmp_path, "photo", Page(3840, 1950, 21.6))
    path = rendering.prepare(cache, request)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])  # as a power cut leaves it
    fresh = PhotoCache(tmp_path / "cache")
    assert fresh.locate(request) is None and not path.exists()
    path.write_bytes(b"P6\n10 10\n255\n" + b"\0" * 300)  # whole, by what its header says
    assert PhotoCache(tmp_path / "cache").locate(request) == path
    assert "abc" in {n.split("-")[0] for n in fresh.picture_names()}


def test_trim_counts_uncompressed_pictures_too(tmp_path):
    cache = PhotoCache(tmp_path)
    for age, name in enumerate(["old.ppm", "new.jpg"]):
        (tmp_path / name).write_bytes(b"x" * 1000)
        os.utime(tmp_path / name, (1_000_000 + age, 1_000_000 + age))
    assert cache.trim(1500) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["new.jpg"]


def request_for_page(folder, kind, page) -> Request:
    return Request(str(folder / "camera.jpg"), "abc", kind, page)


def fitted(box, size):
    scale = min(box[0] / size[0], box[1] / size[1])
    return round(size[0] * scale), round(size[1] * scale)
