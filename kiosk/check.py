"""`kiosk check`: every problem of a collection, one line each, or as JSON."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from kiosk import exits
from kiosk.catalogue import N_, SOURCE_LANGUAGE, counted, translator
from kiosk.content.collection import Collection
from kiosk.content.facets import FACETS, Selection, facet_values
from kiosk.content.homes import Home, find_home, km_between
from kiosk.content.links import drawn_link
from kiosk.content.portraits import Portrait
from kiosk.content.problems import Problem, capped_lines
from kiosk.content.text import escape_controls
from kiosk.content.voices import Voice
from kiosk.content.voicestudy import VoiceStudy, voice_problems
from kiosk.settings import Settings
from kiosk.workers import gazetteer as gazetteer_workers
from kiosk.workers import voices as voice_workers

Studies = dict[tuple[str, str], VoiceStudy]  # by portrait id and spoken language
Homes = dict[str, Home]  # by portrait id


def exit_status(collection: Collection) -> int:
    return exits.CONTENT_ERRORS if any(p.is_error for p in collection.problems) else exits.OK


def report_lines(collection: Collection, language: str = SOURCE_LANGUAGE) -> list[str]:
    """For a terminal, in `language`: control characters in names and messages are escaped."""
    lines = [*capped_lines(collection.problems, language=language), summary(collection, language)]
    return [escape_controls(line) for line in lines]


def summary(collection: Collection, language: str = SOURCE_LANGUAGE) -> str:
    _ = translator(language)
    warnings = sum(1 for p in collection.problems if not p.is_error)
    parts = [
        counted(
            N_("{count} portrait ready"), N_("{count} portraits ready"), len(collection.portraits), language
        ),
        _(N_("{count} hidden"), count=len(collection.drafts)),
        _(N_("{count} broken"), count=len(collection.broken)),
        counted(N_("{count} warning"), N_("{count} warnings"), warnings, language),
    ]
    return ", ".join(parts)


def study_voices(collection: Collection, settings: Settings) -> tuple[Collection, Studies]:
    """Every voice of the collection decoded and measured (two at a time, each in a child),
    and the collection with the problems found."""
    wanted = [(p, v) for r in collection.readings if (p := r.portrait) is not None for v in p.voices]

    def one(item: tuple[Portrait, Voice]) -> VoiceStudy:
        portrait, voice = item
        try:
            return voice_workers.study(
                portrait.folder,
                voice,
                max_seconds=settings.voice_max_minutes * 60,
                target_lufs=settings.voice_loudness_lufs,
            )
        except OSError as exc:
            return VoiceStudy(
                None,
                N_("the recording cannot be read ({reason}): check its permissions").format(reason=exc),
                {},
                {},
            )

    with ThreadPoolExecutor(max_workers=2) as pool:
        studies = dict(zip(((p.id, v.spoken) for p, v in wanted), pool.map(one, wanted), strict=True))
    problems: list[Problem] = []
    for portrait, voice in wanted:
        problems.extend(
            voice_problems(
                portrait.id, voice, studies[portrait.id, voice.spoken], settings.voice_loudness_lufs
            )
        )
    readings = tuple(
        _with_problems(r, [p for p in problems if p.folder == r.id]) for r in collection.readings
    )
    return replace(collection, readings=readings), studies


def locate_homes(collection: Collection, settings: Settings) -> tuple[Collection, Homes]:
    """Where each portrait's person comes from, in the gazetteer (built once, in a child
    process), and the collection with a problem for each `home:` it does not know."""
    if not collection.portraits:
        return collection, {}
    gazetteer = gazetteer_workers.open_gazetteer(gazetteer_workers.default_folder())
    homes: Homes = {}
    problems: list[Problem] = []
    try:
        for portrait in collection.portraits:
            home, found = find_home(portrait, gazetteer, settings.languages.default)
            problems.extend(found)
            if home is not None:
                homes[portrait.id] = home
    finally:
        if gazetteer is not None:
            gazetteer.close()
    readings = tuple(
        _with_problems(r, [p for p in problems if p.folder == r.id]) for r in collection.readings
    )
    return replace(collection, readings=readings), homes


def _with_problems(reading, problems: list[Problem]):
    return replace(reading, problems=(*reading.problems, *problems)) if problems else reading


def voices_json(portrait: Portrait, studies: Studies) -> dict:
    """The portrait's playable voices, by spoken language."""
    found = {}
    for voice in portrait.voices:
        study = studies.get((portrait.id, voice.spoken))
        if study is None or study.facts is None:
            continue
        found[voice.spoken] = {
            "file": voice.file,
            "seconds": round(study.facts.seconds, 2),
            "captions": sorted(study.captions),
            "loudness_lufs": round(study.facts.loudness_lufs, 1),
        }
    return found


def report_json(
    collection: Collection,
    language: str | None = None,
    studies: Studies | None = None,
    settings: Settings | None = None,
    homes: Homes | None = None,
) -> str:
    """The report for scripts; the facets' labels in `language` (default: the collection's)."""
    default = collection.languages.default
    settings = settings or Settings(languages=collection.languages)
    homes = homes or {}
    data = {
        "root": collection.root,
        "portraits": [
            {
                "id": p.id,
                "name": p.name,
                "profession": p.profession.get(default, default),
                "origin": p.origin.get(default, default),
                "photo": os.path.relpath(p.photo, collection.root),
                **({"voices": voices_json(p, studies or {})} if p.voices else {}),
                "link": drawn_link(p.link, settings.link, default, default) or None,
                "home": homes[p.id].written if p.id in homes else p.home,
                "km_from_home": _km_from_home(homes.get(p.id), settings),
            }
            for p in collection.portraits
        ],
        "hidden": [
            {"id": r.id, "reason": "draft: 'published: false' in portrait.yaml"} for r in collection.drafts
        ],
        "problems": [p.as_json() for p in collection.problems],
        "facets": facets_json(collection, language or default),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _km_from_home(home: Home | None, settings: Settings) -> float | None:
    """Not rounded: rounding is for the screen."""
    if home is None:
        return None
    return km_between(settings.exhibition_coordinates, (home.latitude, home.longitude))


def facets_json(collection: Collection, language: str) -> dict:
    """The filter chips as visitors see them with no filter chosen, in `language`."""
    portraits = list(collection.portraits)
    return {
        facet: [
            {"label": value.label, "count": value.count}
            for value in facet_values(portraits, facet, Selection(), language, collection.languages)
        ]
        for facet in FACETS
    }


def language_for_messages(requested: str | None, offered: tuple[str, ...], environment: dict) -> str:
    """The language of what the kiosk says to curators and staff: `requested` (--lang),
    else LANG when it names an offered language, else the collection's default."""
    if requested:
        return requested
    lang = environment.get("LANG", "")
    code = lang.split(".")[0].split("_")[0].split("@")[0].lower()
    return code if code in offered else offered[0]
