"""How far from home: the place a portrait's `home:` names (or its `home_coordinates:`, or
the country of its origin), and its distance from the exhibition on the great circle."""

from __future__ import annotations

import math
from dataclasses import dataclass

from kiosk.catalogue import N_
from kiosk.content.gazetteer import Gazetteer
from kiosk.content.portraits import YAML_NAME, Portrait
from kiosk.content.problems import Problem, ProblemList

TOUR_SAINT_JACQUES = (48.8580, 2.3488)  # the exhibition's place unless kiosk.yaml says otherwise
EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)


@dataclass(frozen=True)
class Home:
    written: str  # what stands for home: `home:` as written, or the origin's country
    latitude: float
    longitude: float


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance (haversine), in km."""
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def rounded_km(km: float) -> int:
    """As people say it: 35 km, 480 km, 1 480 km, 11 300 km."""
    step = 5 if km < 100 else 10 if km < 10_000 else 100
    return max(step, int(round(km / step)) * step)


def find_home(
    portrait: Portrait, gazetteer: Gazetteer | None, default_language: str
) -> tuple[Home | None, list[Problem]]:
    """Where the portrait's person comes from, and what to tell the curator when the
    gazetteer does not know `home:` (no gazetteer: nothing is said)."""
    written = portrait.home or portrait.origin.get(default_language, default_language)
    if portrait.home_coordinates is not None:
        return Home(written, *portrait.home_coordinates), []
    if gazetteer is None:
        return None, []
    if portrait.home:
        place = gazetteer.find(portrait.home)
        if place is not None:
            return Home(portrait.home, place.latitude, place.longitude), []
        return None, [_not_found(portrait, gazetteer)]
    for _, origin in portrait.origin.by_language:
        place = gazetteer.country_place(origin)
        if place is not None:
            return Home(written, place.latitude, place.longitude), []
    return None, []


def _not_found(portrait: Portrait, gazetteer: Gazetteer) -> Problem:
    assert portrait.home is not None
    problems = ProblemList(portrait.id, YAML_NAME)
    names = gazetteer.closest_names(portrait.home)
    if names:
        message = N_(
            "'home' is '{home}', which the gazetteer does not know: did you mean {names}? Or give "
            "the place as home_coordinates: [latitude, longitude]"
        ).format(home=portrait.home, names=", ".join(f"'{name}'" for name in names))
    else:
        message = N_(
            "'home' is '{home}', which the gazetteer does not know: write the town and the country, "
            "as in 'Oran, Algérie', or give the place as home_coordinates: [latitude, longitude]"
        ).format(home=portrait.home)
    problems.warning(message, field="home")
    return problems.items[0]
