"""The extraction subcommands of `event-tracker`: timex, extract, eval.

They need no database: extraction is pure, and these read files or stdin.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO


class InputError(Exception):
    """Bad input from the command line: reported in one line, exit status 2."""


def _read_text(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {source}: {exc}") from exc


def _parse_datetime(value: str | None, what: str) -> datetime | None:
    if value is None:
        return None
    try:
        # A date alone is that day's midnight UTC.
        return datetime.combine(date.fromisoformat(value), datetime.min.time(), UTC)
    except ValueError:
        pass
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{what} must be an ISO 8601 date or date-time, e.g. "
                         f"2023-07-03 or 2023-07-03T09:30:00+09:00, got {value!r}") from exc
    if parsed.tzinfo is None:
        # The suggestion is itself accepted (tests/test_cli_conventions.py).
        raise InputError(f"{what} needs a timezone offset, e.g. "
                         f"{parsed.replace(tzinfo=UTC).isoformat()}")
    return parsed


def _dump(obj: Any, out: TextIO = sys.stdout) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")


def cmd_timex(args: argparse.Namespace) -> int:
    from app.extraction.temporal.tagger import tag

    try:
        dct = date.fromisoformat(args.dct)
    except ValueError as exc:
        raise InputError(f"--dct must be YYYY-MM-DD, got {args.dct!r}") from exc
    timexes = tag(_read_text(args.file), dct)
    if args.format == "json":
        _dump({"timexes": [{"text": t.text, "start": t.start, "end": t.end, "type": t.type,
                            "value": t.value} for t in timexes]})
    else:
        for t in timexes:
            print(f"{t.start}\t{t.end}\t{t.type}\t{t.value}\t{t.text}")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from app.extraction.pipeline import extract, result_to_dict

    if args.jsonl:
        return _extract_jsonl(args.file)
    result = extract(_read_text(args.file),
                     published_at=_parse_datetime(args.published_at, "--published-at"),
                     title=args.title)
    payload = result_to_dict(result)
    if args.format == "json":
        _dump(payload)
    else:
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    return 0


def _extract_jsonl(source: str) -> int:
    """One article per input line, one result per output line; bad lines are reported."""
    from app.extraction.pipeline import extract, result_to_dict

    try:
        stream = sys.stdin if source == "-" else open(source, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc}") from exc
    failures = 0
    with stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                article = json.loads(line)
                text = article["text"]
                if not isinstance(text, str):
                    raise TypeError("text must be a string")
                published_at = _parse_datetime(article.get("published_at"), "published_at")
                result = extract(text, published_at=published_at, title=article.get("title"))
            except (ValueError, KeyError, TypeError, InputError) as exc:
                failures += 1
                print(f"{source}:{number}: skipped: {type(exc).__name__}: {exc}", file=sys.stderr)
                continue
            _dump({"id": article.get("id"), **result_to_dict(result)})
    return 1 if failures else 0


def cmd_eval(args: argparse.Namespace) -> int:
    if args.what == "timex":
        from app.evaluation import timeml

        if args.more or args.split or args.show:
            raise InputError("eval timex takes one folder and no --split or --show")
        paths = timeml.collect_tml(Path(args.path)) if Path(args.path).exists() else []
        if not paths:
            raise InputError(f"no .tml files under {args.path}")
        try:
            scores = timeml.evaluate_paths(paths)
        except (OSError, ET.ParseError) as exc:
            raise InputError(f"cannot read the TimeML files: {exc}") from exc
        print(json.dumps(scores, indent=2) if args.format == "json"
              else timeml.format_report(scores))
        return 0
    return _eval_events(args)


def _eval_events(args: argparse.Namespace) -> int:
    """Scores of the tune part, the check part and both (app/evaluation/split.py)."""
    from app.evaluation import events as event_scorer
    from app.evaluation import failures

    paths = [Path(p) for p in [args.path, *args.more]]
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path} is not a file of annotated articles (JSONL)")
    if args.show and args.split == "check":
        raise InputError("the check part is scored, never read: --show lists the tune part")
    parts = ["tune", "check", "all"] if args.split is None else [args.split]
    if args.show and "tune" not in parts:
        parts.insert(0, "tune")
    try:
        results = event_scorer.evaluate_parts(paths, parts)
    except event_scorer.BadLine as exc:
        raise InputError(str(exc)) from exc
    scores = {part: results[part][0] for part in parts if part == args.split or not args.split}
    if args.format == "json":
        print(json.dumps(scores if args.split is None else scores[args.split], indent=2))
        return 0
    if args.show:
        mistakes = results["tune"][1]
        print("\n".join(str(m) for m in mistakes))
        print(failures.format_classes(failures.class_counts(mistakes)))
    print(event_scorer.format_parts(scores))
    return 0


def add_commands(sub: Any) -> None:
    timex = sub.add_parser("timex", help="tag temporal expressions (TIMEX3) in a text")
    timex.add_argument("file", help="a text file, or - for stdin")
    timex.add_argument("--dct", required=True, help="document creation date, YYYY-MM-DD")
    timex.add_argument("--format", choices=("json", "text"), default="json",
                       help="one JSON object (default), or a tab-separated line per TIMEX3")
    timex.set_defaults(extraction_handler=cmd_timex)

    extract = sub.add_parser("extract", help="extract event drafts from an article")
    extract.add_argument("file", help="a text file (a JSONL file with --jsonl), or - for stdin")
    extract.add_argument("--published-at",
                         help="publication time: ISO 8601 with an offset "
                              "(2023-07-03T09:30:00+09:00), or a date (midnight UTC)")
    extract.add_argument("--title", help="the article's headline")
    extract.add_argument("--format", choices=("json", "pretty"), default="json",
                         help="one JSON line (default), or indented JSON")
    extract.add_argument("--jsonl", action="store_true",
                         help='one article per line: {"id", "text", "published_at"?, "title"?}')
    extract.set_defaults(extraction_handler=cmd_extract)

    evaluate = sub.add_parser("eval", help="score extraction against annotated data")
    evaluate.add_argument("what", choices=("timex", "events"),
                          help="timex: TempEval-3 scores; events: event extraction scores")
    evaluate.add_argument("path", help="timex: a folder of .tml files; events: a gold JSONL")
    evaluate.add_argument("more", nargs="*", metavar="PATH",
                          help="events: more gold JSONL files, scored together")
    evaluate.add_argument("--split", choices=("tune", "check", "all"),
                          help="events: score only this part (default: each part and all)")
    evaluate.add_argument("--show", action="store_true",
                          help="events: list the tune part's mistakes and count them by "
                               "failure class (the check part is never listed)")
    evaluate.add_argument("--format", choices=("text", "json"), default="text",
                          help="a readable report (default), or the scores as JSON")
    evaluate.add_argument("--json", dest="format", action="store_const", const="json",
                          help="the same as --format json")
    evaluate.set_defaults(extraction_handler=cmd_eval)


def run(args: argparse.Namespace) -> int:
    try:
        code: int = args.extraction_handler(args)
        return code
    except InputError as exc:
        print(f"event-tracker {args.command}: {exc}", file=sys.stderr)
        return 2
