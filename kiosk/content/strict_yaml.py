"""A strict YAML reader that keeps every scalar as text.

PyYAML's loaders turn `NO` into False, `012` into 10 and keep the last of two
duplicate keys. We read the parser's events instead and build a small tree of
text, refusing what a curator never means to write: aliases, anchors, tags,
duplicate keys, several documents, deep nesting. libyaml's parser is used when
PyYAML has it (about 8x faster); tests exercise whichever one is installed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from kiosk.content.problems import ContentError

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 4


@dataclass(frozen=True)
class Scalar:
    text: str
    line: int  # 1-based


@dataclass(frozen=True)
class Sequence:
    items: tuple
    line: int


@dataclass(frozen=True)
class Mapping:
    entries: tuple[tuple[Scalar, object], ...] = field(default=())
    line: int = 1

    def __contains__(self, name: str) -> bool:
        return any(key.text == name for key, _ in self.entries)


class StrictYamlError(ContentError):
    pass


def parse(text: str) -> Scalar | Sequence | Mapping | None:
    """The single document in `text` as a tree of text, or None when it is empty.

    Raises StrictYamlError, worded for the curator, for anything else.
    """
    events = _events(text)
    try:
        _expect(events, yaml.StreamStartEvent)
        if _peek_is(events, yaml.StreamEndEvent):
            return None
        _expect(events, yaml.DocumentStartEvent)
        root = _node(events, depth=0)
        _expect(events, yaml.DocumentEndEvent)
        extra = next(events)
        if isinstance(extra, yaml.DocumentStartEvent):
            raise StrictYamlError(
                "the file holds more than one document (a line '---' in the middle): keep one",
                _line(extra),
            )
    except yaml.YAMLError as exc:
        raise _explain(exc, text) from None
    return root


class _Events:
    """A peekable iterator over parser events."""

    def __init__(self, iterator) -> None:
        self._it = iterator
        self._next = None

    def __iter__(self):
        return self

    def __next__(self):
        if self._next is not None:
            event, self._next = self._next, None
            return event
        return next(self._it)

    def peek(self):
        if self._next is None:
            self._next = next(self._it)
        return self._next


def _events(text: str) -> _Events:
    return _Events(iter(yaml.parse(text, Loader=_Parser)))


def _peek_is(events: _Events, kind: type) -> bool:
    return isinstance(events.peek(), kind)


def _expect(events: _Events, kind: type):
    event = next(events)
    if not isinstance(event, kind):  # pragma: no cover - the parser guarantees the order
        raise StrictYamlError("the file is not a YAML document the kiosk understands", _line(event))
    return event


def _node(events: _Events, depth: int):
    event = next(events)
    line = _line(event)
    if isinstance(event, yaml.AliasEvent):
        raise StrictYamlError("the file uses an alias ('*'): write the text out in full", line)
    if getattr(event, "anchor", None) is not None:
        raise StrictYamlError("the file uses an anchor ('&'): write the text out in full", line)
    if getattr(event, "tag", None) not in (None, "!"):
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        raise StrictYamlError(f"the file uses the tag '{tag}': remove it, every value is text", line)
    if depth >= MAX_DEPTH:
        raise StrictYamlError("the file is nested too deeply: see the template from 'kiosk new'", line)
    if isinstance(event, yaml.ScalarEvent):
        return Scalar(event.value, line)
    if isinstance(event, yaml.SequenceStartEvent):
        return _sequence(events, depth, line)
    return _mapping(events, depth, line)


def _sequence(events: _Events, depth: int, line: int) -> Sequence:
    items = []
    while not _peek_is(events, yaml.SequenceEndEvent):
        items.append(_node(events, depth + 1))
    next(events)
    return Sequence(tuple(items), line)


def _mapping(events: _Events, depth: int, line: int) -> Mapping:
    entries: list[tuple[Scalar, object]] = []
    seen: dict[str, int] = {}
    while not _peek_is(events, yaml.MappingEndEvent):
        key = _node(events, depth + 1)
        if not isinstance(key, Scalar):
            raise StrictYamlError("the file has a field name that is not plain text", key.line)
        if key.text in seen:
            raise StrictYamlError(
                f"'{key.text}' is written twice (first on line {seen[key.text]}): keep one",
                key.line,
            )
        seen[key.text] = key.line
        entries.append((key, _node(events, depth + 1)))
    next(events)
    return Mapping(tuple(entries), line)


def _line(event) -> int | None:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def _explain(exc: yaml.YAMLError, text: str) -> StrictYamlError:
    """A parser error in words a curator can act on."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    hint = "check the indentation and that texts with ':' or '#' are in quotes"
    lines = text.splitlines()
    if line is not None and line <= len(lines) and "\t" in lines[line - 1]:
        hint = "replace the tab characters on this line with spaces"
    if isinstance(exc, yaml.reader.ReaderError):
        problem = "contains a character that is not allowed in text"
        hint = "remove invisible control characters, or save the file as UTF-8"
        line = None
    return StrictYamlError(f"the file is not valid YAML ({problem}): {hint}", line)
