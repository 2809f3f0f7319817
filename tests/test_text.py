"""Text cleaning: what curators type becomes what visitors read."""

from __future__ import annotations

from kiosk.content.text import clean_text, group_key


def test_wrapped_lines_reflow_and_paragraphs_stay():
    typed = "Quand je suis arrivée,\nje ne connaissais\npersonne.\n\n\n  Aujourd'hui   je dirige.\n"
    assert (
        clean_text(typed, multiline=True)
        == "Quand je suis arrivée, je ne connaissais personne.\n\nAujourd'hui je dirige."
    )


def test_guillemets_never_leave_a_word_alone_on_a_line():
    assert clean_text("« Paris m'a appris. »", multiline=False) == "«\u00a0Paris m'a appris.\u00a0»"


def test_single_line_fields_fold_onto_one_line():
    assert clean_text("Cheffe\n  cuisinière ", multiline=False) == "Cheffe cuisinière"


def test_group_key_ignores_case_accents_and_spaces():
    assert group_key(" Algérie ") == group_key("ALGERIE") == group_key("algérie")
    assert group_key("Royaume-Uni") != group_key("Royaume Uni")
