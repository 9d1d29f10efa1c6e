"""The `event-tracker` command: serve | migrate | openapi | keys, and the extraction
commands of app.cli_extraction (timex | extract | eval)."""

from __future__ import annotations

import argparse
import asyncio
import atexit
import json
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from app import cli_extraction
from app.logs import configure_logging
from app.settings import Settings
from app.vocabulary import KEY_SCOPES

Handler = Callable[[argparse.Namespace, Settings], int]

# Exit statuses (the README lists them under "The command"). 0: done; 1: done, but some
# items failed (reported one per line); 2: a usage or input mistake (argparse's too).
EXIT_USAGE = 2
EXIT_NO_DATABASE = 3  # no DATABASE_URL and no embedded server, or the database is unreachable
EXIT_INTERRUPTED = 130  # Ctrl-C
EXIT_CLOSED_PIPE = 141  # stdout closed early (`| head`), as a SIGPIPE would end it


class UserError(Exception):
    """A mistake on the command line: one line on stderr, exit status 2."""


def _database_url(settings: Settings) -> str:
    from app.db import resolve_database_url

    return resolve_database_url(settings)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.uses_embedded_database:
        return _serve(args, settings, _database_url(settings))
    from app.embedded import require_installed, serving

    require_installed()  # or a one-line error: the image has no embedded server

    # The embedded server lives exactly as long as this: stopped however serving ends
    # (SIGTERM and SIGINT included), started again if it dies meanwhile.
    with serving(settings.data_dir) as url:
        return _serve(args, settings, url)


def _serve(args: argparse.Namespace, settings: Settings, url: str) -> int:
    import uvicorn

    from app import migrate

    if settings.uses_embedded_database or args.migrate:
        migrate.upgrade(url)
    if settings.uses_embedded_database:
        asyncio.run(_ensure_dev_key(url, settings.data_dir))
    # Worker processes build their own app from the environment: hand them the resolved URL.
    os.environ["DATABASE_URL"] = url
    os.environ["EVENTS_IN_PROCESS_WORKER"] = "false" if args.no_worker else "true"
    if args.log_level:
        os.environ["EVENTS_LOG_LEVEL"] = args.log_level
        settings = settings.model_copy(update={"log_level": args.log_level.lower()})
    configure_logging(settings)
    if args.workers > 1:
        _multiprocess_metrics()
    # Our logging, not uvicorn's (log_config=None), and one line per request from
    # app/requests.py instead of uvicorn's access log. Client addresses and the scheme
    # come from X-Forwarded-* only for the proxies in FORWARDED_ALLOW_IPS.
    uvicorn.run("app.main:create_app", factory=True, host=args.host, port=args.port,
                workers=args.workers, proxy_headers=True, log_config=None,
                log_level=settings.log_level, access_log=False)
    return 0


def _multiprocess_metrics() -> None:
    """Workers write their metrics to files in PROMETHEUS_MULTIPROC_DIR for /metrics to
    add up. Emptied at start (files a previous run left would add its counts to this
    run's); a temporary folder, removed at exit, unless the variable names one."""
    given = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    folder = Path(given) if given else Path(tempfile.mkdtemp(prefix="event-tracker-metrics-"))
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):
        stale.unlink()
    if not given:
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)


async def _ensure_dev_key(url: str, data_dir: Path) -> None:
    """First start on the embedded database: make an admin key so a new user can post."""
    from app.db import Database
    from app.services.keys import count_keys, create_key

    db = Database.from_url(url, pool_size=1)
    try:
        async with db.write() as session:
            if await count_keys(session) > 0:
                return
            _, plain = await create_key(session, scope="admin", name="dev")
        path = data_dir / "dev-api-key"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(plain + "\n")
        os.chmod(path, 0o600)
        print(f"Created an admin API key (also in {path}):\n  {plain}", flush=True)
    finally:
        await db.dispose()


