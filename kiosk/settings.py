"""Settings in layers: defaults in code, then the collection's kiosk.yaml (the
exhibition: its title, languages, timings), then this kiosk's own settings file (its
body: the screen's size, its mounting, the viewing distance, its volume), then
command-line flags.

Several kiosks can share one collection and its kiosk.yaml, but not one mounting: a
key that describes the kiosk is reported where it is found in the collection's file
(and used meanwhile). Both files are read as strictly as a portrait: unknown keys
and values of the wrong kind are reported with the file and line, and the value
below is kept for them, so a typo never stops the kiosk.
"""

from __future__ import annotations

import os
from collections.abc import Mapping as Mapping_
from dataclasses import dataclass, field, replace

from kiosk import pin
from kiosk.catalogue import N_
from kiosk.content import files
from kiosk.content.fields import read_coordinates
from kiosk.content.homes import TOUR_SAINT_JACQUES
from kiosk.content.links import link_problem
from kiosk.content.problems import ContentError, Problem, ProblemList
from kiosk.content.strict_yaml import Mapping, Scalar, Sequence, parse
from kiosk.content.text import Languages, LocalText, clean_text, is_language_code

SETTINGS_NAME = "kiosk.yaml"
LOCAL_SETTINGS_NAME = "settings.yaml"  # this kiosk's, in its user's configuration folder
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
    still_there_seconds: float = 20.0  # the prompt's countdown before the idle reset
    transition_ms: int = 900
    screen: int = 0
    admin_pin: str = ""  # hashed (see kiosk.pin); empty: the admin panel never opens
    desk_password: str = ""  # hashed (see kiosk.pin); empty: nobody signs in to the desk
    voice_volume: float = 0.8  # of the player's full volume; staff change it in the admin panel
    voice_loudness_lufs: float = -18.0  # every recording is played at this loudness
    voice_max_minutes: float = 10.0
    # The kiosk's body; 0: not set (the screen's size then comes from what it reports).
    screen_width_mm: float = 0.0  # of the picture, as mounted
    screen_height_mm: float = 0.0
    screen_diagonal_inches: float = 0.0  # instead of the two above
    mount_height_mm: float = 0.0  # from the floor to the picture's lower edge
    viewing_distance_mm: float = 1000.0
    # The story beyond the kiosk: the exhibition's page online (a QR code on a portrait
    # without a page of its own), and where the distances from home are measured from.
    link: LocalText = field(default_factory=lambda: LocalText(()))
    exhibition_coordinates: tuple[float, float] = TOUR_SAINT_JACQUES
    # Several kiosks: this one's name, and the folder its health goes to (kiosk fleet).
    name: str = ""  # empty: the host's name
    status_dir: str = ""  # empty: no status is written

    @property
    def default_language(self) -> str:
        return self.languages.default


# key: (reader, lowest, highest) for numbers; texts and languages are read apart.
_NUMBERS = {
    "autoplay_seconds": (float, 3, 600),
    "idle_seconds": (float, 10, 3600),
    "still_there_seconds": (float, 20, 300),
    "transition_ms": (int, 0, 5000),
    "screen": (int, 0, 16),
    "voice_volume": (float, 0, 1),
    "voice_loudness_lufs": (float, -30, -10),
    "voice_max_minutes": (float, 0.5, 60),
    "screen_width_mm": (float, 50, 5000),
    "screen_height_mm": (float, 50, 5000),
    "screen_diagonal_inches": (float, 5, 200),
    "mount_height_mm": (float, 0, 3000),
    "viewing_distance_mm": (float, 250, 5000),
}
_TEXTS = ("title", "credits")
KNOWN_KEYS = (
    *_TEXTS,
    "languages",
    "link",
    "exhibition_coordinates",
    "name",
    "status_dir",
    *_NUMBERS,
    pin.SETTING,
    pin.DESK_SETTING,
)
# The hashed secrets: which command sets each, and what stays closed until it does.
_SECRETS = {  # what a secret written in clear is told
    pin.SETTING: N_(
        "'{name}' must be set with 'kiosk pin' (it is stored hashed, never as the PIN itself); "
        "until then the admin panel stays closed"
    ),
    pin.DESK_SETTING: N_(
        "'{name}' must be set with 'kiosk pin --desk' (it is stored hashed, never as the password "
        "itself); until then nobody can sign in to the curators' desk"
    ),
}
# What describes one kiosk rather than the exhibition: its own settings file's.
KIOSK_KEYS = (
    "screen",
    "screen_width_mm",
    "screen_height_mm",
    "screen_diagonal_inches",
    "mount_height_mm",
    "viewing_distance_mm",
    "voice_volume",
    "name",
    "status_dir",
)


def load_settings(path: str | None, local_path: str | None = None) -> tuple[Settings, list[Problem]]:
    """Settings from the collection's kiosk.yaml at `path`, then this kiosk's own file at
    `local_path`; the defaults where a file is None, absent or unreadable."""
    values, problems = _values_from(path, os.path.basename(path) if path else SETTINGS_NAME)
    for problem in _kiosk_keys_in_collection(values, path, local_path):
        problems.append(problem)
    if local_path is not None:
        local, local_problems = _values_from(local_path, local_path)  # named in full: it is elsewhere
        values.update(local)
        problems.extend(local_problems)
    return Settings(**{key: value for key, (value, _) in values.items()}), problems


def local_settings_path(environ: Mapping_[str, str] | None = None) -> str:
    """This kiosk's settings file: in $KIOSK_CONFIG_DIR, else in the user's configuration
    folder (XDG): ~/.config/portrait-kiosk/settings.yaml."""
    environ = os.environ if environ is None else environ
    if environ.get("KIOSK_CONFIG_DIR"):
        return os.path.join(environ["KIOSK_CONFIG_DIR"], LOCAL_SETTINGS_NAME)
    base = environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "portrait-kiosk", LOCAL_SETTINGS_NAME)


