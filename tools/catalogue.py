"""Bring the French catalogue up to date with the code: every message extracted as
pybabel extracts it (tools/babel.cfg), the translations kept, new ones added untranslated
(tests/test_catalogue.py fails until each has its French), gone ones dropped.

    .venv/bin/python tools/catalogue.py
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
FRENCH = REPO / "kiosk" / "locale" / "fr" / "LC_MESSAGES" / "kiosk.po"


def main() -> int:
    pybabel = str(Path(sys.executable).with_name("pybabel"))
    with tempfile.TemporaryDirectory() as folder:
        pot = Path(folder) / "kiosk.pot"
        extract = [
            pybabel,
            "extract",
            "-F",
            "tools/babel.cfg",
            "-k",
            "N_",
            "--no-location",
            "-o",
            str(pot),
            ".",
        ]
        subprocess.run(extract, cwd=REPO, capture_output=True, check=True)
        template = pot.read_bytes()
    with open(FRENCH, "rb") as handle:
        catalogue = read_po(handle, locale="fr")
    # The file's own comments and header entry are kept as they are.
    header = FRENCH.read_text(encoding="utf-8").split("\n\n", 1)[0]
    catalogue.update(read_po(io.BytesIO(template)), no_fuzzy_matching=True)
    catalogue.obsolete.clear()
    out = io.BytesIO()
    write_po(out, catalogue, width=100, no_location=True, omit_header=True)
    FRENCH.write_text(header + "\n\n" + out.getvalue().decode("utf-8").lstrip("\n"), encoding="utf-8")
    untranslated = [message.id for message in catalogue if message.id and not message.string]
    for message in untranslated:
        print(f"to translate: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
