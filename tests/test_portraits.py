"""Reading one portrait folder: what a curator writes and what they are told."""

from __future__ import annotations

import json
import os
import shutil
import unicodedata

import pytest

from kiosk.content.portraits import read_portrait_folder
from kiosk.content.text import Languages, clean_text
from tests.conftest import GOOD_YAML, shared_file

LANGS = Languages()


def read(collection, folder):
    return read_portrait_folder(str(collection.root), folder, LANGS)


def messages(reading) -> list[str]:
    return [p.as_line() for p in reading.problems]


def test_good_folder_gives_a_portrait_in_both_languages(collection):
    collection("samira")
    reading = read(collection, "samira")
    assert reading.problems == ()
    portrait = reading.portrait
    assert portrait.name == "Samira B."
    assert portrait.profession.get("en", "fr") == "Chef"
    assert portrait.profession.get("fr", "fr") == "Cheffe cuisinière"
    assert portrait.origin.get("de", "fr") == "Algérie"  # falls back to the default
    assert portrait.photo_size == (1200, 1500)
    assert portrait.published


def test_missing_field_names_folder_file_and_what_to_do(collection):
    collection("samira-benali", GOOD_YAML.replace("origin:\n  fr: Algérie\n  en: Algeria\n", ""))
    reading = read(collection, "samira-benali")
    assert reading.portrait is None
    assert messages(reading) == [
        "samira-benali/portrait.yaml: 'origin' is missing: add the country or region the person comes from"
    ]


def test_yaml_oddities_stay_text(collection):
    collection("ola", "name: Ola\nprofession: Chef\norigin: NO\ntestimony: x\narrived: 012\n")
    portrait = read(collection, "ola").portrait
    assert portrait.origin.get("fr", "fr") == "NO"
    assert portrait.arrived.get("en", "fr") == "012"


def test_unknown_key_is_a_warning_with_a_suggestion(collection):
    collection("a", GOOD_YAML + "qoute: hello\n")
    reading = read(collection, "a")
    assert reading.portrait is not None
    (problem,) = reading.problems
    assert problem.severity.value == "warning"
    assert problem.line == 11 and problem.field == "qoute"
    assert "did you mean 'quote'?" in problem.message


def test_missing_translation_is_a_warning_that_says_what_visitors_see(collection):
    collection("a", GOOD_YAML + "quote:\n  fr: « Bonjour »\n")
    (problem,) = read(collection, "a").problems
    assert "has no text in en" in problem.message and "'fr' text" in problem.message


def test_text_is_cleaned_to_nfc_without_control_characters(collection):
    collection("a", GOOD_YAML.replace("Samira B.", '"Rene\\u0301e\\a  \\u200b B."'))
    name = read(collection, "a").portrait.name
    assert name == "Renée \u200b B."  # zero-width space is a format character, kept
    assert "\u0007" not in name


def test_long_field_is_cut_with_a_warning_naming_the_limit(collection):
    collection("a", GOOD_YAML.replace("Quand je suis arrivée...", "mot " * 3000))
    reading = read(collection, "a")
    assert len(reading.portrait.testimony.get("fr", "fr")) <= 6000
    assert any("at most 6,000" in m for m in messages(reading))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (GOOD_YAML.replace("Samira", "Ren\xe9").encode("latin-1"), "save it again as UTF-8"),
        (GOOD_YAML.encode("utf-16"), "UTF-16"),
        (b"", "the file is empty"),
        (b"- a\n- b\n", "must hold fields"),
        (b"name: " + b"x" * 300_000, "larger than 256 KB"),
    ],
)
def test_unreadable_yaml_says_what_to_do(collection, data, words):
    collection("a", data)
    reading = read(collection, "a")
    assert reading.portrait is None
    assert any(words in m and m.startswith("a/portrait.yaml") for m in messages(reading))


def test_raw_control_characters_are_removed_with_a_warning(collection):
    collection("a", GOOD_YAML.replace("Samira B.", "Sam\x0bira\x07 B.\ufffe"))
    reading = read(collection, "a")
    assert reading.portrait.name == "Samira B."
    assert "3 invisible control character(s)" in reading.problems[0].message


def test_bom_and_crlf_are_fine(collection):
    collection("a", b"\xef\xbb\xbf" + GOOD_YAML.replace("\n", "\r\n").encode())
    assert read(collection, "a").portrait.name == "Samira B."


def test_missing_yaml_and_misnamed_yaml(collection):
    collection("none", None)
    collection("yml", None)
    (collection.root / "yml" / "portrait.yml").write_text(GOOD_YAML)
    assert "create it with 'kiosk new'" in messages(read(collection, "none"))[0]
    assert "rename it portrait.yaml" in messages(read(collection, "yml"))[0]