def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    """A delivery worker: sends the change webhooks queued in the database. Start as many
    as needed, on any machines, against the same database."""
    from app import migrate
    from app.queue import run_worker

    url = _database_url(settings)
    if settings.uses_embedded_database or args.migrate:
        migrate.upgrade(url)
    if args.concurrency is not None:
        settings = settings.model_copy(update={"subscriptions_worker_concurrency":
                                               args.concurrency})
    configure_logging(settings)
    asyncio.run(run_worker(settings, url, name=args.name or f"worker-{os.getpid()}"))
    return 0


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    from alembic.script.revision import RevisionError
    from alembic.util import CommandError

    from app import migrate

    url = _database_url(settings)
    try:
        if args.downgrade:
            migrate.downgrade(url, args.revision)
        else:
            migrate.upgrade(url, args.revision)
    except (CommandError, RevisionError) as exc:
        raise UserError(f"cannot migrate to {args.revision!r}: {exc}") from exc
    print(f"Database migrated to {args.revision}.")
    return 0


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from app import cli_ingest, migrate
    from app.db import Database
    from app.services.extraction import Extractor

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"event-tracker ingest: no such file: {missing[0]}", file=sys.stderr)
        return 2
    url = _database_url(settings)
    if settings.uses_embedded_database or args.migrate:
        migrate.upgrade(url)

    # Per-article log lines are for the server; a bulk import shows its progress bar.
    configure_logging(settings.model_copy(update={"log_level": args.log_level}))

    async def ingest() -> int:
        db = Database.from_url(url, pool_size=2)
        extractor = Extractor(workers=args.jobs or settings.extraction_workers,
                              timeout_seconds=settings.extraction_timeout_seconds)
        try:
            return await cli_ingest.run(db, extractor, args.paths, batch_size=args.batch_size)
        finally:
            await extractor.close()
            await db.dispose()

    return asyncio.run(ingest())


def cmd_openapi(args: argparse.Namespace, settings: Settings) -> int:
    from app.main import create_app

    schema = create_app(settings).openapi()
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return 0


def cmd_keys(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_keys(args, _database_url(settings)))


async def _keys(args: argparse.Namespace, url: str) -> int:
    from app.db import Database
    from app.services.key_admin import list_keys, revoke_key
    from app.services.keys import create_key

    db = Database.from_url(url, pool_size=1)
    try:
        async with db.write() as session:
            if args.keys_command == "create":
                key, plain = await create_key(session, scope=args.scope, name=args.name)
                print(f"Created key {key.id} ({key.name}, scope {key.scope}). "
                      "It is shown only now:", file=sys.stderr)
                print(plain)
            elif args.keys_command == "list":
                _print_keys(await list_keys(session), args.format)
            elif await revoke_key(session, key_id=args.id) is None:
                print(f"No active key with id {args.id}.", file=sys.stderr)
                return 1
            else:
                print(f"Revoked key {args.id}.")
    finally:
        await db.dispose()
    return 0


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"event-tracker: {name} must be a whole number, got {value!r}") from None


