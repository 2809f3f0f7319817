"""The fields of portrait.yaml and how each one is read."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from kiosk.catalogue import N_
from kiosk.content.glyphs import missing_characters
from kiosk.content.links import link_problem
from kiosk.content.problems import ProblemList
from kiosk.content.strict_yaml import Mapping, Scalar, Sequence
from kiosk.content.text import (
    Languages,
    LocalText,
    clean_text,
    describe_character,
    invisible_characters,
    is_language_code,
    shorten,
)


@dataclass(frozen=True)
class Field:
    required: bool
    translatable: bool
    multiline: bool
    limit: int  # characters, after cleaning
    what: str  # completes "add ..." / "write ..." in messages
    file_name: bool = False  # taken as written (but for the ends): "mon  portrait.jpg" is a name


FIELDS: dict[str, Field] = {
    "name": Field(
        True, False, False, 80, N_("write the person's name as it should appear, e.g. 'Samira B.'")
    ),
    "profession": Field(True, True, False, 80, N_("write what the person does, e.g. 'Chef'")),
    "origin": Field(True, True, False, 80, N_("add the country or region the person comes from")),
    "testimony": Field(
        True, True, True, 6000, N_("write the person's own words about their journey and Paris")
    ),
    "quote": Field(False, True, True, 200, N_("write one short line of theirs")),
    "arrived": Field(False, True, False, 40, N_("write when they came, e.g. '1998'")),
    "photo": Field(
        False, False, False, 255, N_("write the photo's file name, e.g. photo.jpg"), file_name=True
    ),
    "photo_credit": Field(False, False, False, 120, N_("write the photographer's name, e.g. '© A. Martin'")),
    "published": Field(False, False, False, 10, N_("write true or false")),
    # The story beyond the kiosk: a page online (a QR code) and where home is (the distance).
    "link": Field(
        False, True, False, 4000, N_("write the address of the portrait's page online, e.g. https://…")
    ),
    "home": Field(
        False, False, False, 120, N_("write the town or region and the country, e.g. 'Oran, Algérie'")
    ),
    "home_coordinates": Field(
        False, False, False, 40, N_("write [latitude, longitude], e.g. [35.70, -0.63]")
    ),
}
_TRUE = {"true", "yes", "oui", "on"}
_FALSE = {"false", "no", "non", "off"}


def read_fields(document: Mapping, languages: Languages, problems: ProblemList) -> dict:
    """The known fields of `document` as clean text, reporting every problem."""
    values: dict = {}
    read: set[str] = set()
    for key, node in document.entries:
        name = _known_name(key.text, key.line, problems)
        if name is None:
            continue
        if name in read:  # the same field again, once with an invisible character
            problems.error(
                N_("'{name}' is written twice: keep one").format(name=name), field=name, line=key.line
            )
            continue
        read.add(name)
        value = _read_value(name, node, languages, problems)
        if value:
            values[name] = value
    if "link" in values:
        values["link"] = _checked_link(values["link"], problems, _line_of(document, "link"))
    for name, spec in FIELDS.items():
        if spec.required and name not in values:
            message = (
                N_("'{name}' is empty: {what}") if name in document else N_("'{name}' is missing: {what}")
            )
            problems.error(
                message.format(name=name, what=spec.what), field=name, line=_line_of(document, name)
            )
    return values


def read_published(value: str | None, problems: ProblemList) -> bool:
    if value is None:
        return True
    if value.casefold() in _TRUE:
        return True
    if value.casefold() in _FALSE:
        return False
    problems.error(
        N_("'published' is '{value}': write true (shown) or false (kept off screen)").format(value=value),
        field="published",
    )
    return True


def _read_value(name: str, node, languages: Languages, problems: ProblemList):
    spec = FIELDS[name]
    if name == "home_coordinates":
        return _coordinates(node, problems)
    if isinstance(node, Scalar):
        text = _clean(name, node.text, node.line, problems)
        return LocalText.plain(text) if spec.translatable and text else text
    if isinstance(node, Mapping) and spec.translatable:
        return _read_translations(name, node, languages, problems)
    shape = N_("a list") if not isinstance(node, Mapping) else N_("a set of fields")
    form = N_("one text, or one text per language (fr:, en:)") if spec.translatable else N_("one text")
    problems.error(
        N_("'{name}' is {shape}: write {form}").format(name=name, shape=shape, form=form),
        field=name,
        line=node.line,
    )
    return None


def _checked_link(link: LocalText, problems: ProblemList, line: int | None) -> LocalText | None:
    """The link's addresses that may be drawn; each other one reported (never drawn)."""
    kept = []
    for code, text in link.by_language:
        problem = link_problem(text)
        if problem:
            problems.warning(problem, field="link", line=line)
        else:
            kept.append((code, text))
    return LocalText(tuple(kept)) if kept else None


def read_coordinates(node) -> tuple[float, float] | None:
    """[latitude, longitude] in degrees, as a map gives them; None for anything else."""
    items = node.items if isinstance(node, Sequence) else ()
    try:
        latitude, longitude = (float(item.text) for item in items if isinstance(item, Scalar))
    except ValueError:
        return None
    return (latitude, longitude) if -90 <= latitude <= 90 and -180 <= longitude <= 180 else None


