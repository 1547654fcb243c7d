"""The core, the CLI and the batch machinery never import the optional frameworks."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.timeout(60)
def test_core_does_not_import_frameworks() -> None:
    code = (
        "import sys, newsclean, newsclean._cli, newsclean._batch, newsclean._io, newsclean.integrations\n"
        "heavy = {'datatrove', 'ray', 'pyarrow', 'pandas', 'zstandard', 'tqdm'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
