"""The `kiosk` command and its subcommands."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from kiosk import __version__, catalogue, exits
from kiosk.catalogue import N_
from kiosk.check import (
    exit_status,
    language_for_messages,
    locate_homes,
    report_json,
    report_lines,
    study_voices,
)
from kiosk.content.collection import CollectionError, scan
from kiosk.logs import exit_on_uncaught_exceptions, log_to_file, setup_logging
from kiosk.paths import default_collection
from kiosk.settings import Settings, load_settings, local_settings_path, settings_path_for, with_overrides
from kiosk.template import TemplateError, create_portrait_folder

LOCAL_HELP = "~/.config/portrait-kiosk/settings.yaml"
SUBCOMMANDS = (
    "run",
    "desk",
    "check",
    "new",
    "snapshot",
    "audit",
    "bench",
    "pin",
    "service",
    "sync",
    "fleet",
    "soak",
)
log = logging.getLogger("kiosk")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in (*SUBCOMMANDS, "-h", "--help", "--version"):
        argv.insert(0, "run")  # plain `kiosk` (or `kiosk DIR`) starts the kiosk
    args = _parser().parse_args(argv)
    return args.handler(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="A touchscreen kiosk for portraits and testimonies. With no command, it starts the kiosk.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="start the kiosk (the default command)")
    run.add_argument("dir", nargs="?", help="collection folder (default: ./portraits or the samples)")
    run.add_argument("--windowed", action="store_true", help="a preview window that closes normally")
    run.add_argument("--screen", type=int, metavar="N", help="the display to fill (0 is the first)")
    run.add_argument("--config", metavar="FILE", help="settings file (default: DIR/kiosk.yaml)")
    run.add_argument("--name", help="this kiosk's name in its status (default: the host's name)")
    run.add_argument(
        "--status-dir", metavar="DIR", help="write this kiosk's health there (kiosk fleet reads it)"
    )
    run.add_argument(
        "--settings", metavar="FILE", help="this kiosk's own settings (default: " + LOCAL_HELP + ")"
    )
    run.set_defaults(handler=_run)

    check = commands.add_parser("check", help="list every problem of a collection")
    check.add_argument("dir", nargs="?", help="collection folder (default: ./portraits or the samples)")
    check.add_argument("--json", action="store_true", help="print one JSON object for scripts")
    check.add_argument(
        "--settings", metavar="FILE", help="this kiosk's own settings (default: " + LOCAL_HELP + ")"
    )
    check.add_argument(
        "--lang",
        metavar="CODE",
        help="language of the problems and the labels: fr or en (default: LANG, else the kiosk's)",
    )
    check.set_defaults(handler=_check)

    new = commands.add_parser("new", help="create a portrait folder from a template")
    new.add_argument("path", metavar="DIR/NAME", help="the folder to create, e.g. portraits/samira-b")
    new.set_defaults(handler=_new)

    snap = commands.add_parser("snapshot", help="draw every portrait as the kiosk shows it, to PNG files")
    snap.add_argument("dir", nargs="?", help="collection folder (default: ./portraits or the samples)")
    snap.add_argument("--out", required=True, metavar="FOLDER", help="where to write the PNG files")
    snap.add_argument(
        "--size", type=_size, default=(1920, 1080), metavar="WxH", help="screen size (1920x1080)"
    )
    snap.add_argument("--lang", metavar="CODE", help="language (default: the kiosk's default)")
    snap.add_argument(
        "--pages-only", action="store_true", help="only the portraits' pages (no panels, no sheet)"
    )
    snap.add_argument("--config", metavar="FILE", help="settings file (default: DIR/kiosk.yaml)")
    snap.add_argument(
        "--settings", metavar="FILE", help="this kiosk's own settings (default: " + LOCAL_HELP + ")"
    )
    snap.set_defaults(handler=_snapshot)

    audit = commands.add_parser(
        "audit", help="measure the drawn screen for every visitor: reach, sizes in mm, contrast, timing"
    )
    audit.add_argument("dir", nargs="?", help="collection folder (default: ./portraits or the samples)")
    audit.add_argument(
        "--size", type=_size, default=(1920, 1080), metavar="WxH", help="screen size in pixels (1920x1080)"
    )
    audit.add_argument(
        "--screen-mm",
        type=_size_mm,
        metavar="WxH",
        help="the picture's size in mm (default: this kiosk's settings)",
    )
    audit.add_argument(
        "--mount-mm", type=_length_mm, metavar="H", help="floor to the picture's lower edge, in mm"
    )
    audit.add_argument("--distance-mm", type=_length_mm, metavar="D", help="the viewing distance, in mm")
    audit.add_argument("--json", action="store_true", help="print one JSON object for scripts")
    audit.add_argument("--config", metavar="FILE", help="settings file (default: DIR/kiosk.yaml)")
    audit.add_argument(
        "--settings", metavar="FILE", help="this kiosk's own settings (default: " + LOCAL_HELP + ")"
    )
    audit.set_defaults(handler=_audit)

    pin_command = commands.add_parser(
        "pin", help="set the staff PIN of the admin panel, or the curators' desk password (stored hashed)"
    )
    pin_command.add_argument("dir", nargs="?", help="collection folder whose kiosk.yaml gets the PIN")
    pin_command.add_argument("--config", metavar="FILE", help="settings file (default: DIR/kiosk.yaml)")
    pin_command.add_argument("--desk", action="store_true", help="set the curators' desk password instead")
    pin_command.set_defaults(handler=_pin)

    desk = commands.add_parser("desk", help="serve the curators' desk: the collection in a browser")
    desk.add_argument("dir", nargs="?", help="collection folder (default: ./portraits or the samples)")
    desk.add_argument(
        "--listen",
        metavar="ADDRESS:PORT",
        default=None,
        help="where to listen (127.0.0.1:8750: this machine only)",
    )
    desk.add_argument("--cert", metavar="FILE", help="TLS certificate (PEM): serve https")
    desk.add_argument("--key", metavar="FILE", help="the certificate's private key (PEM)")
    desk.add_argument("--config", metavar="FILE", help="settings file (default: DIR/kiosk.yaml)")
    desk.add_argument(
        "--status-dir", metavar="DIR", help="the kiosks' status folder: the desk shows their health"
    )
    desk.set_defaults(handler=_desk)

    service = commands.add_parser("service", help="print a systemd unit that runs this kiosk at boot")
    service.add_argument("dir", nargs="?", help="collection folder (default: ./portraits or the samples)")
    service.add_argument("--user", default="kiosk", help="the account that runs it (kiosk)")
    service.add_argument("--eglfs", action="store_true", help="draw without a compositor (eglfs)")
    service.add_argument(
        "--desk", metavar="ADDRESS:PORT", help="print the curators' desk's unit instead, listening there"
    )
    service.add_argument(
        "--sync", action="store_true", help="print how this kiosk receives its collection through Syncthing"
    )
    service.set_defaults(handler=_service)

    sync = commands.add_parser("sync", help="share the collection through this machine's Syncthing")
    sync.add_argument("dir", help="the collection folder (the master folder on the curators' machine)")
    sync.add_argument("--status-dir", required=True, metavar="DIR", help="where the kiosks' status files are")
    side = sync.add_mutually_exclusive_group(required=True)
    side.add_argument("--curators", metavar="DEVICE-ID", help="this is a kiosk: receive from the curators")
    side.add_argument(
        "--kiosk", metavar="DEVICE-ID", help="this is the curators' machine: send to this kiosk"
    )
    sync.add_argument("--name", default="kiosk", help="the kiosk's name (with --kiosk)")
    sync.add_argument("--address", default="", metavar="tcp://HOST:PORT", help="the other side's address")
    sync.add_argument("--syncthing-home", metavar="DIR", help="Syncthing's configuration folder")
    sync.set_defaults(handler=_sync)

    fleet = commands.add_parser("fleet", help="every kiosk's health, from their status folder")
    fleet.add_argument("status_dir", metavar="STATUS_DIR", help="the folder the kiosks write their status to")
    fleet.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    fleet.add_argument("--lang", metavar="CODE", help="fr or en (default: LANG, else French)")
    fleet.set_defaults(handler=_fleet)

    soak = commands.add_parser("soak", help="run the kiosk hard for MINUTES and report what grew")
    soak.add_argument("minutes", type=float, help="how long (60 for an hour)")
    soak.add_argument("--portraits", type=_positive, default=200, metavar="N", help="collection size (200)")
    soak.add_argument("--json", action="store_true", help="print one JSON object")
    soak.set_defaults(handler=_soak)

    bench = commands.add_parser("bench", help="time the real code paths on a synthetic collection")
    bench.add_argument(
        "--portraits",
        type=_positive,
        default=1000,
        metavar="N",
        help="collection size (1000)",
    )
    bench.add_argument("--megapixels", type=float, default=24, metavar="M", help="camera photo size (24)")
    bench.add_argument("--screen", type=_size, default=(1920, 1080), metavar="WxH", help="screen (1920x1080)")
    bench.add_argument(
        "--transitions", type=_positive, default=2000, metavar="T", help="portraits shown in a row (2000)"
    )
    bench.add_argument(
        "--reloads", type=_positive, default=20, metavar="R", help="folders added while it runs (20)"
    )
    bench.add_argument(
        "--voice-runs", type=_positive, default=20, metavar="V", help="taps on Listen timed (20)"
    )
    bench.add_argument(
        "--cores", type=_positive, default=None, metavar="N", help="run on N cores only, as a smaller machine"
    )
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.set_defaults(handler=_bench)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of at least 1")
    return value


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1920x1080") from None
    if not (320 <= width <= 8192 and 320 <= height <= 8192):
        raise argparse.ArgumentTypeError(f"'{text}' is outside 320x320 to 8192x8192")
    return width, height


def _size_mm(text: str) -> tuple[float, float]:
    try:
        width, height = (float(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size in millimetres like 1210x680") from None
    if not (50 <= width <= 5000 and 50 <= height <= 5000):
        raise argparse.ArgumentTypeError(f"'{text}' is outside 50x50 to 5000x5000 mm")
    return width, height


def _length_mm(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a length in millimetres like 900") from None
    if not 0 <= value <= 5000:
        raise argparse.ArgumentTypeError(f"'{text}' is outside 0 to 5000 mm")
    return value


def _pin(args) -> int:
    from kiosk import pin

    path = settings_path_for(args.dir or str(default_collection()), args.config)
    assert path is not None  # a collection folder always has a place for kiosk.yaml
    _ = catalogue.translator(_staff_language(load_settings(path)[0]))
    if sys.stdin.isatty():
        import getpass

        if args.desk:
            first = getpass.getpass(
                _(N_("New curators' desk password ({least} characters or more): "), least=pin.PASSWORD_MIN)
            )
            again = getpass.getpass(_(N_("The same password again: ")))
        else:
            first = getpass.getpass(_(N_("New staff PIN (4 to 12 digits): ")))
            again = getpass.getpass(_(N_("The same PIN again: ")))
    else:  # from a script: one line on stdin
        first = again = sys.stdin.readline().rstrip("\r\n")
    if args.desk and not pin.is_valid_password(first):
        message = N_("a desk password is {least} to {most} characters; nothing was changed")
        print("kiosk pin: " + _(message, least=pin.PASSWORD_MIN, most=pin.PASSWORD_MAX), file=sys.stderr)
        return exits.REFUSED
    if not args.desk and not pin.is_valid_pin(first.strip()):
        print("kiosk pin: " + _(N_("a PIN is 4 to 12 digits; nothing was changed")), file=sys.stderr)
        return exits.REFUSED
    if first != again:
        differ = (
            N_("the two passwords differ; nothing was changed")
            if args.desk
            else N_("the two PINs differ; nothing was changed")
        )
        print("kiosk pin: " + _(differ), file=sys.stderr)
        return exits.REFUSED
    stored = pin.hash_password(first) if args.desk else pin.hash_pin(first.strip())
    try:
        pin.write_pin_setting(path, stored, pin.DESK_SETTING if args.desk else pin.SETTING)
    except OSError as exc:
        message = N_("cannot write {file} ({reason}); nothing was changed")
        print("kiosk pin: " + _(message, file=path, reason=exc.strerror), file=sys.stderr)
        return exits.REFUSED
    if args.desk:
        done = N_(
            "the curators' desk password is set in {file} (hashed); the desk reads it at the next sign-in"
        )
    else:
        done = N_("the staff PIN is set in {file} (hashed); restart the kiosk to use it")
    print(_(done, file=path))
    return exits.OK


def _staff_language(settings: Settings) -> str:
    """What a command says to the technician in: LANG when it names French or English, else
    the collection's default (English when that is neither)."""
    offered = (*settings.languages.offered, *catalogue.LANGUAGES)
    return language_for_messages(None, tuple(dict.fromkeys(offered)), dict(os.environ))


