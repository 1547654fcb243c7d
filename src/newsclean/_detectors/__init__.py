"""Built-in detectors, one module per family of noise. Importing registers them."""

from . import (  # noqa: F401
    aggregator,
    comments,
    context,
    credits,
    dates,
    duplicates,
    markers,
    navigation,
    phrase_lines,
    related,
    title,
    urls,
)
