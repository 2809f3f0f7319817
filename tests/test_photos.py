"""Photos: every public test image prepares correctly or gives a clear problem."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageOps, ImageStat

from kiosk.bench.synthetic import camera_photo
from kiosk.content import photos
from kiosk.content.photos import PhotoError, inspect_photo, prepare_photo
from tests.conftest import TESTDATA, shared_file


def images_dir() -> Path:
    return shared_file("Pillow", "Tests", "images")


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean) / 3


def every_test_image() -> list[Path]:
    if not TESTDATA.is_dir():
        return [
            pytest.param(None, marks=pytest.mark.skip(reason=f"public test files not found at {TESTDATA}"))
        ]
    roots = [TESTDATA / "Pillow" / "Tests" / "images", TESTDATA / "pngsuite" / "png"]
    return sorted(p for root in roots for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize("path", every_test_image(), ids=lambda p: p.name if p else "no-testdata")
def test_every_public_image_prepares_or_gives_a_photo_error(path):
    try:
        info = inspect_photo(str(path))
    except PhotoError as exc:
        assert exc.message and ":" in exc.message  # what is wrong: what to do
        return
    picture = prepare_photo(str(path), (64, 64))
    assert picture.mode in ("RGB", "RGBA")
    assert max(picture.size) <= 64
    assert (
        abs(picture.width / picture.height - info.width / info.height) < 0.1
        or min(info.width, info.height) < 8
    )


@pytest.mark.parametrize(
    "name",
    [
        "truncated_jpeg.jpg",
        "ultrahdr.jpg",
        "truncated_image.png",
        "broken_data_stream.png",
        "decompression_bomb.gif",
        "png_decompression_dos.png",
        "l2rgb_read.bmp",
        "crash-0da013a13571cc8eb457a39fee8db18f8a3c7127.tif",
    ],
)
def test_broken_bombs_and_foreign_formats_are_refused(name):
    with pytest.raises(PhotoError):
        inspect_photo(str(images_dir() / name))


@pytest.mark.parametrize(
    "name",
    [
        "hopper_bad_exif.jpg",
        "invalid-exif.jpg",
        "sugarshack_bad_mpo_header.jpg",
        "empty_gps_ifd.jpg",
        "truncated_app14.jpg",
        "junk_jpeg_header.jpg",
    ],
)
def test_bad_metadata_still_loads(name):
    assert inspect_photo(str(images_dir() / name)).width > 0


@pytest.mark.parametrize("orientation", range(2, 9))
def test_exif_orientation_is_applied(orientation):
    reference = prepare_photo(str(images_dir() / "hopper.jpg"))
    turned = prepare_photo(str(images_dir() / f"hopper_orientation_{orientation}.jpg"))
    assert turned.size == reference.size
    assert mean_difference(turned, reference) < 10  # a wrong turn differs by 40 or more


def test_orientation_with_a_fitting_box_and_sideways_shape():
    # 2x1 stored, orientation 8: shown 1 wide and 2 high.
    info = inspect_photo(str(images_dir() / "orientation_rectangle.jpg"))
    assert (info.width, info.height) == (1, 2)
    assert prepare_photo(str(images_dir() / "orientation_rectangle.jpg")).size == (1, 2)


def test_sideways_camera_photo_is_fitted_after_turning(tmp_path):
    stored = Image.new("RGB", (4000, 3000), "white")
    stored.paste((200, 0, 0), (0, 0, 2000, 3000))  # red on the stored left = the top when shown
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(tmp_path / "camera.jpg", exif=exif, quality=90)
    picture = prepare_photo(str(tmp_path / "camera.jpg"), (1920, 1080))
    assert picture.size == (810, 1080)
    top, bottom = picture.getpixel((405, 100)), picture.getpixel((405, 1000))
    assert top[0] > 150 and top[1] < 60 and bottom == pytest.approx((255, 255, 255), abs=8)


def test_xmp_orientation_in_png_is_applied():
    picture = prepare_photo(str(images_dir() / "xmp_tags_orientation_exiftool.png"))
    raw = Image.open(images_dir() / "xmp_tags_orientation_exiftool.png").convert("RGBA")
    assert mean_difference(picture, raw.transpose(Image.Transpose.ROTATE_180)) < 1


def test_sixteen_bit_grey_is_not_turned_white():
    path = shared_file("pngsuite", "png", "tbwn0g16.png")
    picture = prepare_photo(str(path))
    low, high = picture.convert("L").getextrema()
    assert low < 50 and high > 200
    assert picture.mode == "RGBA" and picture.getchannel("A").getextrema() == (0, 255)


@pytest.mark.parametrize(
    "name", ["p_trns_single.png", "l_trns.png", "1_trns.png", "rgb_trns.png", "transparent.webp"]
)
def test_transparency_is_kept(name):
    picture = prepare_photo(str(images_dir() / name))
    assert picture.mode == "RGBA"
    assert picture.getchannel("A").getextrema()[0] == 0


def test_cmyk_looks_like_its_rgb_reference():
    cmyk = prepare_photo(str(images_dir() / "pil_sample_cmyk.jpg"))
    reference = prepare_photo(str(images_dir() / "pil_sample_rgb.jpg"))
    assert cmyk.mode == "RGB"
    assert mean_difference(cmyk, reference) < 10


def test_pixel_cap_is_ours_and_says_the_limit(tmp_path, monkeypatch):
    Image.new("RGB", (300, 200)).save(tmp_path / "big.png")
    monkeypatch.setattr(photos, "MAX_PIXELS", 50_000)
    with pytest.raises(PhotoError, match="0 megapixels; the kiosk takes up to 0"):
        inspect_photo(str(tmp_path / "big.png"))


def test_never_upscaled_and_fitted_inside_the_box(tmp_path):
    Image.new("RGB", (400, 300)).save(tmp_path / "small.jpg")
    assert prepare_photo(str(tmp_path / "small.jpg"), (1920, 1080)).size == (400, 300)
    assert prepare_photo(str(tmp_path / "small.jpg"), (200, 200)).size == (200, 150)


def test_a_prepared_photo_keeps_the_detail_of_a_careful_resize(tmp_path):
    # A photo a little larger than its box (a 4K page's, after the decoder's half scale,
    # is 1.18 times it): the cheap route must be neither softer nor grainier than
    # Lanczos on the whole picture, the slow careful resize. A blurring filter (bilinear:
    # 0.69 of the detail) or an aliasing one (box: 1.25, nearest: 1.38) fails.
    original = camera_photo(2, seed=3)
    original.save(tmp_path / "camera.png")
    box = (round(original.width / 1.18), round(original.height / 1.18))
    careful = original.resize(box, Image.Resampling.LANCZOS)
    prepared = prepare_photo(str(tmp_path / "camera.png"), box)
    assert prepared.size == careful.size
    assert 0.85 < edge_detail(prepared) / edge_detail(careful) < 1.15
    assert peak_signal_to_noise_db(prepared, careful) > 38  # no visible difference


@pytest.mark.parametrize("orientation", range(1, 9))
def test_a_photo_prepared_in_bands_joins_without_a_seam(tmp_path, orientation):
    # A 4K page's photo is reduced and turned upright in horizontal bands at once
    # (kiosk.content.resizing): whatever way the camera stored it, the bands must join
    # as if the picture had been resized whole and then turned, with no line where one
    # band meets the next and none out of place.
    exif = Image.Exif()
    exif[0x0112] = orientation
    camera_photo(6, seed=5).save(tmp_path / "camera.jpg", quality=95, exif=exif)
    with Image.open(tmp_path / "camera.jpg") as stored:
        stored.load()
        turned = orientation in (5, 6, 7, 8)
        box = (round(stored.height / 1.18), round(stored.width / 1.18))
        prepared = prepare_photo(str(tmp_path / "camera.jpg"), box if turned else box[::-1])
        stored_size = prepared.size[::-1] if turned else prepared.size
        whole = ImageOps.exif_transpose(stored.resize(stored_size, Image.Resampling.HAMMING))
    assert prepared.size == whole.size
    largest_difference = max(high for _, high in ImageChops.difference(prepared, whole).getextrema())
    assert largest_difference <= 1  # where the filter's weights round the other way


def edge_detail(picture: Image.Image) -> float:
    return ImageStat.Stat(picture.convert("L").filter(ImageFilter.FIND_EDGES)).mean[0]


def peak_signal_to_noise_db(a: Image.Image, b: Image.Image) -> float:
    squared = sum(ImageStat.Stat(ImageChops.difference(a, b)).sum2) / (3 * a.width * a.height)
    return 10 * math.log10(255**2 / max(squared, 1e-9))


def test_file_size_cap(tmp_path, monkeypatch):
    Image.new("RGB", (300, 200)).save(tmp_path / "big.jpg")
    monkeypatch.setattr(photos, "MAX_FILE_BYTES", 100)
    with pytest.raises(PhotoError, match="larger than 0 MB"):
        inspect_photo(str(tmp_path / "big.jpg"))


def grey_profile(gamma: float) -> bytes:
    """A minimal ICC v2 grey display profile (a gamma curve to the D50 white): the kind a
    scanner or a black-and-white export embeds."""
    import struct

    def fixed(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    white = fixed(0.9642) + fixed(1.0) + fixed(0.8249)
    description = b"grey\0"
    tags = [
        (b"desc", b"desc\0\0\0\0" + struct.pack(">I", len(description)) + description + bytes(78)),
        (b"wtpt", b"XYZ \0\0\0\0" + white),
        (b"kTRC", b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"),
        (b"cprt", b"text\0\0\0\0none\0"),
    ]
    table, data = b"", b""
    start = 128 + 4 + 12 * len(tags)
    for signature, body in tags:
        data += b"\0" * (-(start + len(data)) % 4)
        table += signature + struct.pack(">II", start + len(data), len(body))
        data += body
    body = struct.pack(">I", len(tags)) + table + data
    header = struct.pack(">I", 128 + len(body)) + b"lcms" + bytes([2, 0x10, 0, 0]) + b"mntrGRAYXYZ "
    header += bytes(12) + b"acsp" + bytes(28) + white
    return header + bytes(128 - len(header)) + body


@pytest.mark.parametrize("extension", ["png", "jpg"])
def test_a_grey_photo_is_shown_through_its_own_profile(tmp_path, extension):
    path = tmp_path / f"grey.{extension}"
    Image.new("L", (64, 64), 128).save(path, icc_profile=grey_profile(1.0))
    # Linear grey 128 is sRGB 188: a picture shown without its profile stays at 128.
    assert prepare_photo(str(path)).getpixel((10, 10)) == (188, 188, 188)


def test_a_multi_picture_jpeg_takes_the_decoders_reduced_scale(tmp_path, monkeypatch):
    from PIL import JpegImagePlugin

    camera = Image.effect_noise((3000, 2000), 40).convert("RGB")
    path = tmp_path / "phone.jpg"  # a primary picture and a gain map, as phones write them
    camera.save(path, "MPO", save_all=True, append_images=[camera.resize((750, 500))], quality=85)
    asked: list[tuple] = []
    draft = JpegImagePlugin.JpegImageFile.draft
    monkeypatch.setattr(
        JpegImagePlugin.JpegImageFile,
        "draft",
        lambda self, mode, size: asked.append(size) or draft(self, mode, size),
    )
    picture = prepare_photo(str(path), (480, 480))
    assert picture.size == (480, 320) and asked == [(456, 304)]  # 5% under: the DCT scale 1/4


def test_a_png_with_megabytes_of_xmp_is_a_photo_but_a_text_bomb_is_not(tmp_path):
    import random

    from PIL import PngImagePlugin

    chance = random.Random(7)
    xmp = "".join(f"<rdf:li>{chance.getrandbits(64):x} edit {n}</rdf:li>" for n in range(60_000))
    metadata = PngImagePlugin.PngInfo()
    metadata.add_itxt("XML:com.adobe.xmp", f"<x:xmpmeta>{xmp}</x:xmpmeta>", zip=True)
    path = tmp_path / "edited.png"
    Image.new("RGB", (800, 600), "#336699").save(path, pnginfo=metadata)
    assert len(xmp) > 2 * 1024**2  # far past Pillow's own 1 MB a chunk
    assert inspect_photo(str(path)).width == 800 and prepare_photo(str(path), (400, 400)).size == (400, 300)
    bomb = tmp_path / "bomb.png"
    bomb_text = PngImagePlugin.PngInfo()
    bomb_text.add_itxt("Comment", "A" * (3 * 1024**2), zip=True)  # 3 MB from a few KB
    Image.new("RGB", (8, 8)).save(bomb, pnginfo=bomb_text)
    with pytest.raises(PhotoError):
        inspect_photo(str(bomb))