def _desk(args) -> int:
    from kiosk.desk import server

    setup_logging()
    root = os.path.abspath(args.dir or str(default_collection()))
    listen = args.listen or server.DEFAULT_LISTEN
    try:
        server.parse_listen(listen)
    except ValueError as exc:
        print(f"kiosk desk: {exc}", file=sys.stderr)
        return exits.UNREADABLE
    # The collection's settings only: a kiosk's own settings file describes that kiosk.
    settings, problems = load_settings(settings_path_for(root, args.config))
    language = _staff_language(settings)
    _ = catalogue.translator(language)
    if bool(args.cert) != bool(args.key):
        print(
            "kiosk desk: " + _(N_("give --cert and --key together (or neither, for plain http)")),
            file=sys.stderr,
        )
        return exits.UNREADABLE
    for problem in problems:
        print(f"kiosk desk: {problem.as_line(language)}", file=sys.stderr)
    if not settings.desk_password:
        print(
            "kiosk desk: " + _(N_("no desk password is set: set one with 'kiosk pin --desk'")),
            file=sys.stderr,
        )
    server.serve(
        root, settings, listen, args.cert, args.key, settings_path_for(root, args.config), args.status_dir
    )
    return exits.OK


def _fleet(args) -> int:
    from kiosk.fleet import fleet_json, fleet_lines, read_fleet

    folder = Path(args.status_dir)
    language = language_for_messages(args.lang, catalogue.LANGUAGES, dict(os.environ))
    if not folder.is_dir():
        _ = catalogue.translator(language)
        print("kiosk fleet: " + _(N_("{folder} is not a folder"), folder=folder), file=sys.stderr)
        return exits.UNREADABLE
    kiosks, unreadable = read_fleet(folder)
    print(
        fleet_json(kiosks, unreadable) if args.json else "\n".join(fleet_lines(kiosks, unreadable, language))
    )
    return exits.OK