def _positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1 (argparse reports the error)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def _print_keys(rows: Sequence[Any], form: str) -> None:
    keys = [{"id": row.id, "prefix": row.prefix, "scope": row.scope, "name": row.name,
             "state": "revoked" if row.revoked_at else "active",
             "created_at": _iso(row.created_at), "last_used_at": _iso(row.last_used_at),
             "revoked_at": _iso(row.revoked_at)} for row in rows]
    if form == "json":
        print(json.dumps(keys, ensure_ascii=False, indent=2))
        return
    columns = ["id", "prefix", "scope", "name", "state", "last_used_at"]
    table = [[c.upper() for c in columns]]
    table += [[str(key[c] if key[c] is not None else "never") for c in columns] for key in keys]
    widths = [max(len(line[i]) for line in table) for i in range(len(columns))]
    for line in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
              .rstrip())


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _add_service_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = sub.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--host", default=os.environ.get("EVENTS_HOST", "127.0.0.1"),
                       help="address to listen on (default $EVENTS_HOST, else 127.0.0.1)")
    serve.add_argument("--port", type=int, default=_env_int("EVENTS_PORT", 8000),
                       help="port to listen on (default $EVENTS_PORT, else 8000)")
    serve.add_argument("--workers", type=int, default=_env_int("EVENTS_WORKERS", 1),
                       help="worker processes (default $EVENTS_WORKERS, else 1)")
    serve.add_argument("--migrate", action="store_true",
                       help="apply migrations first (always done on the embedded database)")
    serve.add_argument("--log-level", default=None,
                       choices=["debug", "info", "warning", "error", "critical"],
                       help="overrides EVENTS_LOG_LEVEL (default info)")
    serve.add_argument("--no-worker", action="store_true",
                       help="do not run a delivery worker in the server (run "
                            "`event-tracker worker` processes instead)")
    serve.set_defaults(handler=cmd_serve)

    worker = sub.add_parser("worker", help="run a delivery worker (change webhooks)")
    worker.add_argument("--concurrency", type=int, default=None,
                        help="deliveries sent at once (default "
                             "$EVENTS_SUBSCRIPTIONS_WORKER_CONCURRENCY, else 10)")
    worker.add_argument("--name", default=None, help="the worker's name in logs")
    worker.add_argument("--migrate", action="store_true", help="apply migrations first")
    worker.set_defaults(handler=cmd_worker)

    mig = sub.add_parser("migrate", help="upgrade the database schema (to head by default)")
    mig.add_argument("revision", nargs="?", default="head",
                     help="an Alembic revision id, head or base (default head)")
    mig.add_argument("--downgrade", action="store_true", help="downgrade to REVISION instead")
    mig.set_defaults(handler=cmd_migrate)

    ingest = sub.add_parser("ingest", help="bulk-import text and JSONL files of articles")
    ingest.add_argument("paths", nargs="+", type=Path, help="files or folders")
    ingest.add_argument("--batch-size", type=int, default=50,
                        help="articles per transaction (default 50)")
    ingest.add_argument("--migrate", action="store_true", help="apply migrations first")
    ingest.add_argument("--jobs", type=_positive_int, default=None,
                        help="extraction worker processes (default EVENTS_EXTRACTION_WORKERS, "
                             "which defaults to the number of cores)")
    ingest.add_argument("--log-level", choices=("debug", "info", "warning", "error"),
                        default="warning",
                        help="log lines on stderr (default warning: info writes two per article)")
    ingest.set_defaults(handler=cmd_ingest)

    sub.add_parser("openapi", help="print the OpenAPI schema as JSON").set_defaults(
        handler=cmd_openapi)


def _add_key_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keys = sub.add_parser("keys", help="manage API keys")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True)
    create = keys_sub.add_parser("create", help="make a key and print it once")
    create.add_argument("--scope", choices=KEY_SCOPES, required=True,
                        help="what the key may do: read, ingest, or admin (everything)")
    create.add_argument("--name", default="unnamed",
                        help="a name for the key, shown in lists, logs and event history")
    listing = keys_sub.add_parser("list", help="list keys (never their secret)")
    listing.add_argument("--format", choices=("table", "json"), default="table",
                         help="a table with a header line (default), or a JSON array")
    revoke = keys_sub.add_parser("revoke", help="revoke a key at once")
    revoke.add_argument("id", type=int, help="the key's id (see keys list)")
    keys.set_defaults(handler=cmd_keys)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("event-tracker")
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="event-tracker",
        description="Scheduled diplomatic events from news articles. The database is "
                    "DATABASE_URL, or an embedded PostgreSQL in $EVENTS_DATA_DIR "
                    "(default ./.data).")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}",
                        help="print the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_service_commands(sub)
    _add_key_commands(sub)
    cli_extraction.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from sqlalchemy.exc import InterfaceError, OperationalError

    from app.embedded import EmbeddedUnavailable

    args = build_parser().parse_args(argv)
    try:
        if hasattr(args, "extraction_handler"):
            code = cli_extraction.run(args)
        else:
            handler: Handler = args.handler
            code = handler(args, Settings())
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        # `event-tracker ... | head`: stop quietly, and keep Python from complaining
        # when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLOSED_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except UserError as exc:
        return _fail(args, str(exc), EXIT_USAGE)
    except EmbeddedUnavailable as exc:
        return _fail(args, str(exc), EXIT_NO_DATABASE)
    except (OperationalError, InterfaceError, ConnectionError, socket.gaierror) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().strip('"').splitlines()
        return _fail(args, f"cannot reach the database: {reason[0] if reason else exc!r}",
                     EXIT_NO_DATABASE)


def _fail(args: argparse.Namespace, message: str, code: int) -> int:
    print(f"event-tracker {args.command}: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
