"""A datatrove pipeline step that cleans ``doc.text`` with newsclean.

::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from newsclean.integrations.datatrove import NewscleanStep

    LocalPipelineExecutor(
        [JsonlReader("in/"), NewscleanStep(), JsonlWriter("out/")], tasks=4
    ).run()

Every removal is recorded in ``doc.metadata["newsclean"]`` (``removals``, ``title``,
``source``) and counted in the step's stats: ``removed/<reason>`` per removal, ``removals``,
``chars_removed``, ``changed``, ``emptied``, ``errors/<type>``. A document that newsclean
cannot clean is left as it was, with ``metadata["newsclean_error"]`` set (``on_error="keep"``),
dropped (``"drop"``) or raises (``"raise"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from .._pipeline import Pipeline
from ..errors import ConfigError, NewscleanError
from ._cleaner import lazy_cleaner

__all__ = ["NewscleanStep"]

OnError = Literal["keep", "drop", "raise"]
RemovalDetail = Literal["full", "reasons", "none"]


class NewscleanStep(PipelineStep):  # type: ignore[misc]
    """Clean each document's text (or HTML, with ``html=True``) and explain the removals.

    Args:
        pipeline: a :class:`~newsclean.Pipeline`, a config dict or TOML text.
        html: ``doc.text`` holds HTML; the page URL is read from ``metadata[url_key]``.
        removals: what to keep in ``metadata["newsclean"]["removals"]``: every removal as a
            dict (``"full"``), only the reason codes (``"reasons"``), or nothing (``"none"``).
        drop_empty: drop documents that are empty after cleaning (counted as ``dropped_empty``).
        on_error: what to do with a document newsclean fails on.
        disable: detector names to switch off.
        doc_timeout: per-document time limit in seconds (SIGALRM: main thread only).
        mode: ``"page"`` for whole-page text (html2text, inscriptis, WET), else ``"article"``.
    """

    name = "📰 newsclean"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        pipeline: Pipeline | Mapping[str, Any] | str | None = None,
        *,
        html: bool = False,
        url_key: str = "url",
        metadata_key: str = "newsclean",
        removals: RemovalDetail = "full",
        drop_empty: bool = False,
        on_error: OnError = "keep",
        disable: Iterable[str] = (),
        doc_timeout: float | None = None,
        mode: str = "article",
    ) -> None:
        super().__init__()
        if on_error not in ("keep", "drop", "raise"):
            raise ConfigError(f"on_error must be keep, drop or raise, not {on_error!r}")
        if removals not in ("full", "reasons", "none"):
            raise ConfigError(f"removals must be full, reasons or none, not {removals!r}")
        fields = {
            "text_field": "text",
            "html_field": "text" if html else None,
            "url_field": url_key,
        }
        self.cleaner = lazy_cleaner(pipeline, fields, disable, doc_timeout, mode)
        self.options = self.cleaner.options
        self.metadata_key = metadata_key
        self.removals = removals
        self.drop_empty = drop_empty
        self.on_error = on_error

    def clean_document(self, doc: Document) -> bool:
        """Clean ``doc`` in place; False if it should be dropped."""
        url = doc.metadata.get(self.options.url_field or "url") if self.options.is_html else None
        with self.track_time():
            article, etype, message = self.cleaner.clean(doc.text, url, f"document {doc.id!r}")
        self.stat_update("total")
        if article is None:
            assert etype is not None and message is not None
            self.stat_update("errors", f"errors/{etype}")
            if self.on_error == "raise":
                raise NewscleanError(f"newsclean failed on {message}")
            if self.on_error == "drop":
                return False
            doc.metadata[f"{self.metadata_key}_error"] = f"{etype}: {message}"
            return True
        before = len(doc.text)
        doc.text = article.text
        info: dict[str, Any] = {"title": article.title, "source": article.source}
        if self.removals == "full":
            info["removals"] = [r.to_dict() for r in article.removals]
        elif self.removals == "reasons":
            info["removals"] = [r.reason for r in article.removals]
        doc.metadata[self.metadata_key] = info
        if article.removals:
            self.stat_update("changed")
            self.stat_update("removals", value=len(article.removals))
            for r in article.removals:
                self.stat_update(f"removed/{r.reason}")
        self.stat_update("chars_removed", value=max(0, before - len(article.text)))
        if not article.text:
            self.stat_update("emptied")
            if self.drop_empty:
                self.stat_update("dropped_empty")
                return False
        return True

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        for doc in data:
            if self.clean_document(doc):
                if isinstance(doc.text, str):
                    self.update_doc_stats(doc)
                yield doc