def _sync(args) -> int:
    from kiosk.sync import Syncthing, SyncthingError, add_kiosk, join_curators

    _ = catalogue.translator(_staff_language(Settings()))
    root, status_dir = os.path.abspath(args.dir), os.path.abspath(args.status_dir)
    try:
        syncthing = Syncthing.at_home(args.syncthing_home)
        if args.curators:
            join_curators(syncthing, root, status_dir, args.curators, args.address)
            print(
                _(
                    N_(
                        "{folder} now receives the collection from the curators; this kiosk's health goes to {status}"
                    ),
                    folder=root,
                    status=status_dir,
                )
            )
        else:
            add_kiosk(syncthing, root, status_dir, args.kiosk, args.name, args.address)
            print(
                _(
                    N_("{folder} is now sent to {name}; its health arrives in {status}"),
                    folder=root,
                    name=args.name,
                    status=status_dir,
                )
            )
        print(_(N_("this machine's Syncthing device ID: {id}"), id=syncthing.device_id()))
    except SyncthingError as exc:
        print(f"kiosk sync: {catalogue.translated(str(exc), _staff_language(Settings()))}", file=sys.stderr)
        return exits.UNREADABLE
    return exits.OK


def _service(args) -> int:
    from kiosk.service import desk_unit_file, sync_steps, unit_file

    root = os.path.abspath(args.dir or str(default_collection()))
    if args.sync:
        print(sync_steps(root, user=args.user), end="")
        return exits.OK
    if args.desk:
        from kiosk.desk.server import parse_listen

        try:
            parse_listen(args.desk)
        except ValueError as exc:
            print(f"kiosk service: {exc}", file=sys.stderr)
            return exits.UNREADABLE
        print(desk_unit_file(root, user=args.user, listen=args.desk), end="")
        return exits.OK
    print(unit_file(root, user=args.user, eglfs=args.eglfs), end="")
    return exits.OK


