"""The strict YAML reader: every value text, everything ambiguous refused with its line."""

from __future__ import annotations

import pytest

from kiosk.content.strict_yaml import Mapping, Scalar, StrictYamlError, parse
from tests.conftest import shared_file


def values(text: str) -> dict:
    return {key.text: node.text for key, node in parse(text).entries}


def test_scalars_stay_text_where_pyyaml_would_convert_them():
    got = values("origin: NO\narrived: 012\ntime: 12:30\nborn: 1950-02-30\npublished: false\nempty:\n")
    assert got == {
        "origin": "NO",
        "arrived": "012",
        "time": "12:30",
        "born": "1950-02-30",
        "published": "false",
        "empty": "",
    }


def test_nested_mapping_keeps_lines():
    document = parse("name: A\nprofession:\n  fr: Chef\n  en: Cook\n")
    key, node = document.entries[1]
    assert key == Scalar("profession", 2)
    assert isinstance(node, Mapping)
    assert node.entries[1] == (Scalar("en", 4), Scalar("Cook", 4))


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("name: A\norigin: B\nname: C\n", 3, "'name' is written twice (first on line 1)"),
        ("a: &x 1\nb: *x\n", 1, "anchor"),
        ("a: 1\nb: *x\n", 2, "alias"),
        ("a: !!str 1\n", 1, "tag '!!str'"),
        ("a: 1\n---\nb: 2\n", 2, "more than one document"),
        ("a:\n\tb: 1\n", 2, "replace the tab characters"),
        ("a: [1\n", 2, "not valid YAML"),
        ("a:\n  b:\n    c:\n      d:\n        e: 1\n", 4, "nested too deeply"),
        ("? [a, b]\n: c\n", 1, "field name that is not plain text"),
    ],
)
def test_refused_with_line_and_reason(text, line, words):
    with pytest.raises(StrictYamlError) as caught:
        parse(text)
    assert words in caught.value.message
    assert caught.value.line == line


def test_control_character_is_explained():
    with pytest.raises(StrictYamlError, match="character that is not allowed"):
        parse("name: a\x01b\n")


def test_empty_document_is_none():
    assert parse("") is None
    assert parse("# only a comment\n") is None


def test_every_yaml_test_suite_case_is_accepted_or_refused_cleanly():
    suite = shared_file("yaml-test-suite")
    cases = sorted(p for p in suite.iterdir() if (p / "in.yaml").is_file())
    assert len(cases) >= 20
    refused = set()
    for case in cases:
        text = (case / "in.yaml").read_text(encoding="utf-8")
        try:
            parse(text)
        except StrictYamlError as exc:
            assert exc.message.startswith("the file ")
            refused.add(case.name)
    # Duplicate keys and anchors/aliases are refused by design.
    assert {"2JQS", "3GZX", "6KGN", "7BUB", "E76Z", "V55R", "X38W"} <= refused
