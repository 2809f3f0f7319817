"""Write kiosk/qml/Kiosk/Backend: the qmldir and .qmltypes describing the Python types QML sees.

qmllint reads them to check every property, signal and slot QML uses; the running kiosk
does not need them (importing kiosk.qt.contract and the modules below registers the
types). Run it after changing a QML-facing class:

    .venv/bin/python tools/make_qmltypes.py           # rewrite the files
    .venv/bin/python tools/make_qmltypes.py --check   # exit 1 when they are out of date

It runs Qt for Python's own tools: pyside6-metaobjectdump (the Python classes'
meta-objects as JSON) and pyside6-qmltyperegistrar (JSON to .qmltypes).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = [
    "kiosk/qt/session.py",
    "kiosk/qt/admin.py",
    "kiosk/qt/models.py",
    "kiosk/qt/contract.py",
    "kiosk/qt/listening.py",
    "kiosk/qt/spoken.py",
    "kiosk/qt/originmap.py",
]
MODULE = "Kiosk.Backend"
TARGET = REPO / "kiosk" / "qml" / "Kiosk" / "Backend"
QMLTYPES = "backend.qmltypes"
QMLDIR = f"module {MODULE}\ntypeinfo {QMLTYPES}\ndepends QtQuick\n"
FOREIGN = ("qt6core", "qt6gui", "qt6qml")


def generated() -> dict[str, str]:
    """The files' contents, made afresh from the sources."""
    tools = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / "metatypes.json"
        meta = subprocess.run(
            [str(tools / "pyside6-metaobjectdump"), *SOURCES],
            cwd=REPO,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        dump.write_text(json.dumps(_with_constants(json.loads(meta)), indent=1), encoding="utf-8")
        qmltypes = Path(work) / QMLTYPES
        subprocess.run(
            [
                str(tools / "pyside6-qmltyperegistrar"),
                "--generate-qmltypes",
                str(qmltypes),
                "-o",
                str(Path(work) / "registrations.cpp"),
                "--import-name",
                MODULE,
                "--major-version",
                "1",
                "--minor-version",
                "0",
                f"--foreign-types={','.join(_foreign_types())}",
                str(dump),
            ],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        return {QMLTYPES: qmltypes.read_text(encoding="utf-8"), "qmldir": QMLDIR}


def _with_constants(modules: list[dict]) -> list[dict]:
    """Mark read-only properties without a notify signal constant: that is what they are
    here (declared `constant=True`, which metaobjectdump does not pass on), and qmllint
    would take every read of them for a stale binding. Input file paths are made relative
    so that the output is the same on every machine."""
    for module in modules:
        module["inputFile"] = str(Path(module["inputFile"]).resolve().relative_to(REPO))
        for cls in module["classes"]:
            for prop in cls.get("properties", []):
                if "notify" not in prop and "write" not in prop:
                    prop["constant"] = True
    return modules


def _foreign_types() -> list[str]:
    import PySide6

    folder = Path(PySide6.__file__).parent / "Qt" / "metatypes"
    return [str(next(folder.glob(f"{name}_*metatypes.json"))) for name in FOREIGN]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the files are up to date")
    check = parser.parse_args().check
    stale = []
    for name, text in generated().items():
        path = TARGET / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if check and stale:
        print(f"out of date: {', '.join(map(str, stale))}; run tools/make_qmltypes.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