def _settings(root: str, config: str | None, local: str | None) -> tuple[Settings, list]:
    """The collection's kiosk.yaml (or --config), then this kiosk's own file (or --settings)."""
    return load_settings(settings_path_for(root, config), local or local_settings_path())


def _check(args) -> int:
    root = args.dir or str(default_collection())
    settings, settings_problems = _settings(root, None, args.settings)
    offered = tuple(dict.fromkeys((*settings.languages.offered, *catalogue.LANGUAGES)))
    if args.lang and args.lang not in offered:
        _ = catalogue.translator(_staff_language(settings))
        refusal = _(N_("--lang {code}: the kiosk offers {codes}"), code=args.lang, codes=", ".join(offered))
        print(f"kiosk check: {refusal}", file=sys.stderr)
        return exits.UNREADABLE
    language = language_for_messages(args.lang, offered, dict(os.environ))
    try:
        collection = scan(root, settings.languages)
    except CollectionError as exc:
        print(f"kiosk check: {catalogue.translated(exc.message, language)}", file=sys.stderr)
        return exits.UNREADABLE
    collection, studies = study_voices(collection, settings)
    collection, homes = locate_homes(collection, settings)
    collection = collection.with_problems(settings_problems)
    print(
        report_json(collection, language, studies, settings, homes)
        if args.json
        else "\n".join(report_lines(collection, language))
    )
    return exit_status(collection)


