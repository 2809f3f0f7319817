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
        # The parser is iterative (no recursion); so is the builder below.
        events = list(yaml.parse(text, Loader=_Parser))
    except yaml.YAMLError as exc:
        raise _explain(exc, text) from None
    if len(events) <= 2:  # the stream's start and end: an empty file
        return None
    root, position = _build(events, 2)  # after the stream's and the document's start
    if type(events[position + 1]) is yaml.DocumentStartEvent:
        raise StrictYamlError(
            "the file holds more than one document (a line '---' in the middle): keep one",
            _line(events[position + 1]),
        )
    return root


class _Open:
    """A sequence or mapping whose end event has not come yet."""

    __slots__ = ("is_mapping", "items", "line", "key", "seen")

    def __init__(self, is_mapping: bool, line: int) -> None:
        self.is_mapping = is_mapping
        self.items: list = []
        self.line = line
        self.key: Scalar | None = None  # a mapping's key waiting for its value
        self.seen: dict[str, int] = {}  # a mapping's keys, with their lines


def _build(events: list, position: int) -> tuple:
    """(the document's root node, the index of the document's end event).

    One loop over the events with a stack of open collections: the scan reads
    a thousand files, and a function call per event was most of the cost."""
    stack: list[_Open] = []
    while True:
        event = events[position]
        kind = type(event)
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            done = stack.pop()
            if done.is_mapping:
                node = Mapping(tuple(done.items), done.line)
            else:
                node = Sequence(tuple(done.items), done.line)
        else:
            line = event.start_mark.line + 1
            if kind is yaml.AliasEvent or event.anchor is not None or event.tag is not None:
                _refuse_extras(event, kind, line)
            if len(stack) >= MAX_DEPTH:
                raise StrictYamlError(
                    "the file is nested too deeply: see the template from 'kiosk new'", line
                )
            if kind is yaml.ScalarEvent:
                node = Scalar(event.value, line)
            else:
                stack.append(_Open(kind is yaml.MappingStartEvent, line))
                position += 1
                continue
        position += 1
        if not stack:
            return node, position
        _attach(stack[-1], node)


def _refuse_extras(event, kind: type, line: int) -> None:
    """Raise for what a portrait never needs: aliases, anchors, tags."""
    if kind is yaml.AliasEvent:
        raise StrictYamlError("the file uses an alias ('*'): write the text out in full", line)
    if event.anchor is not None:
        raise StrictYamlError("the file uses an anchor ('&'): write the text out in full", line)
    if event.tag not in (None, "!"):
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        raise StrictYamlError(f"the file uses the tag '{tag}': remove it, every value is text", line)


def _attach(parent: _Open, node) -> None:
    if not parent.is_mapping:
        parent.items.append(node)
        return
    key = parent.key
    if key is not None:
        parent.items.append((key, node))
        parent.key = None
        return
    if type(node) is not Scalar:
        raise StrictYamlError("the file has a field name that is not plain text", node.line)
    first = parent.seen.get(node.text)
    if first is not None:
        raise StrictYamlError(f"'{node.text}' is written twice (first on line {first}): keep one", node.line)
    parent.seen[node.text] = node.line
    parent.key = node


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
