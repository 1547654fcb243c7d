"""jusText's paragraph revision in linear time, for our calls and for trafilatura's.

``justext.core.revise_paragraph_classification`` looks for each short paragraph's nearest
good/bad neighbours by walking the list from it, so a run of n short paragraphs costs n²:
10^4 short ``<p>`` after an article took 28 s inside trafilatura's jusText fallback.
:func:`revise_paragraph_classification` gives the same classes (a property test compares
the two) with the neighbours read from arrays filled in one pass each way.

trafilatura imports the function by name into ``trafilatura.external``; :func:`install`
points that name at this one (once, at import of the extractor; only while it still is
jusText's own, so a caller's replacement is left alone).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["install", "revise_paragraph_classification"]

#: jusText's default (``MAX_HEADING_DISTANCE_DEFAULT``).
MAX_HEADING_DISTANCE = 200
_GOOD_OR_BAD = ("good", "bad")
_ANY = ("good", "bad", "neargood")
#: The name trafilatura.external imported from justext.core.
_NAME = "revise_paragraph_classification"


def _nearest(classes: Sequence[str], wanted: tuple[str, ...], step: int) -> list[str]:
    """For each index, the class of the nearest other paragraph in ``wanted`` (``step``
    -1: before it, 1: after it), or ``"bad"`` when there is none, as jusText defaults."""
    n = len(classes)
    out = ["bad"] * n
    last = "bad"
    order = range(n) if step < 0 else range(n - 1, -1, -1)
    for i in order:
        out[i] = last
        if classes[i] in wanted:
            last = classes[i]
    return out


def _heading_followed_by_good(paragraphs: Sequence[Any], i: int, max_distance: int) -> bool:
    """Whether a good paragraph starts within ``max_distance`` characters after ``i``
    (bounded: every jusText paragraph holds text)."""
    j = i + 1
    distance = 0
    while j < len(paragraphs) and distance <= max_distance:
        if paragraphs[j].class_type == "good":
            return True
        distance += len(paragraphs[j].text)
        j += 1
    return False


def _classify_short(paragraphs: Sequence[Any]) -> None:
    classes = [p.class_type for p in paragraphs]
    prev_gb = _nearest(classes, _GOOD_OR_BAD, -1)
    next_gb = _nearest(classes, _GOOD_OR_BAD, 1)
    prev_any = _nearest(classes, _ANY, -1)
    next_any = _nearest(classes, _ANY, 1)
    for i, paragraph in enumerate(paragraphs):
        if classes[i] != "short":
            continue
        prev, nxt = prev_gb[i], next_gb[i]
        if prev == nxt:  # both good or both bad
            paragraph.class_type = prev
        elif (prev == "bad" and prev_any[i] == "neargood") or (
            nxt == "bad" and next_any[i] == "neargood"
        ):
            paragraph.class_type = "good"
        else:
            paragraph.class_type = "bad"


def _revise_neargood(paragraphs: Sequence[Any]) -> None:
    # Every short paragraph is good or bad by now, and jusText revises neargood ones in
    # order, so the one before is final: only the next good/bad one needs the array.
    next_gb = _nearest([p.class_type for p in paragraphs], _GOOD_OR_BAD, 1)
    prev = "bad"
    for i, paragraph in enumerate(paragraphs):
        if paragraph.class_type == "neargood":
            both_bad = prev == "bad" and next_gb[i] == "bad"
            paragraph.class_type = "bad" if both_bad else "good"
        prev = paragraph.class_type


def revise_paragraph_classification(
    paragraphs: Sequence[Any], max_heading_distance: int = MAX_HEADING_DISTANCE
) -> None:
    """Context-sensitive classification, as jusText's, in linear time (see the module)."""
    # Classes are copied as the loop goes, so the paragraphs after i still hold their old
    # class here, exactly as in jusText.
    for i, paragraph in enumerate(paragraphs):
        paragraph.class_type = paragraph.cf_class
        short_heading = paragraph.heading and paragraph.class_type == "short"
        if short_heading and _heading_followed_by_good(paragraphs, i, max_heading_distance):
            paragraph.class_type = "neargood"
    _classify_short(paragraphs)
    _revise_neargood(paragraphs)
    for i, paragraph in enumerate(paragraphs):
        demoted = paragraph.class_type == "bad" and paragraph.cf_class != "bad"
        if (
            paragraph.heading
            and demoted
            and _heading_followed_by_good(paragraphs, i, max_heading_distance)
        ):
            paragraph.class_type = "good"


def install() -> None:
    """Make trafilatura's jusText fallback use :func:`revise_paragraph_classification`."""
    import justext.core
    import trafilatura.external

    if getattr(trafilatura.external, _NAME) is justext.core.revise_paragraph_classification:
        setattr(trafilatura.external, _NAME, revise_paragraph_classification)