def _new(args) -> int:
    try:
        created = create_portrait_folder(args.path)
    except (TemplateError, OSError) as exc:
        print(f"kiosk new: {exc}", file=sys.stderr)
        return exits.REFUSED
    _ = catalogue.translator(_staff_language(Settings()))
    print(_(N_("created {folder}: fill it in, add a photo, then run 'kiosk check'"), folder=created))
    return exits.OK


def _run(args) -> int:
    setup_logging()
    log_to_file()
    exit_on_uncaught_exceptions()
    root = args.dir or str(default_collection())
    settings, problems = _settings(root, args.config, args.settings)
    for problem in problems:
        log.warning("problem %s", problem.as_line())
    settings = with_overrides(settings, screen=args.screen, name=args.name, status_dir=args.status_dir)
    from kiosk.qt.runner import run_kiosk  # Qt only for the commands that draw

    status = run_kiosk(root, settings, windowed=args.windowed, settings_problems=tuple(problems))
    if status == exits.RESTART:  # staff asked for a restart: the same command, a new process
        logging.shutdown()
        os.execv(sys.executable, [sys.executable, "-m", "kiosk", *sys.argv[1:]])
    return status


def _snapshot(args) -> int:
    root = args.dir or str(default_collection())
    settings, _ = _settings(root, args.config, args.settings)
    try:
        scan(root, settings.languages, full_decode=False)  # is the folder there? the kiosk reads it next
    except CollectionError as exc:
        print(f"kiosk snapshot: {exc.message}", file=sys.stderr)
        return exits.UNREADABLE
    language = args.lang or settings.default_language
    if language not in settings.languages.offered:
        print(
            f"kiosk snapshot: --lang {language}: the kiosk offers {', '.join(settings.languages.offered)}",
            file=sys.stderr,
        )
        return exits.UNREADABLE
    from PySide6.QtCore import QSize

    from kiosk.content.photocache import default_cache_folder
    from kiosk.qt.headless import headless_app
    from kiosk.qt.snapshot import SnapshotError, missing_message, take_snapshots

    app = headless_app()  # noqa: F841 - the application must exist while drawing

    try:
        written, missing = take_snapshots(
            root,
            settings,
            Path(args.out),
            QSize(*args.size),
            language,
            default_cache_folder(),
            pages_only=args.pages_only,
        )
    except SnapshotError as exc:
        print(f"kiosk snapshot: {exc}", file=sys.stderr)
        return exits.CONTENT_ERRORS
    for path in written:
        print(path)
    if missing:
        print(f"kiosk snapshot: {missing_message(missing)}", file=sys.stderr)
        return exits.CONTENT_ERRORS
    return exits.OK