def _coordinates(node, problems: ProblemList) -> tuple[float, float] | None:
    place = read_coordinates(node)
    if place is not None:
        return place
    problems.warning(
        N_(
            "'home_coordinates' must be [latitude, longitude] in degrees, e.g. [35.70, -0.63] "
            "(as a map's 'what's here?' gives them); the distance is not shown until then"
        ),
        field="home_coordinates",
        line=node.line,
    )
    return None


def _read_translations(name: str, node: Mapping, languages: Languages, problems: ProblemList):
    texts = []
    for key, value in node.entries:
        code = key.text.strip().lower()
        if not is_language_code(code):
            problems.warning(
                N_("'{name}' has '{key}', which is not a language code: use {codes}").format(
                    name=name, key=key.text, codes=_codes(languages)
                ),
                field=name,
                line=key.line,
            )
            continue
        if type(value) is not Scalar:
            problems.error(
                N_("'{name}' in '{code}' must be one text").format(name=name, code=code),
                field=name,
                line=value.line,
            )
            continue
        text = _clean(name, value.text, value.line, problems)
        if text:
            texts.append((code, text))
    if not texts:
        return None
    written = [code for code, _ in texts]
    missing = [code for code in languages.offered if code not in written]
    if missing:
        shown = texts[0][0] if languages.default in missing else languages.default
        problems.warning(
            N_(
                "'{name}' has no text in {missing}: those visitors will read the '{shown}' text; "
                "add {keys} to translate it"
            ).format(
                name=name, missing=", ".join(missing), shown=shown, keys=", ".join(c + ":" for c in missing)
            ),
            field=name,
            line=node.line,
        )
    return LocalText(tuple(texts))


def _clean(name: str, raw: str, line: int, problems: ProblemList) -> str:
    spec = FIELDS[name]
    if spec.file_name:
        return raw.strip()
    text = clean_text(raw, multiline=spec.multiline)
    hidden = [] if spec.multiline else invisible_characters(text)
    if hidden:
        problems.warning(
            N_(
                "'{name}' holds invisible characters ({hidden}), pasted from another program: retype it "
                "(filters still group it with the same word written plainly)"
            ).format(name=name, hidden=", ".join(hidden)),
            field=name,
            line=line,
        )
    undrawn = missing_characters(text)
    if undrawn:
        problems.warning(_undrawn_message(name, undrawn), field=name, line=line)
    if len(text) > spec.limit:
        problems.warning(
            N_(
                "'{name}' is {length} characters long; the screen shows at most {limit}, so it is cut: shorten it"
            ).format(name=name, length=f"{len(text):,}", limit=f"{spec.limit:,}"),
            field=name,
            line=line,
        )
        text = shorten(text, spec.limit)
    return text


def _undrawn_message(name: str, characters: list[str]) -> str:
    shown = ", ".join(f"{ch} {describe_character(ch)}" for ch in characters[:5])
    if len(characters) > 5:
        shown += ", …"
    return N_(
        "'{name}' has characters none of the kiosk's own fonts draws: {characters}. The kiosk "
        "shows them only if its system has a font for them (Chinese, Japanese, Korean: the "
        "fonts-noto-cjk package), otherwise as empty boxes: look at the page with "
        "'kiosk snapshot' on the kiosk itself"
    ).format(name=name, characters=shown)


def _known_name(written: str, line: int, problems: ProblemList) -> str | None:
    """The field a key names, or None (reported). A key with an invisible character in it
    (a no-break space before the colon, a zero-width space pasted in front) is taken for
    the field it spells, with a warning that says which character and where."""
    if written in FIELDS:
        return written
    visible = "".join(ch for ch in written if ch.isprintable() and not ch.isspace()) or written
    if visible in FIELDS:
        odd = [ch for ch in written if not ch.isprintable() or ch.isspace()]
        where = _where_in(written, odd[0])
        problems.warning(
            N_(
                "the key '{key}' has an invisible character {where}, {character}: retype the key "
                "(the kiosk reads it as '{key}')"
            ).format(key=visible, where=where, character=describe_character(odd[0])),
            field=visible,
            line=line,
        )
        return visible
    problems.warning(_unknown_key_message(written), field=written, line=line)
    return None


def _where_in(written: str, character: str) -> str:
    at = written.index(character)
    seen = [i for i, ch in enumerate(written) if ch.isprintable() and not ch.isspace()]
    if at < seen[0]:
        return N_("before it")
    return N_("after it") if at > seen[-1] else N_("inside it")


def _unknown_key_message(name: str) -> str:
    close = difflib.get_close_matches(name.lower(), FIELDS, n=1, cutoff=0.6)
    if close:
        hint = N_("did you mean '{field}'?").format(field=close[0])
    else:
        hint = N_("the fields are: {fields}").format(fields=", ".join(FIELDS))
    return N_("'{name}' is not a field the kiosk knows, so it is ignored: {hint}").format(
        name=name, hint=hint
    )


def _line_of(document: Mapping, name: str) -> int | None:
    for key, _ in document.entries:
        if key.text == name:
            return key.line
    return None


def _codes(languages: Languages) -> str:
    return " / ".join(languages.offered)
