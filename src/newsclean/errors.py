"""The exceptions newsclean raises: one tree, so callers can catch ``NewscleanError``.

Every error newsclean raises on purpose is one of these (the batch runner's ``BatchError``
and the report's ``ReportError`` subclass :class:`NewscleanError` too). Each also subclasses
the built-in exception it replaced (``ValueError``, ``TypeError``, ``OSError``...), so code
written against the built-in keeps working.
"""

from __future__ import annotations

__all__ = [
    "CheckpointError",
    "ConfigError",
    "DecodeError",
    "DocumentTimeoutError",
    "ExtractionError",
    "FormatError",
    "InputTooLargeError",
    "InputTypeError",
    "NewscleanError",
    "RemovalMismatchError",
    "UnknownDetectorError",
]


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""


class ConfigError(NewscleanError, ValueError):
    """A pipeline configuration is malformed (unknown key, wrong type, bad value), or a
    detector or phrase pack plugged into it breaks the extension contract (a misspelt phrase
    family, an unknown reason kind, an annotated ``name``...)."""


class UnknownDetectorError(ConfigError, KeyError):
    """A detector name is not in the registry (built-ins or entry points)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "unknown detector"


class InputTooLargeError(NewscleanError, ValueError):
    """The input is larger than the configured ``max_input_chars`` / ``max_input_bytes``."""


class InputTypeError(NewscleanError, TypeError):
    """The input is not of a type the function takes (bytes given to ``clean``...)."""


class DecodeError(NewscleanError, ValueError):
    """Bytes could not be decoded as text in any plausible encoding."""


class ExtractionError(NewscleanError):
    """The HTML front-end failed on a page (malformed beyond repair, binary data...)."""


class RemovalMismatchError(NewscleanError, ValueError):
    """Removals replayed on a text they were not made from (their spans hold other text)."""


class DocumentTimeoutError(NewscleanError, TimeoutError):
    """One document took longer than its time limit; batch runs report it as ``timeout``."""


class FormatError(NewscleanError, ValueError):
    """A batch input or output file is not in the format its name or ``--format`` says."""


class CheckpointError(NewscleanError, OSError):
    """A ``--resume`` cannot continue: the files do not match the checkpoint (the input is
    shorter than the lines it says were done, or the partial output is missing)."""
