"""The content layer is usable, and tested, without Qt."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_content_layer_never_imports_qt():
    code = (
        "import sys, kiosk.content.collection, kiosk.content.facets, kiosk.check, kiosk.template\n"
        "from kiosk.content.collection import scan\n"
        f"scan({str(REPO / 'portraits')!r})\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "[]"
