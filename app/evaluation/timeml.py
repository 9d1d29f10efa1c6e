"""Read TimeML documents and score the temporal tagger as TempEval-3 does.

This is the evaluation harness, not part of the extractor, so reading files is
fine here. Scoring follows the TempEval-3 TIMEX3 task:

- strict extent match: same start and end offsets;
- relaxed extent match: the extents overlap (each gold and each predicted
  expression is paired at most once);
- value F1: over relaxed matches, P = correct values / predicted and
  R = correct values / gold;
- type accuracy: matching types / relaxed matches.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.evaluation.scoring import Candidate, greedy_pairs, prf
from app.extraction.temporal.tagger import tag
from app.extraction.types import Timex


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class TimeMLDoc:
    """One TimeML document: the plain TEXT content, its gold TIMEX3s and the DCT."""

    name: str
    text: str
    dct: dt.date
    gold: list[GoldTimex] = field(default_factory=list)


def _local(tag_name: str) -> str:
    """Strip an XML namespace ("{ns}TIMEX3" -> "TIMEX3")."""
    return tag_name.rsplit("}", 1)[-1]


def _walk(elem: ET.Element, parts: list[str], gold: list[GoldTimex], pos: int) -> int:
    """Append elem's text content to parts, recording TIMEX3 offsets; return new position."""
    start = pos
    if elem.text:
        parts.append(elem.text)
        pos += len(elem.text)
    for child in elem:
        pos = _walk(child, parts, gold, pos)
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    if _local(elem.tag) == "TIMEX3":
        # The text is filled in by parse_tml once the whole string is known.
        gold.append(GoldTimex(start, pos, "", elem.get("type", ""), elem.get("value", "")))
    return pos


def _parse_dct(root: ET.Element) -> dt.date | None:
    for elem in root.iter():
        if _local(elem.tag) == "TIMEX3" and elem.get("functionInDocument") == "CREATION_TIME":
            value = elem.get("value", "")
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                return None
    return None


def parse_tml(path: pathlib.Path) -> TimeMLDoc:
    """Parse a .tml file: plain text of TEXT, gold TIMEX3s in it, and the DCT's date."""
    root = ET.parse(path).getroot()
    text_elem = next((e for e in root.iter() if _local(e.tag) == "TEXT"), None)
    if text_elem is None:
        raise ValueError(f"{path}: no TEXT element")
    dct = _parse_dct(root)
    if dct is None:
        raise ValueError(f"{path}: no CREATION_TIME TIMEX3")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    _walk(text_elem, parts, gold, 0)
    text = "".join(parts)
    # _walk appends a TIMEX3 when it closes, so sort by position for readability.
    gold.sort(key=lambda g: (g.start, g.end))
    gold = [GoldTimex(g.start, g.end, text[g.start : g.end], g.type, g.value) for g in gold]
    return TimeMLDoc(path.stem, text, dct, gold)


def collect_tml(path: pathlib.Path) -> list[pathlib.Path]:
    """A directory is searched recursively for *.tml files; a file is itself."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*.tml") if p.is_file())
    return [path]


@dataclass(slots=True)
class Counts:
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _pair_relaxed(
    gold: Sequence[GoldTimex], pred: Sequence[Timex]
) -> list[tuple[GoldTimex, Timex]]:
    """Pair overlapping extents one to one, preferring exact matches, then larger overlap."""
    candidates: list[Candidate] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                exact = int(g.start == p.start and g.end == p.end)
                candidates.append(((-exact, -overlap), gi, pi))
    return [(gold[gi], pred[pi]) for gi, pi in greedy_pairs(candidates)]


def score_document(gold: Sequence[GoldTimex], pred: Sequence[Timex]) -> Counts:
    """Counts of one document (documents=1)."""
    pairs = _pair_relaxed(gold, pred)
    c = Counts(documents=1, gold=len(gold), predicted=len(pred), relaxed=len(pairs))
    for g, p in pairs:
        c.strict += int(g.start == p.start and g.end == p.end)
        c.value += int(g.value == p.value)
        c.type += int(g.type == p.type)
    return c


def summarise(c: Counts) -> dict[str, Any]:
    """The public result dict of evaluate_paths from raw counts."""
    value = prf(c.value, c.predicted, c.gold)
    return {
        "documents": c.documents,
        "gold": c.gold,
        "predicted": c.predicted,
        "strict": prf(c.strict, c.predicted, c.gold),
        "relaxed": prf(c.relaxed, c.predicted, c.gold),
        "value_f1": value["f1"],
        "type_accuracy": c.type / c.relaxed if c.relaxed else 0.0,
    }


Tagger = Callable[[str, dt.date], list[Timex]]


def evaluate_docs(docs: Iterable[TimeMLDoc], tagger: Tagger = tag) -> Counts:
    total = Counts()
    for doc in docs:
        total.add(score_document(doc.gold, tagger(doc.text, doc.dct)))
    return total


def evaluate_paths(paths: list[pathlib.Path]) -> dict[str, Any]:
    """Tag every document (files, or directories searched for *.tml) and score it.

    Returns {"documents", "gold", "predicted", "strict": {"p","r","f1"},
    "relaxed": {"p","r","f1"}, "value_f1", "type_accuracy"}.
    """
    files = [f for p in paths for f in collect_tml(p)]
    return summarise(evaluate_docs(parse_tml(f) for f in files))


def format_report(result: dict[str, Any]) -> str:
    """A human-readable table of an evaluate_paths result."""
    lines = [
        f"documents {result['documents']}   gold {result['gold']}   "
        f"predicted {result['predicted']}",
        "",
        f"{'measure':<14}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for name in ("strict", "relaxed"):
        m = result[name]
        lines.append(f"{name + ' extent':<14}{m['p']:>8.4f}{m['r']:>8.4f}{m['f1']:>8.4f}")
    lines.append(f"{'value':<14}{'':>8}{'':>8}{result['value_f1']:>8.4f}")
    lines.append(f"{'type accuracy':<14}{'':>16}{result['type_accuracy']:>8.4f}")
    return "\n".join(lines)
