"""Run one detector (inside a one-detector pipeline) on a small text."""

from __future__ import annotations

from typing import Any

import newsclean


def removed(name: str, text: str, **config: Any) -> list[tuple[str, str]]:
    """(reason, text) of what detector ``name`` alone removes from ``text``."""
    pipe = newsclean.Pipeline.from_config({"detectors": [{"name": name, "config": config}]})
    return [(r.reason, r.text) for r in pipe.analyze(text).removals]


BODY = (
    "The council voted on Tuesday to extend the harbour wall by forty metres, after a winter "
    "of storms flooded the market square three times.\n"
    "Engineers said the work would take two summers and would be paid for from the regional "
    "resilience fund rather than from local taxes.\n"
    "Residents who spoke at the meeting mostly welcomed the plan, although some asked for the "
    "old slipway to be kept open for rowing clubs.\n"
)


def around(line: str, where: str = "tail") -> str:
    """``line`` placed after (tail), before (head) or inside (middle) an article body."""
    paras = BODY.strip().split("\n")
    if where == "head":
        return line + "\n" + BODY
    if where == "middle":
        return "\n".join([paras[0], line, *paras[1:]]) + "\n"
    return BODY + line + "\n"
