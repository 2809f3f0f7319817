"""A strict YAML reader that keeps every scalar as text.

PyYAML's loaders turn `NO` into False, `012` into 10 and keep the last of two
duplicate keys. We read the parser's events instead and build a small tree of
text, refusing what a curator never means to write: aliases, anchors, tags,
duplicate keys, several documents, deep nesting. libyaml's parser is used when
PyYAML has it (about 8x faster); tests exercise whichever one is installed.

(Walking the nodes of libyaml's composer, with type guessing turned off, was
measured too: no faster over a whole scan, and it cannot see anchors.)
"""

from __future__ import annotations

from typing import NamedTuple

import yaml

from kiosk.catalogue import N_
from kiosk.content.problems import ContentError

try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML's wheels include libyaml
    CParser = None
MAX_DEPTH = 4


class Scalar(NamedTuple):
    text: str
    line: int  # 1-based


class Sequence(NamedTuple):
    items: tuple
    line: int


class Mapping(NamedTuple):
    entries: tuple = ()  # ((Scalar key, value node), ...)
    line: int = 1

    def __contains__(self, name: object) -> bool:
        return any(key.text == name for key, _ in self.entries)


class StrictYamlError(ContentError):
    pass


def parse(text: str) -> Scalar | Sequence | Mapping | None:
    """The single document in `text` as a tree of text, or None when it is empty.

    Raises StrictYamlError, worded for the curator, for anything else.
    """
    try:
        events = _events(text)
    except yaml.YAMLError as exc:
        raise _explain(exc, text) from None
    if len(events) <= 2:  # the stream's start and end: an empty file
        return None
    root, position = _build(events, 2)  # after the stream's and the document's start
    if type(events[position + 1]) is yaml.DocumentStartEvent:
        raise StrictYamlError(
            N_("the file holds more than one document (a line '---' in the middle): keep one"),
            _line(events[position + 1]),
        )
    return root


_new = tuple.__new__  # Scalar(...) costs a Python call more, and a scan makes 30,000
_SCALAR = yaml.ScalarEvent
_MAPPING_START = yaml.MappingStartEvent
_MAPPING_END = yaml.MappingEndEvent
_SEQUENCE_END = yaml.SequenceEndEvent


def _events(text: str) -> list:
    """The parser's events; it is iterative (no recursion), and so is the builder below."""
    parser = CParser(text) if CParser is not None else yaml.SafeLoader(text)
    try:
        events = []
        event = parser.get_event()
        while event is not None:
            events.append(event)
            event = parser.get_event()
        return events
    finally:
        parser.dispose()


def _build(events: list, start: int) -> tuple:
    """(the document's root node, the index of the event after it).

    One loop over the events with a stack of open collections: the scan reads
    a thousand files, and a function call per event was most of the cost.
    A mapping's keys and values are gathered in one flat list and checked when
    it closes."""
    stack: list[tuple[bool, list, int]] = []  # (is a mapping, items so far, line)
    node: Scalar | Mapping | Sequence
    for position in range(start, len(events)):
        event = events[position]
        kind = type(event)
        if kind is _SCALAR:
            line = event.start_mark.line + 1
            if event.anchor is not None or event.tag is not None:
                _refuse_extras(event, kind, line)
            if len(stack) >= MAX_DEPTH:
                raise _too_deep(line)
            node = _new(Scalar, (event.value, line))
        elif kind is _MAPPING_END:
            _, items, line = stack.pop()
            node = _new(Mapping, (_entries(items), line))
        elif kind is _SEQUENCE_END:
            _, items, line = stack.pop()
            node = _new(Sequence, (tuple(items), line))
        else:  # the start of a mapping or a sequence, or an alias
            line = event.start_mark.line + 1
            if kind is yaml.AliasEvent or event.anchor is not None or event.tag is not None:
                _refuse_extras(event, kind, line)
            if len(stack) >= MAX_DEPTH:
                raise _too_deep(line)
            stack.append((kind is _MAPPING_START, [], line))
            continue
        if not stack:
            return node, position + 1
        stack[-1][1].append(node)
    raise StrictYamlError(N_("the file ends in the middle of a field"))  # the parser prevents it


def _entries(items: list) -> tuple:
    """((key, value), ...) from [key, value, key, value, ...], refusing keys that
    are not text and keys written twice."""
    keys = items[0::2]
    for key in keys:
        if type(key) is not Scalar:
            raise StrictYamlError(N_("the file has a field name that is not plain text"), key.line)
    if len({key.text for key in keys}) < len(keys):
        first: dict[str, int] = {}
        for key in keys:
            if key.text in first:
                raise StrictYamlError(
                    N_("'{name}' is written twice (first on line {line}): keep one").format(
                        name=key.text, line=first[key.text]
                    ),
                    key.line,
                )
            first[key.text] = key.line
    return tuple(zip(keys, items[1::2], strict=True))


def _too_deep(line: int) -> StrictYamlError:
    return StrictYamlError(N_("the file is nested too deeply: see the template from 'kiosk new'"), line)


def _refuse_extras(event, kind: type, line: int) -> None:
    """Raise for what a portrait never needs: aliases, anchors, tags."""
    if kind is yaml.AliasEvent:
        raise StrictYamlError(N_("the file uses an alias ('*'): write the text out in full"), line)
    if event.anchor is not None:
        raise StrictYamlError(N_("the file uses an anchor ('&'): write the text out in full"), line)
    if event.tag not in (None, "!"):
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        raise StrictYamlError(
            N_("the file uses the tag '{tag}': remove it, every value is text").format(tag=tag), line
        )


def _line(event) -> int | None:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def _explain(exc: yaml.YAMLError, text: str) -> StrictYamlError:
    """A parser error in words a curator can act on."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    if isinstance(exc, yaml.reader.ReaderError):
        return StrictYamlError(
            N_(
                "the file is not valid YAML (it contains a character that is not allowed in text): "
                "remove invisible control characters, or save the file as UTF-8"
            )
        )
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]  # the parser's own words
    hint = N_("check the indentation and that texts with ':' or '#' are in quotes")
    lines = text.splitlines()
    if line is not None and line <= len(lines) and "\t" in lines[line - 1]:
        hint = N_("replace the tab characters on this line with spaces")
    return StrictYamlError(
        N_("the file is not valid YAML ({reason}): {hint}").format(reason=reason, hint=hint), line
    )
