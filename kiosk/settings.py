"""Settings: defaults in code, then kiosk.yaml, then command-line flags.

kiosk.yaml is read as strictly as a portrait: unknown keys and values of the
wrong kind are reported with the file and line, and the default is kept for
them, so a typo never stops the kiosk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from kiosk import pin
from kiosk.content import files
from kiosk.content.problems import ContentError, Problem, ProblemList
from kiosk.content.strict_yaml import Mapping, Scalar, Sequence, parse
from kiosk.content.text import Languages, LocalText, clean_text, is_language_code

SETTINGS_NAME = "kiosk.yaml"
MAX_SETTINGS_BYTES = 64 * 1024

DEFAULT_TITLE = LocalText(
    (("fr", "i am a migrant · Portraits de Parisiens"), ("en", "i am a migrant · Portraits of Parisians"))
)


@dataclass(frozen=True)
class Settings:
    title: LocalText = DEFAULT_TITLE
    credits: LocalText = field(default_factory=lambda: LocalText(()))
    languages: Languages = Languages()
    autoplay_seconds: float = 12.0
    idle_seconds: float = 90.0
    transition_ms: int = 900
    screen: int = 0
    admin_pin: str = ""  # hashed (see kiosk.pin); empty: the admin panel never opens
    voice_volume: float = 0.8  # of the player's full volume; staff change it in the admin panel
    voice_loudness_lufs: float = -18.0  # every recording is played at this loudness
    voice_max_minutes: float = 10.0

    @property
    def default_language(self) -> str:
        return self.languages.default


# key: (reader, lowest, highest) for numbers; texts and languages are read apart.
_NUMBERS = {
    "autoplay_seconds": (float, 3, 600),
    "idle_seconds": (float, 10, 3600),
    "transition_ms": (int, 0, 5000),
    "screen": (int, 0, 16),
    "voice_volume": (float, 0, 1),
    "voice_loudness_lufs": (float, -30, -10),
    "voice_max_minutes": (float, 0.5, 60),
}
_TEXTS = ("title", "credits")
KNOWN_KEYS = (*_TEXTS, "languages", *_NUMBERS, pin.SETTING)


def load_settings(path: str | None) -> tuple[Settings, list[Problem]]:
    """Settings from `path` (a kiosk.yaml), or the defaults when it is None or absent."""
    problems = ProblemList(None, SETTINGS_NAME if path is None else os.path.basename(path))
    if path is None or not os.path.lexists(path):
        return Settings(), []
    try:
        document = parse(_read(path))
    except ContentError as exc:
        problems.error(f"{exc.message}; the defaults are used", line=exc.line)
        return Settings(), problems.items
    if document is None:
        return Settings(), []
    if not isinstance(document, Mapping):
        problems.error("the file must hold settings such as 'idle_seconds: 90', one per line")
        return Settings(), problems.items
    return _settings_from(document, problems), problems.items


def settings_path_for(collection_root: str, config: str | None) -> str | None:
    return config or os.path.join(collection_root, SETTINGS_NAME)


def with_overrides(settings: Settings, **flags) -> Settings:
    """`settings` with the command-line flags that were given (not None)."""
    given = {key: value for key, value in flags.items() if value is not None}
    return replace(settings, **given)


def _read(path: str) -> str:
    folder, name = os.path.split(os.path.abspath(path))
    try:
        data = files.read_bytes(files.regular_file(folder, name), MAX_SETTINGS_BYTES)
    except (FileNotFoundError, OSError) as exc:
        raise ContentError(f"the file cannot be read ({exc})") from None
    if len(data) > MAX_SETTINGS_BYTES:
        raise ContentError(f"the file is larger than {MAX_SETTINGS_BYTES // 1024} KB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError("the file is not saved as UTF-8: save it again as UTF-8") from None


def _settings_from(document: Mapping, problems: ProblemList) -> Settings:
    values: dict = {}
    for key, node in document.entries:
        name = key.text
        if name in _NUMBERS:
            number = _number(name, node, problems)
            if number is not None:
                values[name] = number
        elif name in _TEXTS:
            text = _text(name, node, problems)
            if text is not None:
                values[name] = text
        elif name == "languages":
            languages = _languages(node, problems)
            if languages is not None:
                values[name] = languages
        elif name == pin.SETTING:
            stored = node.text.strip() if isinstance(node, Scalar) else ""
            if pin.is_stored_pin(stored):
                values[name] = stored
            else:
                problems.error(
                    f"'{name}' must be set with 'kiosk pin' (it is stored hashed, never as the PIN "
                    "itself); until then the admin panel stays closed",
                    field=name,
                    line=node.line,
                )
        else:
            problems.warning(
                f"'{name}' is not a setting the kiosk knows, so it is ignored: "
                f"the settings are {', '.join(KNOWN_KEYS)}",
                field=name,
                line=key.line,
            )
    return Settings(**values)


def _number(name: str, node, problems: ProblemList):
    kind, low, high = _NUMBERS[name]
    text = node.text.strip() if isinstance(node, Scalar) else ""
    try:
        value = kind(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        problems.error(
            f"'{name}' must be a {'whole ' if kind is int else ''}number from {low} to {high}"
            f"{f', not {text!r}' if text else ''}; the default is used",
            field=name,
            line=node.line,
        )
        return None
    return value


def _text(name: str, node, problems: ProblemList) -> LocalText | None:
    if isinstance(node, Scalar):
        return LocalText.plain(clean_text(node.text, multiline=False))
    if isinstance(node, Mapping) and all(isinstance(v, Scalar) for _, v in node.entries):
        return LocalText(
            tuple((k.text.lower(), clean_text(v.text, multiline=False)) for k, v in node.entries)
        )
    problems.error(
        f"'{name}' must be one text, or one text per language (fr:, en:)", field=name, line=node.line
    )
    return None


def _languages(node, problems: ProblemList) -> Languages | None:
    items = node.items if isinstance(node, Sequence) else (node,)
    codes = [item.text.strip().lower() for item in items if isinstance(item, Scalar)]
    if not codes or len(codes) != len(items) or not all(is_language_code(c) for c in codes):
        problems.error(
            "'languages' must list language codes, the default first, e.g. [fr, en]; the default is used",
            field="languages",
            line=node.line,
        )
        return None
    return Languages(tuple(dict.fromkeys(codes)))
