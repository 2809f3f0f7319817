"""The Qt models QML reads, checked by pytest-qt's model tester."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.content.collection import scan
from kiosk.content.facets import Selection
from kiosk.content.text import Languages
from kiosk.qt.models import FacetFilterModel, FacetRole, FacetValuesModel, PortraitListModel, PortraitRole
from tests.conftest import SAMPLES

LANGS = Languages()


def portraits_model(qapp) -> PortraitListModel:
    model = PortraitListModel(LANGS, lambda portrait, kind: f"file:///{kind}/{portrait.id}.jpg")
    model.set_portraits(scan(str(SAMPLES)).portraits)
    return model


def test_portrait_list_model(qtmodeltester, qapp):
    model = portraits_model(qapp)
    qtmodeltester.check(model)
    assert model.rowCount() == 8
    assert model.roleNames()[int(PortraitRole.PHOTO_URL)].data() == b"photoUrl"
    first = model.index(0)
    assert model.data(first, PortraitRole.ORIGIN) == "Sénégal"
    model.set_language("en")
    assert model.data(first, PortraitRole.ORIGIN) == "Senegal"
    assert model.data(first, PortraitRole.THUMB_URL) == "file:///thumb/amadou-diallo.jpg"


def test_language_change_tells_views(qtbot, qapp):
    model = portraits_model(qapp)
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_language("en")
    assert changed.args[0].row() == 0 and changed.args[1].row() == 7


def test_facet_filter_model(qtmodeltester, qapp):
    source = portraits_model(qapp)
    proxy = FacetFilterModel(LANGS, source)
    qtmodeltester.check(proxy)
    proxy.set_selection(Selection(origin="algerie"))
    qtmodeltester.check(proxy)
    assert [proxy.portrait_at(row).id for row in range(proxy.rowCount())] == ["karim-haddad", "samira-benali"]
    assert proxy.row_of("samira-benali") == 1 and proxy.row_of("amadou-diallo") == -1


def test_facet_values_model(qtmodeltester, qapp):
    from kiosk.content.facets import facet_values

    portraits = scan(str(SAMPLES)).portraits
    model = FacetValuesModel("origin")
    model.set_values(facet_values(portraits, "origin", Selection(), "fr", LANGS), "algerie")
    qtmodeltester.check(model)
    assert model.data(model.index(0), Qt.ItemDataRole.DisplayRole) == "Algérie"
    assert model.data(model.index(0), FacetRole.COUNT) == 2
    assert model.data(model.index(0), FacetRole.SELECTED) is True
    assert model.total == 8 and model.selectedKey == "algerie"


def test_updates_touch_only_the_rows_that_change(qtbot, qapp):
    portraits = scan(str(SAMPLES)).portraits
    model = PortraitListModel(LANGS, lambda portrait, kind: "")
    model.set_portraits(portraits[:3] + portraits[5:])
    inserted, removed, resets = [], [], []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    model.rowsRemoved.connect(lambda parent, first, last: removed.append((first, last)))
    model.modelReset.connect(lambda: resets.append(1))
    model.set_portraits(portraits[1:])
    assert removed == [(0, 0)]
    assert inserted == [(2, 3)]  # one run of new rows, one insert
    assert resets == []
    assert [model.portrait_at(row).id for row in range(model.rowCount())] == [p.id for p in portraits[1:]]


def test_portraits_put_in_arrive_in_their_places_and_touch_no_other_row(qtmodeltester, qtbot, qapp):
    """As photos are prepared at start: a few portraits at a time, in any order, some
    of them new versions, go between rows already shown; together they go in one insert."""
    from dataclasses import replace

    portraits = scan(str(SAMPLES)).portraits  # eight, in collection order
    model = PortraitListModel(LANGS, lambda portrait, kind: "")
    model.set_portraits([portraits[1], portraits[4], portraits[5]])
    qtmodeltester.check(model)
    inserted, changed = [], []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    model.dataChanged.connect(lambda first, last, roles: changed.append((first.row(), last.row())))
    renamed = replace(portraits[4], name="Nouveau nom")
    model.put_portraits([portraits[7], portraits[3], renamed, portraits[0], portraits[2]])

    shown = [portraits[0], portraits[1], portraits[2], portraits[3], renamed, portraits[5], portraits[7]]
    assert [model.portrait_at(row) for row in range(model.rowCount())] == shown
    assert inserted == [(0, 0), (2, 3), (6, 6)]  # 2 and 3 go before the same row: one insert
    assert changed == [(4, 4)]  # only the new version's row
    model.put_portraits([portraits[5]])  # the very same version again: nothing to tell
    assert len(inserted) == 3 and len(changed) == 1


def test_a_prepared_picture_refreshes_its_portraits_row_only(qtbot, qapp):
    """A thumbnail or photo prepared later appears in its own row, wherever the row
    has moved to; the identity of a replaced photo no longer refreshes anything."""
    from dataclasses import replace

    from kiosk.content.photocache import photo_identity

    portraits = scan(str(SAMPLES)).portraits
    model = PortraitListModel(LANGS, lambda portrait, kind: "")
    model.set_portraits(portraits[2:])
    changed = []
    model.dataChanged.connect(lambda first, last, roles: changed.append((first.row(), last.row(), roles)))
    model.set_portraits(portraits)  # two rows inserted before: the rest move down
    model.picture_ready(photo_identity(portraits[4]))
    pictures = [
        PortraitRole.PHOTO_URL,
        PortraitRole.THUMB_URL,
        PortraitRole.BACKDROP_URL,
        PortraitRole.PHOTO_SHAPE,
    ]
    assert changed == [(4, 4, [int(role) for role in pictures])]

    changed.clear()
    replaced = replace(portraits[4], photo_stamp=(1, 2))  # the curator put in a new photo
    model.set_portraits([*portraits[:4], replaced, *portraits[5:]])
    changed.clear()
    model.picture_ready(photo_identity(portraits[4]))
    model.picture_ready("no-such-photo")
    assert changed == []
    model.picture_ready(photo_identity(replaced))
    assert [(first, last) for first, last, _ in changed] == [(4, 4)]
