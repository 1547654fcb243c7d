"""Article text that recirculation and prompt rules once took for noise (found by review).

Each case is real prose or real page content in the shape of a noise family: the whole
default pipeline must keep it. The positive side of each rule is tested beside the rule.
"""

from __future__ import annotations

import newsclean

from .helpers import BODY

GERMAN_BODY = (
    "Die Stadt hat am Dienstag beschlossen, die Hafenmauer um vierzig Meter zu verlängern, "
    "nachdem Stürme den Marktplatz im Winter dreimal überflutet hatten.\n"
    "Der Bürgermeister sagte bei der Sitzung im Rathaus, dass die Kosten aus dem regionalen "
    "Fonds und nicht aus den Steuern der Stadt bezahlt werden.\n"
)


def _kept(text: str, *lines: str) -> None:
    out = newsclean.clean(text)
    for line in lines:
        assert line in out, (line, newsclean.analyze(text).explain())


def test_german_noun_list_is_not_a_title_case_teaser_list() -> None:
    items = ["- Kartoffelsalat mit Gurken und Dill", "- Rinderbraten mit Rotkohl und Klößen"]
    text = GERMAN_BODY + "Auf der Karte des Hafenfests stehen:\n" + "\n".join(items) + "\n"
    _kept(text, "Auf der Karte des Hafenfests stehen:", *items)


def test_english_title_case_teasers_after_the_article_still_go() -> None:
    teasers = [
        "- Storm Season Forces Harbour Towns to Rethink Their Sea Defences",
        "- Rowing Clubs Celebrate Reopening of the Historic Old Slipway",
    ]
    art = newsclean.analyze(BODY + "\n".join(teasers) + "\n")
    gone = {r.text for r in art.removals if r.reason == "related_links.tail_list"}
    assert gone == set(teasers)


def test_programme_table_with_a_repeated_first_column_is_kept() -> None:
    rows = [
        "Main Stage | The Harbour Band plays sea shanties at 7pm",
        "Main Stage | The Quay Street Choir sings old songs at 8pm",
        "Main Stage | The Lighthouse Jazz Trio closes the night at 9pm",
    ]
    _kept(BODY + "\n".join(rows) + "\n", *rows)


def test_formatting_tags_around_a_paragraph_are_not_a_shortcode() -> None:
    quote = (
        "[quote]We were lucky that nobody drowned this winter, and the next storm could be "
        "worse, the harbour master told the meeting.[/quote]"
    )
    paras = BODY.strip().split("\n")
    _kept("\n".join([paras[0], quote, *paras[1:]]) + "\n", quote)
    bold = "[b]The harbour wall will be forty metres longer by the end of next summer.[/b]"
    _kept("\n".join([paras[0], bold, *paras[1:]]) + "\n", bold)


def test_a_button_shortcode_is_still_removed() -> None:
    line = '[button link="https://example.org/letters" size="big"]Send us your letter[/button]'
    art = newsclean.analyze(BODY + line + "\n")
    assert [r.reason for r in art.removals if r.text == line] == ["symbols.shortcode"]


def test_quoted_speech_with_a_prompt_phrase_is_kept_with_what_follows() -> None:
    quote = (
        '"We\'d like to hear what you think before the council votes in March," the mayor '
        "told residents at the meeting."
    )
    after = (
        "The consultation closes at the end of February, and a second public meeting is "
        "planned for the spring."
    )
    _kept(BODY + quote + "\n" + after + "\n", quote, after)


def test_a_letters_prompt_at_the_end_still_goes() -> None:
    prompt = "We'd like to hear what you think about this article. Write to us."
    art = newsclean.analyze(BODY + prompt + "\n")
    assert prompt in {r.text for r in art.removals}


def test_coverage_sentence_in_prose_is_kept() -> None:
    line = (
        "The station's full coverage of the storms won a regional award last year, the jury said."
    )
    _kept(BODY + line + "\n", line)
    _kept(BODY + "Full coverage of the storms won an award.\n", "Full coverage of the storms")


def test_newsletter_subheadings_inside_the_article_are_kept() -> None:
    paras = BODY.strip().split("\n")
    text = "\n".join(
        [paras[0], "The rise of the newsletter", paras[1], "Why readers love newsletters", paras[2]]
    )
    _kept(text + "\n", "The rise of the newsletter", "Why readers love newsletters")


def test_a_newsletter_box_title_at_the_end_still_goes() -> None:
    art = newsclean.analyze(BODY + "The Harbour Morning Newsletter\n")
    assert [r.reason for r in art.removals] == ["newsletter.title"]


def test_a_caption_label_is_not_removed_alone_from_its_credit() -> None:
    paras = BODY.strip().split("\n")
    text = "\n".join([paras[0], "Photo:", "Jane Doe/AP", *paras[1:]]) + "\n"
    removed = {r.text for r in newsclean.analyze(text).removals}
    assert "Photo:" not in removed


def test_a_bare_widget_label_still_goes() -> None:
    paras = BODY.strip().split("\n")
    art = newsclean.analyze("\n".join([paras[0], "Photos", *paras[1:]]) + "\n")
    assert [r.reason for r in art.removals] == ["widget.line"]


def test_caption_labels_left_with_nothing_to_caption_go_together() -> None:
    """A run of labels that ends the text goes in one pass (so cleaning is idempotent
    however long the run); one above a credit, or above the article, stays."""
    stacked = BODY + "Photo:\n" * 40
    art = newsclean.analyze(stacked)
    assert [r.reason for r in art.removals] == ["widget.line"] * 40
    assert newsclean.clean(art.text) == art.text == BODY.rstrip("\n")
    # A credit removed below a label strands it: the same cleaning takes the label too.
    text = BODY + "Photo:\n© 2024 Harbour Gazette. All rights reserved.\n"
    out = newsclean.clean(text)
    assert out == BODY.rstrip("\n") and newsclean.clean(out) == out
    assert "Photo:" in newsclean.clean("Photo:\n" + BODY)
