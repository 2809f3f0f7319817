"""Editing a portrait's texts from the desk: only the fields the curator changed are
written, through ruamel.yaml's round trip, so the file keeps its comments, its layout and
every field the form does not touch; the result is read back as the kiosk will read it
before it replaces the file."""

from __future__ import annotations

import io

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString

from kiosk.content.text import ANY_LANGUAGE, Languages, LocalText
from kiosk.desk.changes import RefusedChange, fields_in, read_portrait_yaml, write_atomically

PLAIN = ("name", "arrived", "photo_credit")  # one text in the form
PER_LANGUAGE = ("profession", "origin", "quote", "testimony")  # one text per language
REQUIRED = ("name", "profession", "origin", "testimony")  # never all emptied: the portrait would break


def form_keys(languages: Languages) -> list[str]:
    return [*PLAIN[:1], *(f"{key}.{code}" for key in PER_LANGUAGE for code in languages.offered), *PLAIN[1:]]


def current_values(root: str, folder_id: str, languages: Languages) -> dict[str, str]:
    """The form's fields as the kiosk reads them now ("" for what is not there)."""
    _, text = read_portrait_yaml(root, folder_id)
    values = _values_of(text, folder_id, languages)
    if values is None:
        raise RefusedChange("unreadable", folder_id)
    return values


def apply_edit(root: str, folder_id: str, submitted: dict[str, str], languages: Languages) -> list[str]:
    """Write the fields whose text differs from what is there; returns their keys."""
    path, text = read_portrait_yaml(root, folder_id)
    before = _values_of(text, folder_id, languages)
    if before is None:
        raise RefusedChange("unreadable", folder_id)
    wanted = {key: _clean(submitted.get(key, "")) for key in form_keys(languages)}
    changed = [key for key in wanted if wanted[key] != before.get(key, "")]
    if not changed:
        return []
    yaml = _round_trip()
    try:
        # ruamel's round-trip loader builds only maps, lists and strings: no object a
        # file could ask for (unlike PyYAML's yaml.load).
        document = yaml.load(text)
    except YAMLError:
        raise RefusedChange("unsafe", folder_id) from None
    if not isinstance(document, CommentedMap):
        raise RefusedChange("unsafe", folder_id)
    for key in changed:
        _set(document, key, wanted[key], before, languages)
    out = io.StringIO()
    yaml.dump(document, out)
    # Read back as the kiosk will: what was not changed reads as before, what was reads as given.
    after = _values_of(out.getvalue(), folder_id, languages)
    if after is None or any(after[key] != before[key] for key in after if key not in changed):
        raise RefusedChange("unsafe", folder_id)
    if any(bool(after[key]) != bool(wanted[key]) for key in changed):
        raise RefusedChange("unsafe", folder_id)
    if any(_empty(after, field, languages) and not _empty(before, field, languages) for field in REQUIRED):
        raise RefusedChange("required", folder_id)
    write_atomically(path, out.getvalue().encode("utf-8"))
    return changed


def _round_trip() -> YAML:
    yaml = YAML()  # round trip: comments, order, quoting and layout kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the curator wrote on one
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _set(document: CommentedMap, key: str, value: str, before: dict[str, str], languages: Languages) -> None:
    field, _, code = key.partition(".")
    text = LiteralScalarString(value + "\n") if "\n" in value else value
    if not code:
        if value:
            document[field] = text
        else:
            document.pop(field, None)
        return
    node = document.get(field)
    if not isinstance(node, CommentedMap):
        # One text for every language until now: it becomes one per language, the others
        # keeping what they read.
        node = CommentedMap(
            (other, before.get(f"{field}.{other}", ""))
            for other in languages.offered
            if before.get(f"{field}.{other}")
        )
        document[field] = node
    if value:
        node[code] = text
    else:
        node.pop(code, None)
    if not node:
        document.pop(field, None)


def _values_of(text: str, folder_id: str, languages: Languages) -> dict[str, str] | None:
    """The form's fields in this text, as the kiosk reads them; None if it cannot."""
    fields = fields_in(text, folder_id, languages)
    if fields is None:
        return None
    values: dict[str, str] = {}
    for key in form_keys(languages):
        field, _, code = key.partition(".")
        value = fields.get(field)
        if isinstance(value, LocalText):
            written = dict(value.by_language)  # what the file says for each language, not the fallback
            value = (
                written.get(code, written.get(ANY_LANGUAGE, ""))
                if code
                else value.get(languages.default, languages.default)
            )
        values[key] = value or ""
    return values


def _empty(values: dict[str, str], field: str, languages: Languages) -> bool:
    keys = [field] if field in PLAIN else [f"{field}.{code}" for code in languages.offered]
    return not any(values.get(key) for key in keys)


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
