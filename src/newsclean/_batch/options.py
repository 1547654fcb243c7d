"""What a batch reads and writes per record, and the errors that stop a whole run."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import NewscleanError

__all__ = [
    "ERROR_FIELD",
    "ERROR_TYPE_FIELD",
    "LINE_FIELD",
    "BatchError",
    "BatchIOError",
    "BatchOptions",
    "Interrupted",
]

#: Columns added to every output row (null when the record was cleaned).
ERROR_TYPE_FIELD = "error_type"
ERROR_FIELD = "error"
#: Key of the 1-based input line number in the error row of an unparseable JSONL line.
LINE_FIELD = "line"


class BatchError(NewscleanError):
    """A batch cannot start or go on because of how it was asked (arguments, fields, checkpoint).

    ``exit_code`` is what ``newsclean batch`` exits with (documented in docs/cli.md).
    """

    exit_code = 2


class BatchIOError(BatchError):
    """Reading the input, writing the output or starting the workers failed (exit status 1)."""

    exit_code = 1


class Interrupted(BaseException):  # like KeyboardInterrupt: not an error
    """The run was stopped by a signal; a final checkpoint was written for ``resume``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@dataclass(frozen=True)
class BatchOptions:
    """What to read and write per record (see ``newsclean batch --help``).

    Every field is part of a checkpoint's identity except ``doc_timeout`` (see
    :func:`newsclean._batch.checkpoint.identity`), so a new cleaning option added here is
    also protected against resuming a run made with another value.

    A new pass-through cleaning option (say ``mode``) is: a field here; its use in
    ``Cleaner._analyze`` (the one place a document meets the pipeline); a flag in
    ``add_batch_parser`` and one line in ``_batch_options`` (``newsclean._batch_command``);
    and, where wanted, a keyword of ``NewscleanStep`` / ``NewscleanMapper``, which build
    their ``BatchOptions``.
    """

    text_field: str = "text"
    #: Read HTML from this field instead of text from ``text_field``.
    html_field: str | None = None
    #: In HTML mode, the page URL is read from this field when present.
    url_field: str | None = "url"
    #: Used to name records in error messages and in unparseable-line error rows.
    id_field: str | None = "id"
    output_field: str = "text_clean"
    #: When set, a list of removal dicts is written to this field.
    removals_field: str | None = None
    disable: tuple[str, ...] = ()
    #: Per-document wall-clock limit in seconds, enforced inside the worker (SIGALRM).
    doc_timeout: float | None = None
    #: ``"article"`` (extractor output) or ``"page"`` (whole-page text; docs/whole-page.md).
    #: Text records only: HTML goes through the extractor front-end.
    mode: str = "article"

    def __post_init__(self) -> None:
        if self.mode not in ("article", "page"):
            raise BatchError(f"mode must be 'article' or 'page', not {self.mode!r}")
        if self.mode == "page" and self.html_field is not None:
            raise BatchError("mode 'page' is for whole-page text; HTML records are extracted")

    @property
    def input_field(self) -> str:
        return self.html_field if self.html_field is not None else self.text_field

    @property
    def is_html(self) -> bool:
        return self.html_field is not None

    @property
    def added_fields(self) -> tuple[str, ...]:
        extra = (self.removals_field,) if self.removals_field else ()
        return (self.output_field, *extra, ERROR_TYPE_FIELD, ERROR_FIELD)
