"""One document at a time, every failure turned into ``(error_type, message)``.

:class:`Cleaner` is the one cleaning loop behind ``newsclean batch``, the report's ``--clean``
and the datatrove and Ray integrations; :class:`LazyCleaner` is how the integrations carry
it across processes (the pipeline travels, the cleaner is rebuilt where it runs).
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterable, Mapping
from types import FrameType
from typing import Any

from .._pipeline import Pipeline
from .._removal import Article
from ..errors import DocumentTimeoutError, NewscleanError
from .options import BatchOptions
from .tally import Tally, nbytes

__all__ = ["MISSING", "Cleaner", "LazyCleaner", "analyze_html", "check_options", "resolve_pipeline"]

#: The value of a field a record does not have.
MISSING: Any = object()
_MAX_LISTED_FIELDS = 20

Outcome = tuple[Article | None, str | None, str | None]


def analyze_html(
    html: str | bytes, *, url: str | None = None, pipeline: Pipeline | None = None
) -> Article:
    """``newsclean.analyze_html`` (imported late: the HTML front-end is optional weight)."""
    import newsclean

    fn: Callable[..., Article] | None = getattr(newsclean, "analyze_html", None)
    if fn is None:  # pragma: no cover - only in a build without the HTML front-end
        raise NewscleanError("this newsclean has no HTML front-end (newsclean.analyze_html)")
    return fn(html, url=url, pipeline=pipeline)


def resolve_pipeline(pipeline: Pipeline | Mapping[str, Any] | str | None) -> Pipeline:
    """A pipeline from a Pipeline, a config dict, TOML text, or ``None`` (the default)."""
    if pipeline is None:
        return Pipeline.default()
    if isinstance(pipeline, Pipeline):
        return pipeline
    return Pipeline.from_config(pipeline)


def check_options(pipeline: Pipeline, options: BatchOptions) -> None:
    """Fail now, not once per record, on detector names the pipeline does not know."""
    if options.disable:
        pipeline.analyze("", disable=options.disable)


def missing_message(field: str, present: Iterable[str] | None) -> str:
    """``no field 'text' (fields: body, id)``: naming what is there finds a typo at once."""
    if present is None:
        return f"no field {field!r}"
    names = sorted(str(k) for k in present)
    more = ", ..." if len(names) > _MAX_LISTED_FIELDS else ""
    shown = ", ".join(names[:_MAX_LISTED_FIELDS]) + more
    return f"no field {field!r} (fields: {shown or 'none'})"


class Cleaner:
    """Cleans one value at a time, turning every failure into (error_type, message)."""

    def __init__(self, pipeline: Pipeline, options: BatchOptions) -> None:
        self.pipeline = pipeline
        self.options = options
        # HTML: disabled detectors are switched off in the pipeline itself, once.
        self.html_pipeline = pipeline.disable(*options.disable) if options.disable else pipeline
        self._in_doc = False
        self._timed_out = False
        self.timeout = options.doc_timeout
        self._warm_up()
        if self.timeout:
            try:
                signal.signal(signal.SIGALRM, self._on_alarm)
            except ValueError:  # not the main thread: cannot use SIGALRM
                print("newsclean: --doc-timeout needs the main thread; ignored", file=sys.stderr)
                self.timeout = None

    def _warm_up(self) -> None:
        """Pay one-off costs (lazy imports, phrase packs, regexes) before any timed document."""
        sample = "Council Approves Bridge\nThe council approved the bridge.\nAdvertisement"
        try:
            if self.options.is_html:
                self._analyze(f"<html><body><p>{sample}</p></body></html>", None)
            else:
                self._analyze(sample, None)
        except Exception:  # a warm-up failure shows again, per record, where it belongs
            pass

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        if self._in_doc:
            self._timed_out = True
            raise DocumentTimeoutError(f"took longer than {self.timeout:g} s")

    def _analyze(self, value: str | bytes, url: object) -> Article:
        """The one place a document meets the pipeline: a new pass-through option goes here."""
        if self.options.is_html:
            page_url = url if isinstance(url, str) else None
            return analyze_html(value, url=page_url, pipeline=self.html_pipeline)
        assert isinstance(value, str)
        if self.options.mode == "page":
            from .._page import analyze_page  # the page model loads only when asked for

            return analyze_page(value, self.pipeline, disable=self.options.disable)
        return self.pipeline.analyze(value, disable=self.options.disable)

    def _timed(self, value: str | bytes, url: object) -> Article:
        self._in_doc, self._timed_out = True, False
        if self.timeout:
            # Re-fired every 0.1 s: a library that swallows one alarm (trafilatura catches
            # Exception around its fallbacks) meets the next one.
            signal.setitimer(signal.ITIMER_REAL, self.timeout, 0.1)
        try:
            article = self._analyze(value, url)
        finally:
            self._in_doc = False
            if self.timeout:
                signal.setitimer(signal.ITIMER_REAL, 0)
        if self._timed_out:  # the alarm's exception was swallowed inside a library
            raise DocumentTimeoutError(f"took longer than {self.timeout:g} s")
        return article

    def clean(
        self,
        value: object,
        url: object,
        where: str,
        tally: Tally,
        *,
        present: Iterable[str] | None = None,
    ) -> Outcome:
        """(article, error_type, error); ``value`` is :data:`MISSING` when the field is absent.

        ``present`` names the record's fields, for the message when the input field is missing.
        """
        o = self.options
        if value is MISSING:
            return _fail(tally, where, "missing_field", missing_message(o.input_field, present))
        allowed: tuple[type, ...] = (str, bytes) if o.is_html else (str,)
        if not isinstance(value, allowed):
            kind = "null" if value is None else type(value).__name__
            msg = f"field {o.input_field!r} is {kind}, not a string"
            return _fail(tally, where, "bad_field_type", msg)
        try:
            article = self._timed(value, url)  # type: ignore[arg-type]
        except Exception as e:  # any failure of one document is that document's error row
            if self._timed_out:  # an extractor may have wrapped the timeout in its own error
                return _fail(tally, where, "timeout", f"took longer than {self.timeout:g} s")
            return _fail(tally, where, type(e).__name__, str(e) or repr(e))
        tally.success(article, nbytes(value))
        return article, None, None


def _fail(tally: Tally, where: str, etype: str, message: str) -> tuple[None, str, str]:
    message = f"{where}: {message}"
    tally.error(where, etype, message)
    return None, etype, message


class LazyCleaner:
    """A pipeline and options that build their :class:`Cleaner` once per process, on first use.

    Pickling drops the cleaner (it owns a signal handler), so a framework can ship this to
    its workers; each rebuilds its own.
    """

    def __init__(
        self, pipeline: Pipeline | Mapping[str, Any] | str | None, options: BatchOptions
    ) -> None:
        self.pipeline = resolve_pipeline(pipeline)
        self.options = options
        check_options(self.pipeline, options)
        self._cleaner: Cleaner | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_cleaner"] = None
        return state

    def clean(self, value: object, url: object, where: str, tally: Tally | None = None) -> Outcome:
        if self._cleaner is None:
            self._cleaner = Cleaner(self.pipeline, self.options)
        return self._cleaner.clean(value, url, where, tally if tally is not None else Tally())
