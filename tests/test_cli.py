"""The curator's commands, run as a curator runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOOD_YAML, REPO, SAMPLES
from tests.voices import sink_is_there


def kiosk(*args: str, cwd=None, timeout: int = 60, env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env=env,
    )


def test_check_on_broken_folders_prints_one_line_per_problem_and_exits_1(collection):
    collection("good")
    collection("samira-benali", GOOD_YAML.replace("origin:\n  fr: Algérie\n  en: Algeria\n", ""))
    collection("no-photo", photo=None)
    collection("draft", GOOD_YAML + "published: false\nqoute: x\n")
    result = kiosk("check", "--lang", "en", str(collection.root))
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "draft/portrait.yaml:12: warning: 'qoute' is not a field the kiosk knows, so it is ignored: "
        "did you mean 'quote'?",
        "no-photo: there is no photo: add one .jpg, .jpeg, .png or .webp file to the folder",
        "samira-benali/portrait.yaml: 'origin' is missing: add the country or region the person comes from",
        "1 portrait ready, 1 hidden, 2 broken, 1 warning",
    ]


def test_check_json_for_scripts(collection):
    collection("good")
    collection("bad", "name: A\n")
    result = kiosk("check", "--json", str(collection.root))
    data = json.loads(result.stdout)
    assert result.returncode == 1
    assert data["root"] == str(collection.root)
    assert data["portraits"] == [
        {
            "id": "good",
            "name": "Samira B.",
            "profession": "Cheffe cuisinière",
            "origin": "Algérie",
            "photo": "good/photo.jpg",
            "link": None,
            "home": "Algérie",  # no home: the origin's country stands for it, at its capital
            "km_from_home": pytest.approx(1349.65, abs=0.01),
        }
    ]
    assert data["hidden"] == []
    first = data["problems"][0]
    assert set(first) == {"folder", "file", "field", "line", "severity", "message"}
    assert first["folder"] == "bad" and first["severity"] == "error"


def test_check_says_which_settings_belong_to_this_kiosk_and_reads_its_own_file(collection, tmp_path):
    collection("good")
    (collection.root / "kiosk.yaml").write_text("idle_seconds: 60\nmount_height_mm: 900\n", encoding="utf-8")
    own = tmp_path / "settings.yaml"
    own.write_text("viewing_distance_mm: near\n", encoding="utf-8")
    result = kiosk("check", "--lang", "en", "--settings", str(own), str(collection.root))
    lines = result.stdout.splitlines()
    moved = [line for line in lines if "'mount_height_mm' describes this kiosk" in line]
    assert moved and moved[0].startswith("kiosk.yaml:2: warning:") and str(own) in moved[0]
    assert any(line.startswith(f"{own}:1: 'viewing_distance_mm' must be a number") for line in lines)


def test_check_exits_2_when_the_folder_cannot_be_read(tmp_path):
    result = kiosk("check", "--lang", "en", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_samples_are_all_ready(tmp_path):
    result = kiosk("check", "--json", str(SAMPLES))
    data = json.loads(result.stdout)
    assert result.returncode == 0, result.stdout
    assert len(data["portraits"]) >= 8 and data["problems"] == []
    assert [h["id"] for h in data["hidden"]] == ["nadia-khoury"]
    origins = [p["origin"] for p in data["portraits"]]
    professions = [p["profession"] for p in data["portraits"]]
    assert max(origins.count(o) for o in origins) >= 2
    assert max(professions.count(p) for p in professions) >= 2


def test_check_without_a_folder_uses_the_samples(tmp_path):
    result = kiosk("check", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0
    assert "8 portraits ready, 1 hidden, 0 broken, 0 warnings" in result.stdout


def test_new_creates_a_template_that_check_calls_incomplete(collection):
    target = collection.root / "samira-b"
    result = kiosk("new", str(target), env={"LANG": "en_GB.UTF-8"})
    assert result.returncode == 0 and "created" in result.stdout
    assert (target / "portrait.yaml").is_file()
    check = kiosk("check", "--lang", "en", str(collection.root))
    assert check.returncode == 1
    lines = check.stdout.splitlines()
    assert (
        "samira-b/portrait.yaml:11: 'name' is empty: write the person's name as it should appear, e.g. 'Samira B.'"
        in lines
    )
    assert any("'origin' is empty" in line for line in lines)
    assert "samira-b: there is no photo: add one .jpg, .jpeg, .png or .webp file to the folder" in lines
    again = kiosk("new", str(target))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_check_reports_kiosk_yaml_problems(collection):
    collection("good")
    (collection.root / "kiosk.yaml").write_text("idle_seconds: soon\n")
    result = kiosk("check", "--lang", "en", str(collection.root))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "kiosk.yaml:1: 'idle_seconds' must be a number from 10 to 3600, not 'soon'; the default is used"
    )


def test_snapshot_writes_one_png_per_portrait_at_the_size_asked(tmp_path):
    from PIL import Image

    out = tmp_path / "proofs"
    env_cache = {"KIOSK_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "snapshot",
            str(SAMPLES),
            "--out",
            str(out),
            "--size",
            "1080x1920",
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "PYTHONPATH": str(REPO), **env_cache},
    )
    assert result.returncode == 0, result.stderr
    pages = sorted(out.glob("0*.png"))
    listening = [p.name for p in pages if p.stem.endswith("-listening")]
    assert [p.name for p in pages if p.name not in listening][:2] == [
        "001-amadou-diallo.png",
        "002-karim-haddad.png",
    ]
    assert len(pages) == 8 + 3
    # The three samples with a voice, five seconds in, their caption showing.
    assert listening == [
        "002-karim-haddad-listening.png",
        "003-lucia-ramirez-listening.png",
        "005-samira-benali-listening.png",
    ]
    for page in pages:
        with Image.open(page) as image:
            assert image.size == (1080, 1920)
    for extra in (
        "contact-sheet.png",
        "empty.png",
        "panel-origin.png",
        "panel-overview.png",
        "panel-map.png",
        "photo-full-screen.png",
        "still-there.png",
    ):
        assert (out / extra).is_file()
    assert result.stderr == ""  # no traceback, no Qt or QML warning


def test_bench_reports_every_figure(tmp_path):
    """The benchmark runs end to end on a tiny collection (its numbers are not judged here)."""
    result = kiosk(
        *("bench", "--portraits", "6", "--megapixels", "1", "--transitions", "5"),
        *("--reloads", "2", "--voice-runs", "2", "--screen", "640x480", "--cores", "1", "--json"),
        timeout=400,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["cores"] == 1  # pinned, as a one-core machine; its helpers inherit it
    for name in (
        "prepare_ms",
        "naive_ms",
        "floor_ms",
        "prepare_box_ms",
        "floor_box_ms",
        "cached_ms",
        "scan_ms",
        "rescan_ms",
        "full_rescan_ms",
        "reload_ms",
        "swipe_ms",
        "swipe_floor_ms",
        "swipe_burst_ms",
        "first_portrait_ms",
    ):
        assert set(figures[name]) == {"p50", "p95"}, name
    for name in ("gui_stall_ms", "rss_mb", "rss_growth_pct"):
        assert isinstance(figures[name], float), name
    assert figures["portraits_ready"] == 6 and figures["transitions"] == 5
    assert figures["reload_additions"] == 2
    if Path("/proc/stat").is_file():  # Linux says how much CPU time its host took
        assert 0.0 <= figures["steal_pct"] <= 100.0
    assert figures["rest_slowdown_x"] > 0.0
    if sink_is_there():
        assert figures["voice_sound"] == "timed on the device's monitor"
        for name in ("voice_start_ms", "voice_floor_ms"):
            assert set(figures[name]) == {"p50", "p95"}, name
        for name in ("voice_cpu_pct", "idle_cpu_pct"):
            assert isinstance(figures[name], float), name
    else:
        assert figures["voice_sound"].startswith("none: ")


def test_bench_on_more_cores_than_the_machine_has_says_so():
    cores = len(os.sched_getaffinity(0))
    result = kiosk("bench", "--cores", str(cores + 1), timeout=60, env={"LANG": "en_GB.UTF-8"})
    assert result.returncode == 2
    assert (
        result.stderr == f"kiosk bench: --cores {cores + 1}: this machine lets the kiosk use {cores} cores\n"
    )
    french = kiosk("bench", "--cores", str(cores + 1), timeout=60, env={"LANG": "fr_FR.UTF-8"})
    assert french.stderr.startswith(f"kiosk bench: --cores {cores + 1} :")


def test_soak_reports_growth_and_warnings(tmp_path):
    result = kiosk("soak", "0.15", "--portraits", "12", "--json", timeout=300)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    for name in ("rss_growth_pct", "fd_growth", "thread_growth", "qml_item_growth"):
        assert isinstance(figures[name], float), name
    assert figures["transitions"] > 0 and figures["warnings"] == 0, figures["first_warnings"]
    assert len(figures["samples"]) >= 5
    assert {"seconds", "transitions", "rss_mb", "fds", "threads", "qml_items"} <= set(figures["samples"][0])


def test_control_characters_in_folder_names_reach_neither_the_terminal_nor_the_log_raw(collection):
    import logging

    from kiosk.logs import LineFormatter

    collection("forged\nkiosk check: all good\x1b[2J", photo=None)
    result = kiosk("check", "--lang", "en", str(collection.root))
    assert "\x1b" not in result.stdout and "\nkiosk check: all good" not in result.stdout
    assert result.stdout.splitlines()[0].startswith(
        "forged\\nkiosk check: all good\\x1b[2J: there is no photo"
    )
    record = logging.LogRecord("kiosk", logging.INFO, __file__, 1, "added %s", ("forged\nline",), None)
    assert LineFormatter("%(message)s").format(record) == "added forged\\nline"


def test_one_folder_with_thousands_of_problems_gets_twenty_lines_and_a_count(collection):
    flood = "".join(f"unknown_{number}: x\n" for number in range(2000))
    collection("flood", GOOD_YAML + flood)
    collection("other", GOOD_YAML + "qoute: x\n")
    lines = kiosk("check", "--lang", "en", str(collection.root)).stdout.splitlines()
    flooded = [line for line in lines if line.startswith("flood")]
    assert len(flooded) == 21 and flooded[-1] == "flood: and 1 980 more like this"
    assert any(line.startswith("other/portrait.yaml:11: warning: 'qoute'") for line in lines)
    report = json.loads(kiosk("check", "--json", str(collection.root)).stdout)
    assert sum(p["folder"] == "flood" for p in report["problems"]) == 2000  # --json lists them all


def test_look_alike_origins_make_one_chip_and_check_json_lists_the_chips(collection):
    for folder, origin in (
        ("a", "Algérie"),
        ("b", "Algé\u00adrie"),  # a soft hyphen, from a layout program
        ("c", "Algérie\u200b"),  # a zero-width space
        ("d", "Côte d'Ivoire"),
        ("e", "Côte d\u2019Ivoire"),  # a word processor's apostrophe
    ):
        collection(folder, GOOD_YAML.replace("fr: Algérie", f"fr: {origin}").replace("en: Algeria", "en: X"))
    report = json.loads(kiosk("check", "--json", "--lang", "fr", str(collection.root)).stdout)
    assert report["facets"]["origin"] == [
        {"label": "Algérie", "count": 3},
        {"label": "Côte d'Ivoire", "count": 2},
    ]
    assert report["facets"]["profession"] == [{"label": "Cheffe cuisinière", "count": 5}]
    warned = {p["folder"] for p in report["problems"] if "invisible characters" in p["message"]}
    assert warned == {"b", "c"}
    lines = kiosk("check", "--lang", "en", str(collection.root)).stdout
    assert "b/portrait.yaml:6: warning: 'origin' holds invisible characters (SOFT HYPHEN (U+00AD))" in lines


def test_the_labels_language_is_lang_then_the_environment_then_the_default(collection):
    from kiosk.check import language_for_messages

    assert language_for_messages("en", ("fr", "en"), {"LANG": "fr_FR.UTF-8"}) == "en"
    assert language_for_messages(None, ("fr", "en"), {"LANG": "en_GB.UTF-8"}) == "en"
    assert language_for_messages(None, ("fr", "en"), {"LANG": "de_DE.UTF-8"}) == "fr"
    assert language_for_messages(None, ("fr", "en"), {"LANG": "C"}) == "fr"
    collection("a")
    english = kiosk("check", "--json", str(collection.root), env={"LANG": "en_US.UTF-8"})
    assert json.loads(english.stdout)["facets"]["profession"] == [{"label": "Chef", "count": 1}]
    refused = kiosk("check", "--lang", "de", str(collection.root), env={"LANG": "en_US.UTF-8"})
    assert refused.returncode == 2 and "the kiosk offers fr, en" in refused.stderr


def test_snapshot_draws_any_folder_name_and_says_which_portraits_it_could_not_draw(collection, tmp_path):
    long_name = "é" * 125  # 250 bytes: with its number and .png, too long for a file name
    collection(long_name)
    collection("line\rbreak")
    broken = collection("broken")
    data = (broken / "photo.jpg").read_bytes()
    (broken / "photo.jpg").write_bytes(data[: len(data) // 2])  # a half-copied photo
    out = tmp_path / "proofs"
    result = kiosk(
        "snapshot",
        str(collection.root),
        "--out",
        str(out),
        "--size",
        "800x600",
        timeout=180,
        env={"KIOSK_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert result.returncode == 1
    assert "kiosk snapshot: 1 portrait(s) could not be drawn: broken" in result.stderr
    assert "Traceback" not in result.stderr
    pages = sorted(p.name for p in out.glob("0*.png"))
    assert pages[0] == "001-line_break.png"
    assert pages[1].startswith("002-éé") and len(pages[1].encode()) <= 110
    assert (out / "contact-sheet.png").is_file()


def test_check_says_every_problem_in_french_or_english_by_lang_then_the_collections_default(collection):
    collection("no-photo", photo=None)
    collection("draft", GOOD_YAML + "published: false\nqoute: x\n")
    french = [
        "draft/portrait.yaml:12: attention : 'qoute' n'est pas un champ que la borne connaît, il est donc "
        "ignoré : vouliez-vous écrire 'quote' ?",
        "no-photo: il n'y a pas de photo : ajoutez au dossier un fichier .jpg, .jpeg, .png ou .webp",
        "0 portrait prêt, 1 masqué(s), 1 en erreur, 1 avertissement",
    ]
    english = [
        "draft/portrait.yaml:12: warning: 'qoute' is not a field the kiosk knows, so it is ignored: "
        "did you mean 'quote'?",
        "no-photo: there is no photo: add one .jpg, .jpeg, .png or .webp file to the folder",
        "0 portraits ready, 1 hidden, 1 broken, 1 warning",
    ]
    root = str(collection.root)
    assert kiosk("check", "--lang", "fr", root, env={"LANG": "en_GB.UTF-8"}).stdout.splitlines() == french
    assert kiosk("check", "--lang", "en", root, env={"LANG": "fr_FR.UTF-8"}).stdout.splitlines() == english
    assert kiosk("check", root, env={"LANG": "en_GB.UTF-8"}).stdout.splitlines() == english
    assert kiosk("check", root, env={"LANG": "C.UTF-8"}).stdout.splitlines() == french  # the default: fr
    (collection.root / "kiosk.yaml").write_text("languages: [en, fr]\n", encoding="utf-8")
    assert kiosk("check", root, env={"LANG": "C.UTF-8"}).stdout.splitlines() == english
    # Scripts read the JSON: its messages stay the English the code writes, whatever the language.
    report = json.loads(kiosk("check", "--json", "--lang", "fr", root).stdout)
    assert "there is no photo: add one .jpg, .jpeg, .png or .webp file to the folder" in [
        problem["message"] for problem in report["problems"]
    ]
