"""What the visitor sees next, and why: the screen's rules, without Qt and with a fake clock."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.content.photocache import photo_identity
from kiosk.content.portraits import Portrait
from kiosk.content.text import LocalText
from kiosk.screen.policy import ADMISSION_S, Cursor, ScreenFeedPolicy, autoplay_advances


def portrait(portrait_id: str, name: str | None = None, size: int = 1000) -> Portrait:
    text = LocalText((("fr", "texte"), ("en", "text")))
    return Portrait(
        id=portrait_id,
        folder=f"/c/{portrait_id}",
        name=name or portrait_id.title(),
        profession=text,
        origin=text,
        testimony=text,
        quote=None,
        arrived=None,
        photo=f"/c/{portrait_id}/photo.jpg",
        photo_size=None,
        photo_stamp=(size, 1),
        photo_credit=None,
        published=True,
    )


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Screen:
    """The cycle as the Qt model holds it, for the policy to read and the test to change."""

    def __init__(self) -> None:
        self.shown: list[Portrait] = []

    def portraits(self) -> list[Portrait]:
        return list(self.shown)

    def version_of(self, portrait_id: str) -> Portrait | None:
        return next((p for p in self.shown if p.id == portrait_id), None)

    def apply(self, admission) -> None:
        if admission.everything is not None:
            self.shown = list(admission.everything)
        for arrival in admission.arrivals:
            others = [p for p in self.shown if p.id != arrival.id]
            self.shown = sorted([*others, arrival], key=lambda p: p.id)


def make(ready: set[str]):
    clock = Clock()
    policy = ScreenFeedPolicy(lambda p: photo_identity(p) in ready, clock)
    return policy, clock, Screen()


def ids(screen: Screen) -> list[str]:
    return [p.id for p in screen.shown]


def test_a_portrait_enters_only_once_its_pictures_are_ready():
    a, b = portrait("a"), portrait("b")
    ready = {photo_identity(a)}
    policy, clock, screen = make(ready)
    screen.apply(policy.admit((a, b), screen, reading=None))
    assert ids(screen) == ["a"]
    ready.add(photo_identity(b))
    clock.now += 1
    assert policy.prepared(photo_identity(b)) == 0  # the last admission was long ago: now
    screen.apply(policy.admit((a, b), screen, reading=None))
    assert ids(screen) == ["a", "b"]


def test_prepared_photos_arriving_together_are_let_in_as_one_batch():
    a, b = portrait("a"), portrait("b")
    ready: set[str] = set()
    policy, clock, screen = make(ready)
    live = (a, b)  # unchanged between looks: the same tuple, as LiveCollection publishes it
    screen.apply(policy.admit(live, screen, reading=None))
    ready.add(photo_identity(a))
    clock.now += 0.1
    assert policy.prepared(photo_identity(a)) == pytest.approx(ADMISSION_S - 0.1)  # wait: a batch
    ready.add(photo_identity(b))
    policy.prepared(photo_identity(b))
    clock.now += ADMISSION_S
    admission = policy.admit(live, screen, reading=None)
    assert sorted(p.id for p in admission.arrivals) == ["a", "b"] and admission.everything is None


def test_a_new_version_waits_for_its_pictures_and_the_old_one_stays_meanwhile():
    old = portrait("a", "Amadou")
    ready = {photo_identity(old)}
    policy, clock, screen = make(ready)
    screen.apply(policy.admit((old,), screen, reading=None))
    new = replace(old, name="Amadou D.", photo_stamp=(2000, 2))  # a new photo too
    policy.announce("a")
    screen.apply(policy.admit((new,), screen, reading=None))
    assert screen.shown == [old]
    ready.add(photo_identity(new))
    policy.prepared(photo_identity(new))
    clock.now += 1
    admission = policy.admit((new,), screen, reading=None)
    screen.apply(admission)
    assert screen.shown == [new] and admission.changes == ["updated a"]


def test_the_portrait_being_read_is_neither_changed_nor_removed_until_the_visitor_moves_on():
    a, b = portrait("a", "Anna"), portrait("b")
    ready = {photo_identity(a), photo_identity(b)}
    policy, clock, screen = make(ready)
    screen.apply(policy.admit((a, b), screen, reading=None))
    edited = replace(a, name="Anna K.")
    policy.announce("a")
    screen.apply(policy.admit((edited, b), screen, reading=a))
    assert screen.shown == [a, b] and policy.held_back
    screen.apply(policy.admit((b,), screen, reading=a))  # removed while read: it stays
    assert ids(screen) == ["a", "b"]
    assert policy.release_held_back()  # the visitor moved on
    admission = policy.admit((b,), screen, reading=b)
    screen.apply(admission)
    assert ids(screen) == ["b"] and admission.changes == ["removed a"]


def test_under_autoplay_nobody_is_reading_so_changes_show_at_once():
    a = portrait("a", "Anna")
    ready = {photo_identity(a)}
    policy, clock, screen = make(ready)
    screen.apply(policy.admit((a,), screen, reading=None))
    edited = replace(a, name="Anna K.")
    policy.announce("a")
    admission = policy.admit((edited,), screen, reading=None)
    screen.apply(admission)
    assert screen.shown == [edited] and admission.changes == ["updated a"] and not policy.held_back


def test_a_photo_that_failed_keeps_its_version_out_until_retried():
    a, b = portrait("a"), portrait("b")
    ready = {photo_identity(a), photo_identity(b)}
    policy, clock, screen = make(ready)
    assert policy.failed(photo_identity(b)) and not policy.failed(photo_identity(b))  # said once
    screen.apply(policy.admit((a, b), screen, reading=None))
    assert ids(screen) == ["a"]
    policy.retry()
    screen.apply(policy.admit((a, b), screen, reading=None))
    assert ids(screen) == ["a", "b"]


def test_the_start_is_not_logged_as_changes_but_live_arrivals_are():
    a, b = portrait("a"), portrait("b")
    ready = {photo_identity(a), photo_identity(b)}
    policy, clock, screen = make(ready)
    assert policy.admit((a,), screen, reading=None).changes == []
    screen.shown = [a]
    policy.announce("b")
    assert policy.admit((a, b), screen, reading=None).changes == ["added b"]


def test_the_cursor_wraps_so_autoplay_shows_every_portrait_once_before_any_repeats():
    cursor = Cursor()
    seen = []
    for _ in range(8):
        seen.append(cursor.index)
        cursor.step(+1, 4)
    assert seen == [0, 1, 2, 3, 0, 1, 2, 3]
    assert cursor.step(-1, 4) and cursor.index == 3
    assert not cursor.go_to(7, 4) and cursor.index == 3  # 7 wraps to where it is


def test_after_a_change_the_visitor_stays_on_their_portrait_or_on_the_one_that_followed_it():
    cursor = Cursor()
    cursor.go_to(2, 5)
    assert cursor.follow(row_of_shown=1, fallback=0) and cursor.index == 1  # one before it left
    assert not cursor.follow(row_of_shown=1, fallback=0)
    cursor.go_to(4, 5)
    assert cursor.fallback_after_removal(count=4) == 3  # the last one left: the new last
    assert cursor.neighbour_rows(5) == [0, 3] and Cursor().neighbour_rows(1) == []


def test_autoplay_does_not_turn_the_page_under_an_open_panel():
    assert autoplay_advances("") and not autoplay_advances("overview")
