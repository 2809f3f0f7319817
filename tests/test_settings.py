"""kiosk.yaml and this kiosk's own settings file: read as strictly as a portrait, never
stopping the kiosk, the kiosk's own over the collection's."""

from __future__ import annotations

from kiosk.settings import Settings, load_settings, local_settings_path, with_overrides


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
        "autoplay_seconds: 20\nidle_seconds: '120'\ntransition_ms: 600\n",
    )
    settings, problems = load_settings(path)
    assert problems == []
    assert settings.languages.offered == ("en", "fr") and settings.default_language == "en"
    assert settings.autoplay_seconds == 20 and settings.idle_seconds == 120
    assert settings.transition_ms == 600
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


def test_this_kiosks_own_file_describes_its_body_and_wins_over_the_collections(tmp_path):
    collection = write(tmp_path, "idle_seconds: 120\nautoplay_seconds: 20\n")
    local = tmp_path / "config" / "settings.yaml"
    local.parent.mkdir()
    local.write_text(
        "screen: 1\nscreen_diagonal_inches: 43\nmount_height_mm: 700\nviewing_distance_mm: 800\n"
        "idle_seconds: 60\n",
        encoding="utf-8",
    )
    settings, problems = load_settings(collection, str(local))
    assert problems == []
    assert settings.screen == 1 and settings.screen_diagonal_inches == 43
    assert settings.mount_height_mm == 700 and settings.viewing_distance_mm == 800
    assert settings.idle_seconds == 60 and settings.autoplay_seconds == 20


def test_a_kiosk_key_in_the_collections_file_is_told_where_it_belongs_and_used_meanwhile(tmp_path):
    local = str(tmp_path / "config" / "settings.yaml")
    settings, (problem,) = load_settings(write(tmp_path, "title: Portraits\nmount_height_mm: 900\n"), local)
    assert settings.mount_height_mm == 900
    assert problem.as_line().startswith(
        "kiosk.yaml:2: warning: 'mount_height_mm' describes this kiosk, not the exhibition"
    )
    assert local in problem.message


def test_a_mistake_in_this_kiosks_file_names_the_file_in_full(tmp_path):
    local = tmp_path / "settings.yaml"
    local.write_text("mount_height_mm: high\n", encoding="utf-8")
    settings, (problem,) = load_settings(None, str(local))
    assert settings.mount_height_mm == 0
    assert problem.as_line().startswith(f"{local}:1: 'mount_height_mm' must be a number from 0 to 3000")


def test_this_kiosks_file_is_in_its_users_configuration_folder():
    assert local_settings_path({"XDG_CONFIG_HOME": "/etc/xdg-k"}) == "/etc/xdg-k/portrait-kiosk/settings.yaml"
    assert local_settings_path({}).endswith("/.config/portrait-kiosk/settings.yaml")
    assert (
        local_settings_path({"KIOSK_CONFIG_DIR": "/srv/k", "XDG_CONFIG_HOME": "/x"}) == "/srv/k/settings.yaml"
    )