def test_photo_is_the_single_image_and_debris_is_ignored(collection, good_photo):
    folder = collection("a", photo="Portrait.JPEG")
    (folder / "._Portrait.JPEG").write_bytes(b"\x00\x05\x16\x07 resource fork")
    (folder / ".DS_Store").write_bytes(b"junk")
    (folder / "Thumbs.db").write_bytes(b"junk")
    (folder / "Icon\r").write_bytes(b"")
    assert read(collection, "a").portrait.photo == str(folder / "Portrait.JPEG")


def test_two_photos_need_a_photo_field(collection, good_photo):
    folder = collection("a")
    shutil.copy(good_photo, folder / "other.png")
    assert "holds 2 photos" in messages(read(collection, "a"))[0]
    (folder / "portrait.yaml").write_text(GOOD_YAML + "photo: photo.jpg\n")
    assert read(collection, "a").portrait.photo.endswith("photo.jpg")


@pytest.mark.parametrize("named", ["../b/photo.jpg", "/etc/passwd", "..", "sub/photo.jpg", ".hidden.jpg"])
def test_photo_outside_the_folder_is_refused(collection, named):
    collection("a", GOOD_YAML + f"photo: '{named}'\n")
    assert "write only the name of a file in this folder" in messages(read(collection, "a"))[0]


def test_named_photo_that_does_not_exist(collection):
    collection("a", GOOD_YAML + "photo: foto.jpg\n")
    (problem,) = read(collection, "a").problems
    assert problem.field == "photo"
    assert "no such file (the folder has: photo.jpg)" in problem.message


def test_symlink_leaving_the_folder_is_refused_inside_is_fine(collection, good_photo):
    outside = collection("out", photo=None)
    collection("inside", photo="real.jpg")
    os.symlink("real.jpg", collection.root / "inside" / "photo.jpg")
    (collection.root / "inside" / "portrait.yaml").write_text(GOOD_YAML + "photo: photo.jpg\n")
    os.symlink(good_photo, outside / "photo.jpg")
    assert "link to a file outside the folder" in messages(read(collection, "out"))[0]
    assert read(collection, "inside").portrait is not None


def test_fifo_and_folder_named_like_a_photo_are_refused_without_hanging(collection):
    fifo = collection("fifo", photo=None)
    os.mkfifo(fifo / "photo.jpg")
    folder = collection("dir", photo=None)
    (folder / "photo.jpg").mkdir()
    (folder / "photo.jpg" / "x").write_text("x")
    assert "a pipe (FIFO), not a file" in messages(read(collection, "fifo"))[0]
    assert messages(read(collection, "dir")) == [
        "dir/photo.jpg: this is a folder, not a file: replace it with a real file"
    ]


def test_heic_gets_an_export_message(collection):
    folder = collection("a", photo=None)
    shutil.copy(shared_file("Pillow", "Tests", "images", "avif", "hopper.heif"), folder / "IMG_0042.HEIC")
    assert messages(read(collection, "a")) == [
        "a/IMG_0042.HEIC: the kiosk cannot show HEIC (iPhone) pictures: export this one as JPEG"
    ]


def test_truncated_photo_is_broken(collection):
    folder = collection("a", photo=None)
    shutil.copy(shared_file("Pillow", "Tests", "images", "truncated_jpeg.jpg"), folder / "photo.jpg")
    assert "cannot be decoded" in messages(read(collection, "a"))[0]


def test_draft_is_hidden(collection):
    collection("b", GOOD_YAML + "published: False\n")
    draft = read(collection, "b")
    assert draft.is_draft and draft.problems == ()


def test_draft_problems_are_downgraded(collection):
    collection("a", "name: A\npublished: false\n")
    collection("b", GOOD_YAML + "published: maybe\n")
    draft = read(collection, "a")
    assert draft.is_draft and not draft.is_broken
    assert len(draft.problems) == 3  # profession, origin, testimony
    assert all(p.severity.value == "warning" for p in draft.problems)
    assert "write true (shown) or false" in messages(read(collection, "b"))[0]


def test_non_utf8_folder_name_is_reported(collection, good_photo):
    raw = os.path.join(os.fsencode(collection.root), b"caf\xe9")
    os.mkdir(raw)
    name = os.fsdecode(b"caf\xe9")
    reading = read(collection, name)
    assert reading.portrait is None
    assert "not valid text (UTF-8)" in reading.problems[0].message


def test_naughty_strings_survive_as_plain_text(collection):
    strings = json.loads(shared_file("big-list-of-naughty-strings", "blns.json").read_text())
    for index, text in enumerate(strings):
        folder = f"s{index}"
        yaml_text = GOOD_YAML.replace("name: Samira B.", f"name: {json.dumps(text, ensure_ascii=False)}")
        collection(folder, yaml_text)
        reading = read(collection, folder)
        if not clean_text(text, multiline=False):
            assert reading.portrait is None
            assert any("'name' is empty" in p.message for p in reading.problems)
            continue
        name = reading.portrait.name
        assert not any(unicodedata.category(c) == "Cc" for c in name), text
        assert unicodedata.is_normalized("NFC", name)
        if (
            len(text) <= 80
            and text == " ".join(text.split())
            and all(unicodedata.category(c) != "Cc" for c in text)
        ):
            assert name == unicodedata.normalize("NFC", text)  # HTML, RTL, emoji: kept as typed


