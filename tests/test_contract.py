"""The extension contract: what a detector or phrase pack author gets told when it is wrong."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

import pytest

import newsclean
from newsclean import ConfigError, Detector, Document, Pipeline, Removal
from newsclean import _registry as registry
from newsclean._detectors.phrase_lines import PhraseLineDetector
from newsclean._phrases import line_matcher, phrase_set, phrases, searcher
from newsclean._removal import KINDS, SOURCE_KIND, TITLE_KIND, check_reason

BODY = (
    "The council voted on Tuesday to extend the harbour wall by two kilometres.\n"
    "Work starts in spring and should be finished before the winter storms arrive.\n"
)


@pytest.fixture
def scratch() -> Iterator[list[str]]:
    """Names registered by a test, dropped from the registry afterwards."""
    names: list[str] = []
    yield names
    for n in names:
        registry._REGISTRY.pop(n, None)


# -- phrase families, lists and languages ------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: phrases("read_mroe", "line"), "no phrase family 'read_mroe'"),
        (lambda: phrase_set("newsletter", "title_ends"), "has no list 'title_ends'"),
        (lambda: line_matcher("comments", "headers", "line"), "has no list 'headers'"),
        (lambda: searcher("share", "contains", ("english",)), "no phrase pack for language"),
        (lambda: line_matcher("share", "line", "whole_line"), "unknown match mode"),
        (lambda: searcher("share", "line"), "is not scanned for"),
    ],
)
def test_a_misspelt_family_list_language_or_mode_is_a_config_error(
    call: object, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        call()  # type: ignore[operator]


def test_a_list_named_after_a_mode_may_be_missing_from_a_family() -> None:
    # No pack has `contains` phrases for aggregators: asking is fine and finds nothing.
    assert searcher("aggregator", "contains") is None
    assert phrases("aggregator", "line", ("en",))


def test_a_phrase_line_detector_with_a_misspelt_family_fails_when_built() -> None:
    @dataclass(frozen=True)
    class Typo(PhraseLineDetector):
        name = "test_typo"
        family = "newsleter"
        kind = "newsletter"

    with pytest.raises(ConfigError, match="no phrase family 'newsleter'"):
        Typo()
    with pytest.raises(ConfigError, match="language"):
        Pipeline.default().configure("share", languages=["en", "nl_BE"])


# -- reason kinds, title and source ------------------------------------------------------------


@dataclass(frozen=True)
class _Tagger(Detector):
    """Removes lines starting with "@" under the reason ``test_reason``, data as given."""

    name = "test_tagger"
    reason: str = "widget.at"
    source: str = ""

    def detect(self, doc: Document) -> Iterable[Removal]:
        data = {"source": self.source} if self.source else {}
        for b in doc.blocks:
            if b.text.startswith("@"):
                yield self.remove(b, self.reason, 0.9, **data)


def test_a_detector_emitting_an_unknown_kind_gets_a_clear_error(scratch: list[str]) -> None:
    newsclean.register(_Tagger)
    scratch.append(_Tagger.name)
    p = Pipeline.from_config(
        {"detectors": [{"name": "test_tagger", "config": {"reason": "ads.x"}}]}
    )
    with pytest.raises(ConfigError, match=r"'test_tagger' gave reason 'ads\.x'"):
        p.clean(BODY + "@ sponsored\n")
    for bad in ("widget", "widget.", ".at", "Widget.at"):
        with pytest.raises(ConfigError):
            check_reason(bad, "d")
    assert all(check_reason(f"{k}.rule", "d") for k in KINDS)


def test_only_source_credit_removals_fill_article_source(scratch: list[str]) -> None:
    newsclean.register(_Tagger)
    scratch.append(_Tagger.name)
    text = "@ photo by a reader\n" + BODY

    def source(kind: str) -> str | None:
        config = {"reason": f"{kind}.at", "source": "Harbour Gazette"}
        p = Pipeline.from_config({"detectors": [{"name": "test_tagger", "config": config}]})
        return p.analyze(text).source

    assert source(SOURCE_KIND) == "Harbour Gazette"
    assert source("caption") is None  # data["source"] of another kind is only data


def test_the_first_title_removal_is_the_article_title() -> None:
    art = newsclean.analyze("Harbour Wall Extended After Winter Floods\n" + BODY)
    lifted = [r for r in art.removals if r.kind == TITLE_KIND]
    assert lifted and art.title == "Harbour Wall Extended After Winter Floods"
    assert newsclean.analyze(BODY, title="Given").title == "Given"


# -- register ----------------------------------------------------------------------------------


def test_register_refuses_an_annotated_class_attribute() -> None:
    @dataclass(frozen=True)
    class Annotated(Detector):
        name: str = "test_annotated"  # type: ignore[misc]

    with pytest.raises(ConfigError, match=r"\['name'\] became option"):
        newsclean.register(Annotated)
    assert "test_annotated" not in registry.names()


def test_register_refuses_options_of_a_class_that_is_not_a_dataclass() -> None:
    class Forgot(Detector):  # no @dataclass: max_words is a plain class attribute
        name = "test_forgot"
        max_words: int = 20

    with pytest.raises(ConfigError, match=r"\['max_words'\] are not options.*@dataclass"):
        newsclean.register(Forgot)


def test_register_refuses_unnamed_foreign_and_duplicate_classes(scratch: list[str]) -> None:
    @dataclass(frozen=True)
    class Nameless(Detector):
        pass

    @dataclass(frozen=True)
    class Again(Detector):
        name = "comments"

    with pytest.raises(ConfigError, match="has no name"):
        newsclean.register(Nameless)
    with pytest.raises(ConfigError, match="not a subclass"):
        newsclean.register(dict)  # type: ignore[type-var]
    with pytest.raises(ConfigError, match="'comments' is taken"):
        newsclean.register(Again)


def test_class_vars_declared_by_a_subclass_stay_class_vars(scratch: list[str]) -> None:
    @newsclean.register
    @dataclass(frozen=True)
    class Fine(PhraseLineDetector):
        name = "test_fine"
        family = "share"
        kind = "share"
        flavour: ClassVar[str] = "plain"
        max_words: int = 3

    scratch.append(Fine.name)
    assert set(Fine().config()) >= {"max_words", "languages"}
    assert not {"name", "family", "kind", "flavour"} & set(Fine().config())


def test_plugins_do_not_enter_the_builtin_snapshot(scratch: list[str]) -> None:
    newsclean.register(_Tagger)
    scratch.append(_Tagger.name)
    assert "test_tagger" in registry.names()
    assert "test_tagger" not in registry.builtin_names()
