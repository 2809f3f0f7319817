"""Facets: the origins and professions visitors filter by.

Values are grouped by their text in the default language, ignoring case,
accents and spaces ("Algérie", "algerie "), so a filter means the same group
in every language; each group is labelled with its most common spelling in
the visitor's language.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from kiosk.content.portraits import Portrait
from kiosk.content.text import Languages, group_key

FACETS = ("origin", "profession")


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Selection:
    """The visitor's filter: a group key per facet, or None for all."""

    origin: str | None = None
    profession: str | None = None

    def without(self, facet: str) -> Selection:
        return replace(self, **{facet: None})

    def with_value(self, facet: str, key: str | None) -> Selection:
        return replace(self, **{facet: key})


def facet_key(portrait: Portrait, facet: str, languages: Languages) -> str:
    text = getattr(portrait, facet)
    return group_key(text.get(languages.default, languages.default))


def matches(portrait: Portrait, selection: Selection, languages: Languages) -> bool:
    return all(getattr(selection, facet) in (None, facet_key(portrait, facet, languages)) for facet in FACETS)


def select(portraits: list[Portrait], selection: Selection, languages: Languages) -> list[Portrait]:
    return [p for p in portraits if matches(p, selection, languages)]


def facet_values(
    portraits: list[Portrait], facet: str, selection: Selection, language: str, languages: Languages
) -> list[FacetValue]:
    """The groups of `facet` with their counts under the *other* facets' choice."""
    pool = select(portraits, selection.without(facet), languages)
    spellings: dict[str, Counter] = {}
    for portrait in pool:
        key = facet_key(portrait, facet, languages)
        label = getattr(portrait, facet).get(language, languages.default)
        spellings.setdefault(key, Counter())[label] += 1
    values = [
        FacetValue(key, _most_common(counter), sum(counter.values())) for key, counter in spellings.items()
    ]
    return sorted(values, key=lambda v: (group_key(v.label), v.label))


def _most_common(counter: Counter) -> str:
    # Ties go to the spelling seen first in collection order, so labels do not flicker.
    return max(counter, key=counter.__getitem__)