def test_invisible_characters_in_keys_are_named_with_where_they_are(collection):
    yaml_text = GOOD_YAML.replace("origin:", "origin\u00a0:").replace("name:", "\u200bname:")
    collection("a", yaml_text)
    reading = read(collection, "a")
    assert reading.portrait is not None and reading.portrait.origin.get("en", "fr") == "Algeria"
    assert messages(reading) == [
        "a/portrait.yaml:1: warning: the key 'name' has an invisible character before it, "
        "ZERO WIDTH SPACE (U+200B): retype the key (the kiosk reads it as 'name')",
        "a/portrait.yaml:5: warning: the key 'origin' has an invisible character after it, "
        "NO-BREAK SPACE (U+00A0): retype the key (the kiosk reads it as 'origin')",
    ]


def test_a_value_with_invisible_characters_is_kept_with_a_warning(collection):
    collection("a", GOOD_YAML.replace("en: Algeria", "en: Alge\u00adria\u200b"))
    (problem,) = read(collection, "a").problems
    assert problem.field == "origin" and problem.line == 7
    assert "SOFT HYPHEN (U+00AD), ZERO WIDTH SPACE (U+200B)" in problem.message


def test_a_photo_name_keeps_its_spaces(collection, good_photo):
    folder = collection("a", GOOD_YAML + 'photo: "mon  portrait.jpg"\n', photo="mon  portrait.jpg")
    shutil.copy(good_photo, folder / "mon portrait.jpg")  # the same name with one space
    portrait = read(collection, "a").portrait
    assert os.path.basename(portrait.photo) == "mon  portrait.jpg"


def test_a_subfolder_named_like_a_picture_is_not_a_second_photo(collection):
    folder = collection("a")
    (folder / "originals.jpg").mkdir()
    reading = read(collection, "a")
    assert reading.problems == () and os.path.basename(reading.portrait.photo) == "photo.jpg"


def test_a_photo_replaced_with_the_same_size_and_time_is_a_new_photo(collection):
    from kiosk.content.photocache import photo_identity

    folder = collection("a")
    before = read(collection, "a").portrait
    info = os.stat(folder / "photo.jpg")
    # Another file of the same size, given the same time, put in its place (as `cp -p`
    # or `rsync -t` leave it): only its inode and change time tell it apart.
    shutil.copy(folder / "photo.jpg", folder / "photo.new")
    os.utime(folder / "photo.new", ns=(info.st_atime_ns, info.st_mtime_ns))
    os.replace(folder / "photo.new", folder / "photo.jpg")
    after = read(collection, "a").portrait
    assert after.photo_stamp[:2] == before.photo_stamp[:2]
    assert photo_identity(after) != photo_identity(before)


def test_a_folder_the_kiosk_cannot_list_gets_one_line_that_says_so(tmp_path):
    """As root, file modes are no obstacle: the check runs in a child that drops its
    privileges once Python has loaded what it needs."""
    import stat
    import subprocess
    import sys
    import tempfile

    if os.geteuid() != 0:
        pytest.skip("dropping privileges needs root (a normal user meets the modes as they are)")
    from tests.conftest import REPO

    base = tempfile.mkdtemp(prefix="kiosk-modes-")
    try:
        os.chmod(base, 0o755)
        root = os.path.join(base, "portraits")
        for name, mode in (("locked", 0o000), ("passage", 0o711)):
            os.makedirs(os.path.join(root, name))
            shutil.copy(REPO / "portraits" / "samira-benali" / "portrait.yaml", os.path.join(root, name))
            shutil.copy(REPO / "portraits" / "samira-benali" / "photo.jpg", os.path.join(root, name))
            os.chmod(os.path.join(root, name), mode)
        os.chmod(root, stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
        code = (
            "import os, sys\n"
            "from kiosk import cli\n"
            f"cli.main(['check', {str(REPO / 'portraits')!r}])  # load every module first\n"
            "os.setgroups([]); os.setgid(65534); os.setuid(65534)\n"
            f"sys.exit(cli.main(['check', '--lang', 'en', {root!r}]))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
        )
        lines = result.stdout.splitlines()[-3:]
        assert lines[0].startswith(
            "locked: the folder cannot be read (Permission denied): check its permissions"
        )
        assert lines[1].startswith("passage: the folder cannot be read (Permission denied)")
        assert lines[2] == "0 portraits ready, 0 hidden, 2 broken, 0 warnings"
    finally:
        for name in ("locked", "passage"):
            path = os.path.join(base, "portraits", name)
            if os.path.exists(path):
                os.chmod(path, 0o755)
        shutil.rmtree(base)