def _audit(args) -> int:
    root = args.dir or str(default_collection())
    settings, _ = _settings(root, args.config, args.settings)
    try:
        scan(root, settings.languages, full_decode=False)
    except CollectionError as exc:
        print(f"kiosk audit: {exc.message}", file=sys.stderr)
        return exits.UNREADABLE
    body: dict[str, float] = {}
    if args.screen_mm:
        body.update(
            screen_width_mm=args.screen_mm[0], screen_height_mm=args.screen_mm[1], screen_diagonal_inches=0.0
        )
    if args.mount_mm is not None:
        body["mount_height_mm"] = args.mount_mm
    if args.distance_mm is not None:
        body["viewing_distance_mm"] = args.distance_mm
    settings = with_overrides(settings, **body)
    from PySide6.QtCore import QSize

    from kiosk import measures
    from kiosk.content.photocache import default_cache_folder
    from kiosk.qt.audit import AuditError, run_audit
    from kiosk.qt.headless import headless_app

    app = headless_app()  # noqa: F841 - the application must exist while drawing
    try:
        checks = run_audit(root, settings, QSize(*args.size), default_cache_folder())
    except AuditError as exc:
        print(f"kiosk audit: {exc}", file=sys.stderr)
        return exits.UNREADABLE
    if args.json:
        print(measures.report_json(checks))
    else:
        for check in checks:
            print(check.line())
        print(measures.summary(checks))
    return exits.OK if all(check.passed for check in checks) else exits.AUDIT_FAILED


def _soak(args) -> int:
    from kiosk.bench.soak import run_soak

    setup_logging(logging.WARNING)  # the soak counts warnings; changes would drown its table
    return run_soak(args.minutes, args.portraits, args.json)


def _bench(args) -> int:
    from kiosk.bench.run import cores_allowed, run_bench

    if args.cores and args.cores > cores_allowed():
        _ = catalogue.translator(_staff_language(Settings()))
        cores = N_("--cores {asked}: this machine lets the kiosk use {cores} cores")
        print(f"kiosk bench: {_(cores, asked=args.cores, cores=cores_allowed())}", file=sys.stderr)
        return exits.UNREADABLE

    return run_bench(
        args.portraits,
        args.megapixels,
        args.screen,
        args.transitions,
        args.json,
        reloads=args.reloads,
        voice_runs=args.voice_runs,
        cores=args.cores,
    )