def _values_from(path: str | None, shown_as: str) -> tuple[dict, list[Problem]]:
    """{key: (value, line)} of one settings file, and what is wrong with it."""
    problems = ProblemList(None, shown_as)
    if path is None or not os.path.lexists(path):
        return {}, []
    try:
        document = parse(_read(path))
    except ContentError as exc:
        problems.error(N_("{problem}; the defaults are used").format(problem=exc.message), line=exc.line)
        return {}, problems.items
    if document is None:
        return {}, []
    if not isinstance(document, Mapping):
        problems.error(N_("the file must hold settings such as 'idle_seconds: 90', one per line"))
        return {}, problems.items
    return _read_values(document, problems), problems.items


def _kiosk_keys_in_collection(values: dict, path: str | None, local_path: str | None) -> list[Problem]:
    problems = ProblemList(None, SETTINGS_NAME if path is None else os.path.basename(path))
    where = local_path or local_settings_path()
    for key in KIOSK_KEYS:
        if key in values:
            problems.warning(
                N_(
                    "'{name}' describes this kiosk, not the exhibition, and kiosks sharing this collection "
                    "share this file: move it to this kiosk's own settings file ({file}); it is used meanwhile"
                ).format(name=key, file=where),
                field=key,
                line=values[key][1],
            )
    return problems.items


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
        raise ContentError(N_("the file cannot be read ({reason})").format(reason=exc)) from None
    if len(data) > MAX_SETTINGS_BYTES:
        raise ContentError(N_("the file is larger than {size} KB").format(size=MAX_SETTINGS_BYTES // 1024))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(N_("the file is not saved as UTF-8: save it again as UTF-8")) from None


def _read_values(document: Mapping, problems: ProblemList) -> dict:
    values: dict = {}
    for key, node in document.entries:
        name = key.text
        if name in _NUMBERS:
            number = _number(name, node, problems)
            if number is not None:
                values[name] = (number, key.line)
        elif name in _TEXTS:
            text = _text(name, node, problems)
            if text is not None:
                values[name] = (text, key.line)
        elif name in _READERS:
            value = _READERS[name](node, problems)
            if value is not None:
                values[name] = (value, key.line)
        elif name in _SECRETS:
            stored = node.text.strip() if isinstance(node, Scalar) else ""
            if pin.is_stored_pin(stored):
                values[name] = (stored, key.line)
            else:
                problems.error(
                    _SECRETS[name].format(name=name),
                    field=name,
                    line=node.line,
                )
        else:
            problems.warning(
                N_(
                    "'{name}' is not a setting the kiosk knows, so it is ignored: the settings are {settings}"
                ).format(name=name, settings=", ".join(KNOWN_KEYS)),
                field=name,
                line=key.line,
            )
    return values


_NOT_A_NUMBER = {  # by (a whole number, something was written)
    (True, True): N_(
        "'{name}' must be a whole number from {low} to {high}, not '{written}'; the default is used"
    ),
    (True, False): N_("'{name}' must be a whole number from {low} to {high}; the default is used"),
    (False, True): N_("'{name}' must be a number from {low} to {high}, not '{written}'; the default is used"),
    (False, False): N_("'{name}' must be a number from {low} to {high}; the default is used"),
}


def _number(name: str, node, problems: ProblemList):
    kind, low, high = _NUMBERS[name]
    text = node.text.strip() if isinstance(node, Scalar) else ""
    try:
        value = kind(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        problems.error(
            _NOT_A_NUMBER[kind is int, bool(text)].format(name=name, low=low, high=high, written=text),
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
        N_("'{name}' must be one text, or one text per language (fr:, en:)").format(name=name),
        field=name,
        line=node.line,
    )
    return None


def _link(node, problems: ProblemList) -> LocalText | None:
    link = _text("link", node, problems)
    if link is None:
        return None
    for _, address in link.by_language:
        problem = link_problem(address)
        if problem:
            problems.error(
                N_("{problem}; no exhibition link is shown until then").format(problem=problem),
                field="link",
                line=node.line,
            )
            return None
    return link


def _coordinates(node, problems: ProblemList) -> tuple[float, float] | None:
    place = read_coordinates(node)
    if place is not None:
        return place
    problems.error(
        N_(
            "'exhibition_coordinates' must be [latitude, longitude] in degrees, e.g. [48.858, 2.349]; "
            "the Tour Saint-Jacques in Paris is used"
        ),
        field="exhibition_coordinates",
        line=node.line,
    )
    return None


def _one_line(node, problems: ProblemList) -> str | None:
    """A name or a path: one plain text."""
    if isinstance(node, Scalar) and clean_text(node.text, multiline=False):
        return clean_text(node.text, multiline=False)
    problems.error(N_("this setting must be one line of text; the default is used"), line=node.line)
    return None


def _languages(node, problems: ProblemList) -> Languages | None:
    items = node.items if isinstance(node, Sequence) else (node,)
    codes = [item.text.strip().lower() for item in items if isinstance(item, Scalar)]
    if not codes or len(codes) != len(items) or not all(is_language_code(c) for c in codes):
        problems.error(
            N_("'languages' must list language codes, the default first, e.g. [fr, en]; the default is used"),
            field="languages",
            line=node.line,
        )
        return None
    return Languages(tuple(dict.fromkeys(codes)))


# The settings read by a reader of their own: (node, problems) -> value, or None reported.
_READERS = {
    "languages": _languages,
    "link": _link,
    "exhibition_coordinates": _coordinates,
    "name": _one_line,
    "status_dir": _one_line,
}
