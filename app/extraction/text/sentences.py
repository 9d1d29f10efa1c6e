"""Regex-based sentence splitting for news text (cleaned or original).

A sentence ends at [.!?] (plus closing quotes/brackets) followed by whitespace
and a capital, digit or opening quote, unless the word before the period is an
abbreviation or an initial; at a paragraph break (blank line, or a newline
followed by indentation as in wire copy); and at a line break after a title-like
line (no final punctuation). Hard-wrapped text (Reuters copy wraps at about 65
characters) is detected so that its soft line breaks do not end sentences.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

# Written to open with a character class ("[.!?][.!?]*", not "[.!?]+"), which
# lets `re` skip to the next stop in C instead of trying every position.
# The look-behind starts a match only at a run's first stop and the possessive
# quantifiers never give characters back: a run of 100,000 dots is one linear
# try, not 100,000 (a match from inside a run exists only if one from its start does).
_PUNCT_RE = re.compile(r"[.!?](?<![.!?].)[.!?]*+[\"'”’)\]]*+(?=\s+[\"'“‘(\[]*[A-Z0-9])")
_PARA_RE = re.compile(r"\n[ \t]*\n|\n(?=[ \t]{2,}\S)|\n(?=\t)")
_CLOSERS = "\"'”’)]"
_NEXT_WORD_RE = re.compile(r"\s+[\"'“‘(\[]*([\w.]+)")
_LINE_END_OK = frozenset(".!?:;,-\"'”’)")
_LINE_NEXT_START_RE = re.compile(r"[ \t]*[\"'“‘(\[]*[A-Z0-9]")

# Never the end of a sentence: titles and forms always followed by a name or number.
_NEVER = frozenset(
    """mr mrs ms messrs dr prof gen lt col maj capt cmdr adm sgt cpl sen rep gov
    pres supt insp rev fr msgr st mt ft approx ca e.g i.e vs cf""".split()
)
# Abbreviations only when a number follows ("No. 2", "Art. 5").
_BEFORE_NUMBER = frozenset("no nos vol art sec ch fig p pp op".split())
# Ends a sentence only when the next word is a typical sentence opener.
_MAYBE = frozenset(
    """inc corp co ltd plc bros llc jr sr esq etc govt dept jan feb mar apr jun jul aug
    sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun a.m p.m
    ala ariz ark calif colo conn del fla ga ill ind kan ky la mass md mich minn
    miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo""".split()
)
_OPENERS = frozenset(
    """The A An He She It They We I You This That These Those There His Her Its Their
    Our But And Or So Yet In On At For After Before When While If As Some Most Many
    Other Others Mr Mrs Ms Dr Analysts Officials Shares Earlier Later Meanwhile However
    Also Under Last Next Still Both One Two Three""".split()
)
_WORD_SPLIT_RE = re.compile(r"[-/(\"'“‘\[]")
_DOTTED_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def _word_before_period(text: str, end: int) -> str:
    """The non-space run before the period that text[:end] ends with (closing quotes
    and brackets may follow the period), within 24 characters; "" if none."""
    tail = text[max(0, end - 24) : end].rstrip(_CLOSERS)
    if not tail.endswith("."):
        return ""
    head = tail[:-1]
    if not head or head[-1].isspace():
        return ""
    return head.rsplit(None, 1)[-1]


def _ends_ok(line: str) -> bool:
    """Whether the line ends (before trailing space) in punctuation that may end a line."""
    body = line.rstrip()
    return bool(body) and body[-1] in _LINE_END_OK


def _is_abbreviation_stop(text: str, end: int) -> bool:
    """Whether the period ending at `end` belongs to an abbreviation, not a sentence end."""
    before = _word_before_period(text, end)
    if not before:
        return False
    # "Japan-U.S." and "(U.S." end in the abbreviation that matters.
    word = _WORD_SPLIT_RE.split(before)[-1]
    low = word.lower()
    if low in _NEVER or (len(word) == 1 and "A" <= word <= "Z"):  # an initial
        return True
    # The next word is read only for the abbreviations that depend on it.
    if low in _BEFORE_NUMBER:
        nxt = _NEXT_WORD_RE.match(text, end)
        return bool(nxt and nxt.group(1)[0].isdigit())
    if low in _MAYBE or _DOTTED_RE.fullmatch(word):
        nxt = _NEXT_WORD_RE.match(text, end)
        return not (nxt and nxt.group(1) in _OPENERS)
    return False


def _wrap_width(lines: list[str]) -> int | None:
    """The wrap width if the text is hard-wrapped, else None."""
    soft = [ln.rstrip() for ln in lines if ln.strip()]
    if len(soft) < 3:
        return None
    unended = sum(1 for ln in soft if not _ends_ok(ln))
    lengths = sorted(len(ln) for ln in soft)
    width = lengths[int(len(lengths) * 0.9) - 1]
    if unended * 2 < len(soft) or width > 100:
        return None
    return width


def _line_cuts(text: str) -> list[int]:
    """Cuts at line breaks that end a title-like line (no final punctuation)."""
    if "\n" not in text:
        return []
    lines = []
    pos = 0
    for line in text.split("\n")[:-1]:  # the last piece has no line break after it
        lines.append((pos, line))
        pos += len(line) + 1
    width = _wrap_width([ln for _, ln in lines])
    cuts = []
    for start, line in lines:
        stripped = line.strip()
        if not stripped or _ends_ok(stripped):
            continue
        if width is not None and len(line.rstrip()) > 0.6 * width:
            continue  # a soft wrap inside a sentence
        nl = start + len(line)
        if _LINE_NEXT_START_RE.match(text, nl + 1):
            cuts.append(nl)
    return cuts


# Longer "sentences" are cut at the last whitespace before this length (the
# longest in the development data is 436 characters), so the per-sentence work
# of detection is bounded and extraction stays linear in the text's length.
MAX_SENTENCE_CHARS = 1000
_LAST_SPACE_RE = re.compile(r".*\s", re.S)


def _bounded(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The span (s, e) in pieces of at most MAX_SENTENCE_CHARS, trimmed."""
    pieces = []
    while e - s > MAX_SENTENCE_CHARS:
        limit = s + MAX_SENTENCE_CHARS
        space = _LAST_SPACE_RE.match(text, s + 1, limit + 1)
        cut = space.end() - 1 if space is not None else limit
        end = cut
        while end > s and text[end - 1].isspace():
            end -= 1
        if end > s:
            pieces.append((s, end))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        pieces.append((s, e))
    return pieces


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in `text`, trimmed of surrounding whitespace,
    none longer than MAX_SENTENCE_CHARS."""
    cuts = [m.start() for m in _PARA_RE.finditer(text)]
    for m in _PUNCT_RE.finditer(text):
        end = m.end()
        if m.group()[0] == "." and len(m.group().rstrip("\"'”’)]")) == 1:
            if _is_abbreviation_stop(text, end):
                continue
        cuts.append(end)
    cuts.extend(_line_cuts(text))
    cuts.sort()
    spans = []
    prev = 0
    for cut in [*cuts, len(text)]:
        if cut < prev:
            continue
        s, e = prev, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s > MAX_SENTENCE_CHARS:
            spans.extend(_bounded(text, s, e))
        elif e > s:
            spans.append((s, e))
        prev = cut
    return spans
