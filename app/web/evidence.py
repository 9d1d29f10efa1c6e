"""The evidence sentence with its date and actor words marked.

A mention keeps its sentence, the raw date expression and the codes of the actors it
names, but not where in the sentence each actor was named. The words are found again
here by the actors' names and aliases (the same names the gazetteer matched them by,
stored on each actor): a plain search over one sentence, cheap enough for a page,
where re-running the gazetteer would load it into the web process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Mark = Literal["date", "actor"]


@dataclass(frozen=True)
class Segment:
    text: str
    mark: Mark | None = None


def _spans(sentence: str, phrase: str, mark: Mark) -> Iterable[tuple[int, int, Mark]]:
    # Word boundaries where the phrase starts or ends with a word character, so "EU"
    # is not marked inside "EUROPE" and "U.S." still matches before a comma.
    head = r"\b" if phrase[:1].isalnum() else ""
    tail = r"\b" if phrase[-1:].isalnum() else ""
    flags = 0 if mark == "actor" and len(phrase) <= 4 else re.IGNORECASE  # "US" vs "us"
    for match in re.finditer(head + re.escape(phrase) + tail, sentence, flags):
        yield match.start(), match.end(), mark


def marked(sentence: str, *, date_text: str | None, actor_names: Iterable[str]) -> list[Segment]:
    """`sentence` cut into segments, the date expression and actor names marked. Longer
    phrases win where two overlap ("European Union" over "Union")."""
    phrases: list[tuple[str, Mark]] = [(n, "actor") for n in set(actor_names) if n.strip()]
    if date_text and date_text.strip():
        phrases.append((date_text.strip(), "date"))
    found = [span for phrase, mark in phrases for span in _spans(sentence, phrase, mark)]
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    segments: list[Segment] = []
    position = 0
    for start, end, mark in found:
        if start < position:  # inside a longer phrase already marked
            continue
        if start > position:
            segments.append(Segment(sentence[position:start]))
        segments.append(Segment(sentence[start:end], mark))
        position = end
    if position < len(sentence):
        segments.append(Segment(sentence[position:]))
    return segments
