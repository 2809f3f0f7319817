"""A strict YAML reader that keeps every scalar as text.

PyYAML's loaders turn `NO` into False, `012` into 10 and keep the last of two
duplicate keys. We read the parser's events instead and build a small tree of
text, refusing what a curator never means to write: aliases, anchors, tags,
duplicate keys, several documents, deep nesting. libyaml's parser is used when
PyYAML has it (about 8x faster); tests exercise whichever one is installed.
"""

from __future__ import annotations

from typing import NamedTuple

import yaml

from kiosk.content.problems import ContentError

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
        walker = _Walker(text)
        walker.expect(yaml.StreamStartEvent)
        if walker.at(yaml.StreamEndEvent):
            return None
        walker.expect(yaml.DocumentStartEvent)
        root = walker.node(depth=0)
        walker.expect(yaml.DocumentEndEvent)
        if walker.at(yaml.DocumentStartEvent):
            raise StrictYamlError(
                "the file holds more than one document (a line '---' in the middle): keep one",
                _line(walker.peek()),
            )
    except yaml.YAMLError as exc:
        raise _explain(exc, text) from None
    return root


class _Walker:
    """Builds the tree from the parser's events, one pass, refusing as it goes."""

    def __init__(self, text: str) -> None:
        # The parser is iterative (no recursion), and a list walked by index is
        # much cheaper than a peekable iterator: the scan reads a thousand files.
        self.events = list(yaml.parse(text, Loader=_Parser))
        self.position = 0

    def peek(self):
        return self.events[self.position]

    def at(self, kind: type) -> bool:
        return self.position < len(self.events) and type(self.events[self.position]) is kind

    def expect(self, kind: type):
        event = self.events[self.position]
        self.position += 1
        if type(event) is not kind:  # pragma: no cover - the parser guarantees the order
            raise StrictYamlError("the file is not a YAML document the kiosk understands", _line(event))
        return event

    def node(self, depth: int):
        event = self.events[self.position]
        self.position += 1
        line = event.start_mark.line + 1
        kind = type(event)
        if kind is yaml.AliasEvent:
            raise StrictYamlError("the file uses an alias ('*'): write the text out in full", line)
        if event.anchor is not None:
            raise StrictYamlError("the file uses an anchor ('&'): write the text out in full", line)
        if event.tag not in (None, "!"):
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise StrictYamlError(f"the file uses the tag '{tag}': remove it, every value is text", line)
        if depth >= MAX_DEPTH:
            raise StrictYamlError("the file is nested too deeply: see the template from 'kiosk new'", line)
        if kind is yaml.ScalarEvent:
            return Scalar(event.value, line)
        if kind is yaml.SequenceStartEvent:
            return self.sequence(depth, line)
        return self.mapping(depth, line)

    def sequence(self, depth: int, line: int) -> Sequence:
        items = []
        while not self.at(yaml.SequenceEndEvent):
            items.append(self.node(depth + 1))
        self.position += 1
        return Sequence(tuple(items), line)

    def mapping(self, depth: int, line: int) -> Mapping:
        entries: list[tuple[Scalar, object]] = []
        seen: dict[str, int] = {}
        while not self.at(yaml.MappingEndEvent):
            key = self.node(depth + 1)
            if type(key) is not Scalar:
                raise StrictYamlError("the file has a field name that is not plain text", key.line)
            if key.text in seen:
                raise StrictYamlError(
                    f"'{key.text}' is written twice (first on line {seen[key.text]}): keep one",
                    key.line,
                )
            seen[key.text] = key.line
            entries.append((key, self.node(depth + 1)))
        self.position += 1
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
