"""`kiosk audit`, run as a technician runs it before opening day: the real screen drawn
and measured for the three screens the exhibition uses, on the samples and on a hostile
collection; and a screen hung too high fails, naming the controls out of reach."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import SAMPLES
from tests.test_cli import kiosk

# (pixels, the picture in mm, floor to its lower edge in mm): a 55-inch landscape, a
# 43-inch portrait, a 27-inch 4K landscape.
SCREENS = {
    "55-inch landscape at 900 mm": ("1920x1080", "1210x680", "900"),
    "43-inch portrait at 700 mm": ("1080x1920", "535x952", "700"),
    "27-inch 4K landscape at 1000 mm": ("3840x2160", "598x336", "1000"),
}
KINDS = {"reach", "target", "spacing", "text", "contrast", "timing"}

LONG_NAME = "Marie-Christine Anne-Sophie Véronique de La Tour-Saint-Jacques du Marais-Vil"  # 80: the most
LONG_PROFESSION = (
    "Professeure de danse contemporaine, chorégraphe et médiatrice culturelle en milieu scolaire"
)
RTL_NAME = "نادية الخوري بنت عبد الرحمن"
COMBINING = "Z\u0337\u0322a\u0338l\u0334g\u0335o\u0336 Ḁ\u0301\u0302\u0303"


def audit(root, screen: tuple[str, str, str], *extra: str):
    size, millimetres, mount = screen
    result = kiosk(
        "audit",
        str(root),
        "--size",
        size,
        "--screen-mm",
        millimetres,
        "--mount-mm",
        mount,
        "--distance-mm",
        "1000",
        "--json",
        *extra,
        timeout=600,
    )
    assert result.stdout, result.stderr
    return result, json.loads(result.stdout)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The samples, with what curators really type: names that do not fit, right-to-left
    script, stacked accents, a testimony of fourteen long paragraphs, a profession that fills a
    line, and thirty origins, so that the filter panel overflows its sheet."""
    root = tmp_path_factory.mktemp("hostile") / "portraits"
    shutil.copytree(SAMPLES, root)
    for voice in root.glob("*/voice*"):
        voice.unlink()  # this is about text; the samples' own voices are audited there
    paragraph = "Je suis arrivée un matin de février, avec une valise et une adresse sur un papier. " * 4
    texts = {
        "amadou-diallo": ("name: Amadou D.", f"name: {json.dumps(LONG_NAME)}"),
        "karim-haddad": ("name: Karim H.", f"name: {json.dumps(RTL_NAME, ensure_ascii=False)}"),
        "lucia-ramirez": ("name: Lucía R.", f"name: {json.dumps(COMBINING, ensure_ascii=False)}"),
    }
    for folder, (old, new) in texts.items():
        path = root / folder / "portrait.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text, folder
        path.write_text(text.replace(old, new), encoding="utf-8")
    long_one = root / "maria-dos-santos" / "portrait.yaml"
    text = long_one.read_text(encoding="utf-8")
    long_testimony = "\n\n    ".join([paragraph] * 14)  # under the 6,000 characters shown
    head = text.split("testimony:")[0].replace(
        "fr: Agente d'entretien", f"fr: {json.dumps(LONG_PROFESSION, ensure_ascii=False)}"
    )
    long_one.write_text(
        head + f"testimony:\n  fr: |\n    {long_testimony}\n  en: |\n    {long_testimony}\n", encoding="utf-8"
    )
    template = (root / "sokha-chan" / "portrait.yaml").read_text(encoding="utf-8")
    for number in range(30):
        folder = root / f"origin-{number:02d}"
        folder.mkdir()
        shutil.copy(root / "sokha-chan" / "photo.jpg", folder / "photo.jpg")
        yaml_text = template.replace("Cambodge", f"Pays lointain numéro {number}").replace(
            "Cambodia", f"Faraway country number {number}"
        )
        (folder / "portrait.yaml").write_text(yaml_text, encoding="utf-8")
    check = kiosk("check", str(root), "--json")
    assert check.returncode == 0, check.stdout  # hostile, and still valid content
    return root


def failures(report) -> list[str]:
    return [
        f"{c['kind']} {c['item']}: {c['measured']} (limit {c['limit']})"
        for c in report["checks"]
        if not c["pass"]
    ]


@pytest.mark.parametrize("screen", SCREENS.values(), ids=SCREENS.keys())
def test_the_samples_pass_on_each_screen_of_the_exhibition(screen):
    result, report = audit(SAMPLES, screen)
    assert result.returncode == 0, failures(report)[:20]
    assert report["failed"] == 0 and report["passed"] == len(report["checks"])
    assert {check["kind"] for check in report["checks"]} == KINDS
    controls = {check["item"].split(" (")[0] for check in report["checks"] if check["kind"] == "reach"}
    for control in (
        "originButton",
        "overviewButton",
        "language_en",
        "largeTextButton",
        "contrastButton",
        "nextButton",
        "listenButton",
        "continueButton",
        "closePanel",
        "chip_all",
    ):
        assert any(name.endswith(control) for name in controls), control
    views = " ".join(check["item"] for check in report["checks"])
    for view in ("larger text", "high contrast", "overview panel", "still there", "listening samira-benali"):
        assert view in views


@pytest.mark.parametrize("screen", SCREENS.values(), ids=SCREENS.keys())
def test_a_hostile_collection_passes_on_each_screen(hostile, screen):
    result, report = audit(hostile, screen)
    assert result.returncode == 0, failures(report)[:20]
    items = " ".join(check["item"] for check in report["checks"])
    assert "chipButtonsDown" in items  # thirty origins: the sheet scrolls, with buttons


def test_a_portrait_screen_hung_at_1300_mm_fails_naming_what_is_out_of_reach():
    size, millimetres, _ = SCREENS["43-inch portrait at 700 mm"]
    result, report = audit(SAMPLES, (size, millimetres, "1300"))
    assert result.returncode == 1
    out_of_reach = [check for check in report["checks"] if not check["pass"]]
    assert out_of_reach and {check["kind"] for check in out_of_reach} == {"reach"}
    named = {check["item"].split(" (")[0].rsplit("/", 1)[-1] for check in out_of_reach}
    assert {"originButton", "nextButton", "continueButton"} <= named
    assert all(check["measured"] > 1220 for check in out_of_reach)


def test_the_lines_say_what_where_the_measure_the_limit_and_the_clause(tmp_path):
    size, millimetres, _ = SCREENS["43-inch portrait at 700 mm"]
    result = kiosk(
        "audit", str(SAMPLES), "--size", size, "--screen-mm", millimetres, "--mount-mm", "1300", timeout=600
    )
    lines = result.stdout.splitlines()
    failing = next(line for line in lines if line.startswith("FAIL") and "originButton" in line)
    assert "reach" in failing and "mm from the floor" in failing and "380-1220 mm" in failing
    assert "ADA 2010 §308" in failing
    assert lines[-1].startswith("kiosk audit: ") and "checks fail (reach)" in lines[-1]
