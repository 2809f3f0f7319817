"""New portraits from the desk: the add form, a zip of folders, a dropped folder; and the
hostile uploads (zip-slip, a bomb, a link, a 101 MB photo, '..' in a name, HTML in a
field): each refused with a message, nothing written outside the collection, no half
folder ever in it."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest

from kiosk.content.collection import scan
from kiosk.desk.uploads import INCOMING
from tests.conftest import GOOD_YAML
from tests.test_desk import client, desk, root, signed_in, token  # noqa: F401 - the desk's fixtures

FORM = {
    "name": "Zoé M.",
    "profession.fr": "Libraire",
    "profession.en": "Bookseller",
    "origin.fr": "Liban",
    "origin.en": "Lebanon",
    "testimony.fr": "Je suis arrivée en 2006.\n\nDepuis, je vends des livres.",  # two paragraphs
    "testimony.en": "I arrived in 2006.\n\nSince then, I sell books.",
    "quote.fr": "« Les livres m'ont ouvert Paris. »",
    "arrived": "2006",
    "photo_credit": '© Studio: "Nord" # 2',
    "published": "true",
}


@pytest.fixture
def photo(good_photo):
    return good_photo.read_bytes()


def post_form(client, page, fields=FORM, files=None):  # noqa: F811 - the fixture's name
    return client.post("/add", data={"csrf_token": token(page.text), **fields}, files=files or [])


def send(client, page, files):  # noqa: F811
    return client.post("/upload", data={"csrf_token": token(page.text)}, files=files)


def zipped(entries: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return buffer.getvalue()


def nothing_left_behind(root) -> bool:  # noqa: F811
    incoming = root / INCOMING
    return not incoming.exists() or not any(incoming.iterdir())


def test_the_add_form_writes_a_folder_the_kiosk_reads_as_written(client, root, photo):  # noqa: F811
    page = signed_in(client)
    answer = post_form(client, page, files=[("files", ("IMG_0042.jpg", photo, "image/jpeg"))])
    assert "zoe-m is added" in answer.text
    reading = next(r for r in scan(str(root)).readings if r.id == "zoe-m")
    portrait = reading.portrait
    # The quote was given in French only: a warning, as kiosk check says it.
    assert portrait is not None and [p.field for p in reading.problems] == ["quote"]
    assert portrait.name == "Zoé M." and portrait.origin.get("en", "fr") == "Lebanon"
    assert portrait.testimony.get("fr", "fr") == FORM["testimony.fr"]
    assert portrait.photo_credit == FORM["photo_credit"] and portrait.arrived.get("fr", "fr") == "2006"
    assert 'id="portrait-zoe-m"' in answer.text and nothing_left_behind(root)


def test_a_form_without_photo_or_profession_is_refused_with_kiosk_checks_words(client, root):  # noqa: F811
    page = signed_in(client)
    fields = {key: value for key, value in FORM.items() if not key.startswith("profession")}
    answer = post_form(client, page, fields)
    assert answer.status_code == 422
    assert "zoe-m was not added" in answer.text and "&#39;profession&#39; is missing" in answer.text
    assert "photo" in answer.text
    assert not (root / "zoe-m").exists() and nothing_left_behind(root)


def test_html_in_a_field_is_kept_as_text_and_escaped_on_the_page(client, root, photo):  # noqa: F811
    page = signed_in(client)
    fields = {**FORM, "name": "<script>alert(1)</script>", "folder": "hostile"}
    answer = post_form(client, page, fields, files=[("files", ("p.jpg", photo, "image/jpeg"))])
    assert (
        "<script>alert(1)</script>" not in answer.text
        and "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text
    )
    portrait = next(r for r in scan(str(root)).readings if r.id == "hostile").portrait
    assert portrait is not None and portrait.name == "<script>alert(1)</script>"


@pytest.mark.parametrize("folder", ["../outside", "..", ".hidden", "a/b", "x" * 101])
def test_a_folder_name_that_would_leave_or_hide_is_refused(client, root, tmp_path, photo, folder):  # noqa: F811
    page = signed_in(client)
    answer = post_form(
        client, page, {**FORM, "folder": folder}, files=[("files", ("p.jpg", photo, "image/jpeg"))]
    )
    assert answer.status_code == 422 and "cannot be a folder" in answer.text
    assert not (tmp_path / "outside").exists() and nothing_left_behind(root)


def test_a_name_already_in_the_collection_is_never_overwritten(client, root, photo):  # noqa: F811
    before = (root / "samira-benali" / "portrait.yaml").read_bytes()
    page = signed_in(client)
    answer = post_form(
        client, page, {**FORM, "folder": "samira-benali"}, files=[("files", ("p.jpg", photo, "image/jpeg"))]
    )
    assert "is in the collection already" in answer.text
    assert (root / "samira-benali" / "portrait.yaml").read_bytes() == before


def test_a_zip_of_two_folders_adds_both(client, root, photo):  # noqa: F811
    page = signed_in(client)
    archive = zipped(
        {
            "lot/ana-p/portrait.yaml": GOOD_YAML.replace("Samira B.", "Ana P.").encode(),
            "lot/ana-p/photo.jpg": photo,
            "lot/ben-k/portrait.yaml": GOOD_YAML.replace("Samira B.", "Ben K.").encode(),
            "lot/ben-k/photo.jpg": photo,
            "__MACOSX/lot/._photo.jpg": b"junk",
        }
    )
    # One folder of folders is what "compress" makes of a folder: its folders are the portraits.
    answer = send(client, page, [("files", ("lot.zip", archive, "application/zip"))])
    assert answer.status_code == 200 and "ana-p is added" in answer.text and "ben-k is added" in answer.text
    ids = {r.id: r for r in scan(str(root)).readings}
    assert ids["ana-p"].portrait.name == "Ana P." and ids["ben-k"].portrait.name == "Ben K."
    assert "lot" not in ids and not (root / "__MACOSX").exists() and nothing_left_behind(root)


def test_a_zip_of_one_portraits_files_is_that_portrait(client, root, photo):  # noqa: F811
    page = signed_in(client)
    archive = zipped({"portrait.yaml": GOOD_YAML.encode(), "photo.jpg": photo})
    answer = send(client, page, [("files", ("Chloé D.zip", archive, "application/zip"))])
    assert "chloe-d is added" in answer.text
    assert (root / "chloe-d" / "photo.jpg").read_bytes() == photo


def test_a_dropped_folder_arrives_with_its_paths(client, root, photo):  # noqa: F811
    page = signed_in(client)
    answer = send(
        client,
        page,
        [
            ("files", ("dina-s/portrait.yaml", GOOD_YAML.encode(), "application/x-yaml")),
            ("files", ("dina-s/photo.jpg", photo, "image/jpeg")),
        ],
    )
    assert "dina-s is added" in answer.text and (root / "dina-s" / "portrait.yaml").is_file()


@pytest.mark.parametrize(
    "entries, links, reason",
    [
        ({"eve/portrait.yaml": GOOD_YAML.encode(), "../evil.txt": b"x"}, None, "points outside its folder"),
        ({"eve/portrait.yaml": GOOD_YAML.encode(), "/etc/evil.txt": b"x"}, None, "points outside its folder"),
        (
            {"eve/portrait.yaml": GOOD_YAML.encode()},
            {"eve/photo.jpg": "/etc/passwd"},
            "is a link or a device",
        ),
        (
            {"eve/portrait.yaml": GOOD_YAML.encode(), "eve/photo.jpg": b"\0" * (60 * 1024**2)},
            None,
            "far more than it weighs",
        ),
    ],
    ids=["zip-slip", "absolute", "symlink", "bomb"],
)
def test_a_hostile_zip_is_refused_and_writes_nothing(client, root, tmp_path, entries, links, reason):  # noqa: F811
    page = signed_in(client)
    before = sorted(p.name for p in root.iterdir())
    answer = send(client, page, [("files", ("eve.zip", zipped(entries, links), "application/zip"))])
    assert answer.status_code == 422 and reason in answer.text
    assert sorted(p.name for p in root.iterdir() if p.name != INCOMING) == [
        n for n in before if n != INCOMING
    ]
    assert not (tmp_path / "evil.txt").exists() and not (root / "eve").exists() and nothing_left_behind(root)


def test_a_photo_over_100_mb_is_refused_while_it_is_read(client, root):  # noqa: F811
    page = signed_in(client)
    huge = b"\xff\xd8\xff" + b"\0" * (101 * 1024**2)
    answer = post_form(client, page, files=[("files", ("huge.jpg", huge, "image/jpeg"))])
    assert answer.status_code == 422 and "is too large" in answer.text
    assert not (root / "zoe-m").exists() and nothing_left_behind(root)


def test_a_broken_photo_is_refused_before_it_reaches_the_kiosk(client, root):  # noqa: F811
    page = signed_in(client)
    answer = post_form(
        client, page, files=[("files", ("p.jpg", b"\xff\xd8\xff\xe0 not a jpeg", "image/jpeg"))]
    )
    assert answer.status_code == 422 and "its photo cannot be shown" in answer.text
    assert not (root / "zoe-m").exists()


def test_an_upload_without_the_pages_token_is_refused_with_403(client, root, photo):  # noqa: F811
    signed_in(client)
    answer = client.post("/add", data=FORM, files=[("files", ("p.jpg", photo, "image/jpeg"))])
    assert answer.status_code == 403 and not (root / "zoe-m").exists()
