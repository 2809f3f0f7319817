"""kiosk.yaml: read as strictly as a portrait, never stopping the kiosk."""

from __future__ import annotations

from kiosk.settings import Settings, load_settings, with_overrides


def write(tmp_path, text: str):
    path = tmp_path / "kiosk.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_no_file_means_defaults(tmp_path):
    settings, problems = load_settings(str(tmp_path / "kiosk.yaml"))
    assert settings == Settings() and problems == []
    assert settings.idle_seconds == 90 and settings.default_language == "fr"


def test_values_are_read(tmp_path):
    path = write(
        tmp_path,
        "title:\n  fr: Portraits\n  en: Portraits EN\nlanguages: [en, fr]\n"
        "autoplay_seconds: 20\nidle_seconds: '120'\ntransition_ms: 600\nscreen: 1\n",
    )
    settings, problems = load_settings(path)
    assert problems == []
    assert settings.languages.offered == ("en", "fr") and settings.default_language == "en"
    assert settings.autoplay_seconds == 20 and settings.idle_seconds == 120
    assert settings.transition_ms == 600 and settings.screen == 1
    assert settings.title.get("en", "en") == "Portraits EN"


def test_wrong_values_keep_the_default_and_say_where(tmp_path):
    path = write(tmp_path, "idle_seconds: soon\nautoplay_seconds: 1\nlanguages: [french]\nidle_secs: 3\n")
    settings, problems = load_settings(path)
    assert settings == Settings()
    lines = [p.as_line() for p in problems]
    assert (
        lines[0]
        == "kiosk.yaml:1: 'idle_seconds' must be a number from 10 to 3600, not 'soon'; the default is used"
    )
    assert lines[1].startswith("kiosk.yaml:2: 'autoplay_seconds' must be a number from 3 to 600")
    assert lines[2].startswith("kiosk.yaml:3: 'languages' must list language codes")
    assert lines[3].startswith("kiosk.yaml:4: warning: 'idle_secs' is not a setting the kiosk knows")


def test_broken_yaml_keeps_every_default(tmp_path):
    settings, problems = load_settings(write(tmp_path, "idle_seconds: [1\n"))
    assert settings == Settings()
    assert "not valid YAML" in problems[0].message and problems[0].is_error


def test_flags_override_the_file(tmp_path):
    settings, _ = load_settings(write(tmp_path, "screen: 1\n"))
    assert with_overrides(settings, screen=2).screen == 2
    assert with_overrides(settings, screen=None).screen == 1
