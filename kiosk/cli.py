"""The `kiosk` command and its subcommands."""

from __future__ import annotations

import argparse
import sys

from kiosk import __version__
from kiosk.check import EXIT_UNREADABLE, exit_status, report_json, report_lines, summary
from kiosk.content.collection import CollectionError, scan
from kiosk.paths import default_collection
from kiosk.template import TemplateError, create_portrait_folder

SUBCOMMANDS = ("run", "check", "new")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in (*SUBCOMMANDS, "-h", "--help", "--version"):
        argv.insert(0, "run")  # plain `kiosk` (or `kiosk DIR`) starts the kiosk
    args = _parser().parse_args(argv)
    return args.handler(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description=__doc__)
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="start the kiosk (the default command)")
    run.add_argument("dir", nargs="?", help="collection folder (default: ./portraits or the samples)")
    run.add_argument("--windowed", action="store_true", help="a preview window, not full screen")
    run.set_defaults(handler=_run)

    check = commands.add_parser("check", help="list every problem of a collection")
    check.add_argument("dir", nargs="?", help="collection folder (default: ./portraits or the samples)")
    check.add_argument("--json", action="store_true", help="print one JSON object for scripts")
    check.set_defaults(handler=_check)

    new = commands.add_parser("new", help="create a portrait folder from a template")
    new.add_argument("path", metavar="DIR/NAME", help="the folder to create, e.g. portraits/samira-b")
    new.set_defaults(handler=_new)
    return parser


def _check(args) -> int:
    root = args.dir or str(default_collection())
    try:
        collection = scan(root)
    except CollectionError as exc:
        print(f"kiosk check: {exc.message}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(report_json(collection) if args.json else "\n".join(report_lines(collection)))
    return exit_status(collection)


def _new(args) -> int:
    try:
        created = create_portrait_folder(args.path)
    except (TemplateError, OSError) as exc:
        print(f"kiosk new: {exc}", file=sys.stderr)
        return 1
    print(f"created {created}: fill it in, add a photo, then run 'kiosk check'")
    return 0


def _run(args) -> int:
    # The screen comes with the next issue; until then, say what it would show.
    root = args.dir or str(default_collection())
    try:
        collection = scan(root)
    except CollectionError as exc:
        print(f"kiosk: {exc.message}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"The kiosk would show {root}: {summary(collection)}")
    for portrait in collection.portraits:
        print(f"  {portrait.name} ({portrait.profession.get('fr', 'fr')}, {portrait.origin.get('fr', 'fr')})")
    return 0
