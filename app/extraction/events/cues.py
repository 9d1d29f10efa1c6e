"""Cues around a trigger: status and modality, the governing date, filters.

These are small closed-class word lists (auxiliaries, negators, reporting
verbs), so they live here as regexes rather than in the data folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from app.extraction.scan import fold, folded
from app.extraction.types import DateSpan, Timex
from app.vocabulary import EventStatus, Modality

_CANCELLED = re.compile(
    r"\b(?:cancel(?:l)?(?:ed|s|ing)?|call(?:ed|s|ing)?\s+off|scrap(?:ped|s)?)\b", re.I
)
# "was to have met": a plan that did not happen as planned. "put off any
# decisions" puts off a decision, not the meeting.
# "had been delayed", "long-delayed", "after being postponed": a delay told as
# history, of an occasion that goes ahead now, is no postponement.
_POSTPONED = re.compile(
    r"\b(?<!had been )(?<!long-)(?<!after being )"  # (\b first: it fails fast)
    r"(?:postpon\w*|delay(?:ed|s|ing)?|put\s+off(?!\s+(?:any\s+|a\s+|the\s+)?decisions?)|"
    r"defer(?:red|s)?|reschedul\w*|(?:was|were)\s+to\s+have\s+(?:met|been))\b",
    re.I,
)
# Halting verbs postpone only the meeting they govern ("suspended trade
# negotiations", "the talks were frozen"); "auctions were suspended" halts
# something else.
_HALTED_LEFT = re.compile(
    r"(?:\b(?:suspend(?:s|ed|ing)?|froze|freez(?:e|es|ing)|halt(?:s|ed|ing)?)\s+"
    r"(?:[\w-]+\s+){0,3}|\b(?:was|were)\s+to\s+have\s+)$",  # "was to have <met>"
    re.I,
)
_HALTED_RIGHT = re.compile(
    r"^\s+(?:(?:was|were|have\s+been|has\s+been|had\s+been|are|is)\s+)?"
    r"(?:suspended|frozen|halted|put\s+on\s+hold)\b",
    re.I,
)
_NEGATED = re.compile(
    r"\b(?:no|not|never|won't|wouldn't|isn't|aren't|wasn't|weren't|didn't|don't|doesn't|"
    r"ruled?\s+out|refus\w+\s+to|declin\w+\s+to|without|nor)\b",
    re.I,
)
# "not ... until", "not only": these do not negate the meeting; nor does a
# negated attendance ("will not attend the meeting": it takes place without
# them) or a negation of the time before it ("no meeting before the session").
_NOT_NEGATION = re.compile(
    r"\bnot\s+(?:only|just|due\s+to\s+meet\s+again\s+until)\b|until|\bbefore\b|"
    r"\b(?:not|never|won't|didn't|don't|doesn't|refus\w+\s+to|declin\w+\s+to)\s+"
    r"(?:be\s+)?(?:attend\w*|join\w*|take\s+part|participat\w+|go\s+to|present\s+at)\b",
    re.I,
)
# "is not due to meet again until September": scheduled for September.
_NOT_DUE = re.compile(r"\bnot\s+(?:due|expected|scheduled|set|going)\s+to\s+$", re.I)
_UNTIL = re.compile(r"\s+(?:again\s+)?until\b", re.I)
_NOT_UNTIL_DATE = re.compile(
    r"\bnot\s+(?:due|expected|scheduled|set|going)\s+to\s+\w+\s+(?:again\s+)?until\s+$", re.I
)
# Conditional subordinators: "if talks fail", "depending on how the negotiations go".
_CONDITION = re.compile(r"\b(?:if|unless|whether|depending\s+on)\b", re.I)
# "may" is the modal only when a verb follows it; the month ("CANBERRA, May 10 -",
# "in May.", "in May and June", "the May 10 summit") is followed by a number,
# punctuation or a function word ("#" stands for the trigger in `_classify`).
# Lower case only, so folded twins stay exact.
_MAY = (r"may(?=\s+[a-z#])(?!\s+(?:and|or|to|through|till|until|when|while|as|at|in|of|on|"
        r"for|after|before|with|this|that|last|next)\b)")
_HYPOTHETICAL = re.compile(rf"\b(?:could|might|{_MAY}|possible|possibly)\b", re.I)
# Right after the trigger these fix the date whatever was said before:
# "aim to agree at a summit scheduled for July 13".
_FIXED = re.compile(
    r"^[^.;]{0,40}?\b(?:scheduled|set\s+(?:for|to)|due|slated|to\s+be\s+held|will\s+be\s+held)\b",
    re.I,
)
# "comes up for consideration by EC farm ministers": what the meeting will
# consider, not a meeting under consideration.
_PROPOSED = re.compile(
    r"\b(?:propos\w*|suggest\w*|consider(?!ation\s+(?:by|at|of)\b)\w*|call(?:ed|s|ing)?\s+for|urg\w+|hop(?:e|ed|es|ing)|"
    r"want\w*|seek\w*|request\w*|look\w*\s+forward|would\s+like|offer\w*\s+to|idea|"
    r"envisag\w+|mooted|sought|push\w*\s+for|favou?r\w*|probably)\b",
    re.I,
)
# Proposal cues that a date turns into a schedule ("invited ... on March 12").
_PROPOSED_UNDATED = re.compile(
    r"\b(?:invit\w+|establish\w*|set(?:ting)?\s+up|plan(?:s|ned|ning)?)\b", re.I
)
_MODAL_END = re.compile(
    r"\b(?:will|would|shall|'ll|to|is\s+to|are\s+to)\s+(?:also\s+|then\s+|now\s+|soon\s+)?$",
    re.I,
)
_PLANNED = re.compile(
    r"\b(?:will|shall|'ll|scheduled|schedule|due|set\s+(?:to|for)|is\s+to|are\s+to|"
    r"expected|slated|upcoming|forthcoming|coming|next|later|eve\s+of|to\s+be\s+held|"
    r"would\s+(?:be\s+)?(?:meet|hold|visit|begin|start|resume|open|travel|discuss)\w*|"
    r"to\s+(?:meet|hold|visit|travel|attend|go)|resume|ahead\s+of|preparations?\s+for|"
    r"in\s+planning\s+for|planned|tomorrow|en\s+route)\b",
    re.I,
)
# The trigger as the subject of a future verb: "the NATO summit, she said, would produce".
_FUTURE_AFTER = re.compile(
    r"^(?:,[^,.;]{0,25},)?\s+(?:will|would|shall|is\s+to|are\s+to|is\s+expected|"
    r"are\s+expected)\b",
    re.I,
)
_HELD = re.compile(
    r"\b(?:held|met|ended|ending|concluded|opened|began|took\s+place|wound\s+up|winding\s+up|"
    r"wrapped\s+up|was|were|had|visited|arrived|discussed|agreed|signed|attended|"
    r"under\s+way|underway|in\s+progress|today|yesterday|last|earlier|recent|after|"
    r"during|at\s+the\s+end\s+of|broke\s+down|failed|failure|breakdown|"
    r"\w++(?<=\wed)\s+(?:today|yesterday))\b",  # (the word whole: "\w+ed" tried every split)
    re.I,
)
# A finite past verb near the trigger (the held cues without the prepositions
# and adverbs, which a coming occasion may have too: "after travelling this week").
_PAST_VERB_NEAR = re.compile(
    r"\b(?:held|met|ended|concluded|opened|began|took\s+place|wound\s+up|wrapped\s+up|"
    r"was|were|had|has|have|visited|arrived|discussed|agreed|signed|attended|broke\s+down|"
    r"failed|adjourned|closed)\b"
    # Any other simple past ("ASEAN aired its stand at this week's summit"):
    # an -ed word after its subject, not a participle after an auxiliary or
    # one of the participles that announce ("scheduled", "expected").
    r"|\b(?<!is\s)(?<!are\s)(?<!be\s)(?<!been\s)(?<!to\s)"
    r"(?!(?:scheduled|expected|planned|proposed|slated|intended|called|invited|"
    r"designed|aimed|devoted|dedicated|related|based|united|interested)\b)[a-z]{3,}ed\b",
    re.I,
)
# A timex right after (or right before) a reporting verb dates the report, not
# the meeting: "it was learned Sunday", "officials said on Tuesday".
_REPORTING_BEFORE = re.compile(
    r"\b(?:said|says|saying|told\s+\w+|announced|reported|learned|learnt|disclosed|confirmed|"
    r"quoted|added|stated|declared)\s*(?:on\s+|late\s+|early\s+|this\s+)?$"
    # "said at a regular news briefing today", "told a news conference on Monday"
    r"|\b(?:said|says|told)\s+(?:at\s+|in\s+)?(?:a|an|the|his|her)\s+(?:[\w-]+\s+){0,2}"
    r"(?:briefing|news\s+conference|press\s+conference|interview|statement)\s+(?:on\s+)?$",
    re.I,
)
_REPORTING_AFTER = re.compile(
    r"^,?\s*(?:morning|afternoon|evening|night)?\s*,?\s*(?:it\s+was\s+)?"
    r"(?:said|says|told|announced|reported|learned|disclosed|confirmed)\b",
    re.I,
)
# "the April 17 deadline", "as of December 1": a date of something else.
_OTHER_DATE_AFTER = re.compile(r"^\s*(?:deadline|accord|agreement|elections?|vote)\b", re.I)
# A request or invitation between a date and the trigger: the date is the request's.
_REQUEST_BETWEEN = re.compile(
    r"\b(?:call(?:ed|s)?\s+for|propos(?:ed|es)|urg(?:ed|es)|request\w*|invit(?:ed|es)|"
    r"ask(?:ed|s)|suggest(?:ed|s))\b",
    re.I,
)
_REQUEST_DATE = re.compile(
    r"\b(?:request|call|proposal|invitation|appeal|bid)\s+(?:on\s+)?$", re.I
)
_FOR_GAP = re.compile(r"\s+for\s+(?:[\w-]+\s+){0,2}$", re.I)
# "Chile suspended trade negotiations with Peru on Friday": the trigger is the
# object of a verb that stops it, and a date after it says when it was stopped.
_STOPPED_BEFORE = re.compile(
    r"\b(?:suspend(?:ed|s)?|halt(?:ed|s)?|froze|freezes|broke\s+off|breaks\s+off|"
    r"call(?:ed|s)\s+off|cancell?(?:ed|s)|postpone[ds]|shelve[ds]|abandon(?:ed|s))\s+"
    r"(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
_STOPPED_DATE_GAP = re.compile(r"^[^,;.:()\"]{0,40}\s(?:on|last|this)\s+$", re.I)
# A relative clause opening between a date and the trigger: the date is the
# main clause's, the meeting is the relative clause's.
_RELATIVE_BETWEEN = re.compile(r",\s*(?:where|when)\s", re.I)
_ATTEND_BETWEEN = re.compile(
    r"\bto\s+(?:attend|join|take\s+part\s+in|participate\s+in)\s+(?:the\s+)?[^,;.]{0,60}$", re.I
)
# Between the trigger and a date right after it: its own modifiers and places.
_ATTACHED_GAP = re.compile(r"^[^,;.:()\"]{0,60}$")
_OTHER_DATE_BEFORE = re.compile(r"\b(?:since|as\s+of|until|by|effective|from)\s+$", re.I)
# The new date of a moved meeting ("postponed to September 9", "delayed until
# next week", "rescheduled for Monday", "brought forward to May 2"): it is the
# occasion's date from now on, whatever other dates the sentence gives.
_MOVED_TO = re.compile(
    r"\b(?:postponed|delayed|put\s+off|pushed\s+back|moved|rescheduled|deferred|"
    r"brought\s+forward)\s+(?:[\w-]+\s+){0,2}?(?:to|until|till|for)\s+(?:on\s+)?$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Status:
    status: EventStatus
    modality: Modality
    strength: float  # how sure the cue is, in [0, 1]


def window(text: str, start: int, end: int, before: int, after: int) -> tuple[str, str]:
    """The text before and after a trigger, cut at clause-ending punctuation."""
    left = text[max(0, start - before) : start]
    cut = max(left.rfind(";"), left.rfind(" but "))
    if cut >= 0:
        left = left[cut + 1 :]
    right = text[end : end + after]
    cut_r = min((i for i in (right.find(";"), right.find(" but ")) if i >= 0), default=-1)
    if cut_r >= 0:
        right = right[:cut_r]
    return left, right


class _Cues(NamedTuple):
    """The patterns `classify` reads, as a set: as written (IGNORECASE) or
    their case-sensitive twins for lower-cased text (scan.folded)."""

    cancelled: re.Pattern[str]
    postponed: re.Pattern[str]
    halted_left: re.Pattern[str]
    halted_right: re.Pattern[str]
    negated: re.Pattern[str]
    not_negation: re.Pattern[str]
    not_due: re.Pattern[str]
    until: re.Pattern[str]
    condition: re.Pattern[str]
    hypothetical: re.Pattern[str]
    fixed: re.Pattern[str]
    proposed: re.Pattern[str]
    proposed_undated: re.Pattern[str]
    modal_end: re.Pattern[str]
    planned: re.Pattern[str]
    future_after: re.Pattern[str]
    held: re.Pattern[str]
    past_verb: re.Pattern[str]


_CUES = _Cues(
    _CANCELLED, _POSTPONED, _HALTED_LEFT, _HALTED_RIGHT, _NEGATED, _NOT_NEGATION, _NOT_DUE,
    _UNTIL, _CONDITION, _HYPOTHETICAL, _FIXED, _PROPOSED, _PROPOSED_UNDATED, _MODAL_END,
    _PLANNED, _FUTURE_AFTER, _HELD, _PAST_VERB_NEAR,
)
_TWINS = [twin for twin in (folded(p) for p in _CUES) if twin is not None]
_FOLDED_CUES = _Cues(*_TWINS) if len(_TWINS) == len(_CUES) else None


def _negated(left: str, cues: _Cues) -> bool:
    near = left[-45:]
    found = list(cues.negated.finditer(near))
    if not found:
        return False
    return not cues.not_negation.search(near[found[-1].start() :] + " ")


# The trigger inside a relative or participial clause ("Aso, currently visiting
# Washington, is scheduled to meet", "who arrives from Africa where she visited
# Benin, will hold talks"): the main clause's verb after it is not its own.
_IN_SUBCLAUSE = re.compile(
    r"(?:,\s*(?:who|which|whose|where|currently|now|then)\b|\bwhere\s+\w+)[^,;()]*+$", re.I
)
# The trigger as the audience of speech ("told the IADB meeting here that Peru
# will ..."): the "that" clause after it is what was said, not its tense.
_SPEECH_LEFT = re.compile(
    r"\b(?:told|tells|said|says|addressed|addressing|telling|warned|assured)\b[^,;]*+$", re.I
)
_THAT = re.compile(r"\s(?:that)\s", re.I)


def _own_clause(left: str, right: str) -> str:
    """The right window cut to the trigger's own clause."""
    if _IN_SUBCLAUSE.search(left[-80:]):
        comma = right.find(",")
        return right[:comma] if comma >= 0 else right
    if _SPEECH_LEFT.search(left[-80:]):
        that = _THAT.search(right, 0, 60)
        return right[: that.start()] if that else right
    return right


def classify(left: str, right: str, span: DateSpan | None, dct: date | None) -> Status | None:
    """Status and modality of one mention, or None when it is negated or
    conditional ("if talks fail")."""
    right = _own_clause(left, right)
    # The cues run on the lower-cased text when that is exact: much faster.
    lower_left, lower_right = fold(left), fold(right)
    if _FOLDED_CUES is not None and lower_left is not None and lower_right is not None:
        return _classify(lower_left, lower_right, span, dct, _FOLDED_CUES)
    return _classify(left, right, span, dct, _CUES)


def _classify(
    left: str, right: str, span: DateSpan | None, dct: date | None, cues: _Cues
) -> Status | None:
    near = left[-70:] + " # " + right[:120]
    if cues.cancelled.search(near):
        return Status("cancelled", "reported", 0.8)
    if cues.postponed.search(near) or cues.halted_left.search(left[-60:]) or (
        cues.halted_right.match(right)
    ):
        return Status("postponed", "reported", 0.8)
    if _negated(left, cues) and not (cues.not_due.search(left[-40:]) and cues.until.match(right)):
        return None
    if cues.condition.search(left[-60:]):
        return None
    if cues.hypothetical.search(left[-50:]):
        return Status("proposed", "hypothetical", 0.4)
    dated = span is not None and span.start_date is not None
    if dated and cues.fixed.match(right):
        return Status("scheduled", "planned", 0.9)
    if cues.proposed.search(left[-50:]) or (
        cues.proposed_undated.search(left[-50:]) and not dated
    ):
        return Status("proposed", "proposed", 0.6)
    if dated and dct is not None and span is not None:
        assert span.start_date is not None and span.end_date is not None
        if span.start_date < dct <= span.end_date and span.precision == "day":
            return Status("held", "reported", 0.8)  # under way
        if span.start_date > dct:
            return Status("scheduled", "planned", 0.9)
        if span.precision == "week" and span.start_date <= dct <= span.end_date and not (
            cues.past_verb.search(near)
        ):
            # "this week": the week runs on past the
            # report, and no past verb says the occasion is behind it.
            return Status("scheduled", "planned", 0.6)
        if span.end_date < dct:
            return Status("held", "reported", 0.9)
    if (
        cues.modal_end.search(left)
        or cues.planned.search(left[-60:])
        or cues.planned.search(right[:40])
        or cues.future_after.match(right)
    ):
        return Status("scheduled", "planned", 0.7 if dated else 0.6)
    return Status("held", "reported", 0.7 if cues.held.search(near) else NO_CUE)


# The strength of the default reading, held, when no cue says anything.
NO_CUE = 0.5


# The trigger is itself a finite past-tense verb ("where she visited Benin",
# "Ouko met Mubarak"), or a progressive of a trip under way ("currently
# visiting Washington"): its own clause's tense wins over a modal elsewhere in
# the sentence ("..., will hold talks").
_PAST_VERB = re.compile(
    r"(?:visited|toured|met|arrived\s+(?:in|here)|travell?ed\s+to|flew\s+to|conferred|telephoned)"
)
_UNDER_WAY = re.compile(r"\b(?:currently|now|is|are|was|were)\s+$", re.I)
_NOT_OWN_TENSE = re.compile(
    r"\b(?:will|would|could|should|might|may|must|shall|to|to\s+have|be|been|being|if|"
    r"unless)\s+(?:\w+\s+)?$",
    re.I,
)


# Base forms of meeting verbs cannot be past: "Wen will hold talks with
# Villepin, meet with Chirac and ..." (the modal is out of reach).
_BASE_FORM = frozenset({"meet", "receive", "negotiate"})


def base_form_tense(word: str, status: Status) -> Status:
    """Scheduled for a base-form verb that no cue dated or tensed."""
    if word in _BASE_FORM and status.status == "held" and status.strength <= NO_CUE:
        return Status("scheduled", "planned", 0.6)
    return status


def own_tense(word: str, left: str) -> Status | None:
    """Held, when the trigger's own verb says so (see _PAST_VERB)."""
    if word == "visiting" and _UNDER_WAY.search(left[-12:]):
        return Status("held", "reported", 0.8)
    if _PAST_VERB.fullmatch(word) and not _NOT_OWN_TENSE.search(left[-25:]):
        return Status("held", "reported", 0.8)
    return None


# A present tense after "until", "once" or "before" speaks of the future: "hold
# off until the secretary general visits Baghdad", "before the two sides resume
# the talks". Undated, such an occasion is only in prospect.
_SUBORDINATOR = r"\b(?:until|till|once|before)\s+"
_PRESENT_VERB = (r"(?:resumes?|meets?|visits?|arrives?|holds?|begins?|starts?|opens?|convenes?|"
                 r"travels?|comes?|goes|returns?|sits?\s+down)")
_FUTURE_SUBORDINATE = re.compile(
    _SUBORDINATOR + r"(?:[\w.'-]+\s+){0,5}?" + _PRESENT_VERB + r"\s+(?:[\w-]+\s+){0,4}$", re.I
)
_SUBORDINATE_SUBJECT = re.compile(_SUBORDINATOR + r"(?:[\w.'-]+\s+){1,5}$", re.I)
_PRESENT_TRIGGER = re.compile(_PRESENT_VERB, re.I)


def in_future_subordinate(word: str, left: str) -> bool:
    """The trigger in a temporal clause of the future with a present verb."""
    near = left[-70:]
    if _PRESENT_TRIGGER.fullmatch(word) and _SUBORDINATE_SUBJECT.search(near):
        return True
    return _FUTURE_SUBORDINATE.search(near) is not None


def is_reporting_date(text: str, timex: Timex) -> bool:
    before = text[max(0, timex.start - 40) : timex.start]
    after = text[timex.end : timex.end + 30]
    return bool(_REPORTING_BEFORE.search(before) or _REPORTING_AFTER.search(after))


def is_other_date(text: str, timex: Timex) -> bool:
    before = text[max(0, timex.start - 15) : timex.start]
    if timex.end_value is not None and before.rstrip().lower().endswith("from"):
        return False  # "from Dec. 4 to 15": a span of its own, the occasion's
    return bool(
        _OTHER_DATE_AFTER.search(text[timex.end : timex.end + 15])
        or _OTHER_DATE_BEFORE.search(before)
    )


def _attached_after(text: str, timex: Timex, trig_end: int) -> bool:
    """A date closely following the trigger in the same phrase dates it, even
    after "from" or before a comma and "said"."""
    if timex.start < trig_end or timex.start - trig_end > 60:
        return False
    if not _ATTACHED_GAP.match(text[trig_end : timex.start]):
        return False
    if _NOT_UNTIL_DATE.search(text, max(0, timex.start - 70), timex.start):
        return True  # "not due to meet again until September": the next sitting's date
    before = text[max(0, timex.start - 15) : timex.start]
    return not re.search(r"\b(?:since|until|by|as\s+of|effective)\s+$", before, re.I)


def _moved_to(
    text: str, timexes: list[Timex], trig_start: int, trig_end: int
) -> Timex | None:
    for timex in timexes:
        near = timex.start - trig_end if timex.start >= trig_end else trig_start - timex.end
        if timex.type in ("DATE", "TIME") and timex.value[:1].isdigit() and near <= 160 and (
            _MOVED_TO.search(text, max(0, timex.start - 50), timex.start)
        ):
            return timex
    return None


def choose_timex(
    text: str, timexes: list[Timex], trig_start: int, trig_end: int
) -> Timex | None:
    """The date expression governing a trigger in its sentence: the nearest
    calendar expression that is not a reporting date or another thing's date,
    preferring one after the trigger ("summit ... on July 13"); the new date of
    a moved meeting first."""
    moved = _moved_to(text, timexes, trig_start, trig_end)
    if moved is not None:
        return moved
    best: tuple[float, Timex] | None = None
    for timex in timexes:
        if timex.type not in ("DATE", "TIME") or not timex.value[:1].isdigit():
            continue
        if _attached_after(text, timex, trig_end):
            pass  # "talks in London from March 31", "a meeting near Tokyo next week, said"
        elif is_reporting_date(text, timex) or is_other_date(text, timex):
            continue
        if timex.end <= trig_start and _REQUEST_BETWEEN.search(text, timex.end, trig_start):
            continue  # "on Thursday called for a conference": the call's date
        if timex.end <= trig_start and _REQUEST_DATE.search(text, max(0, timex.start - 25),
                                                            timex.start) and _FOR_GAP.match(
            text, timex.end, trig_start
        ):
            continue  # "a formal request next week for emergency talks": the request's date
        if timex.end <= trig_start and _ATTEND_BETWEEN.search(text, timex.end, trig_start):
            continue  # "arrive in London Monday to attend the talks": the arrival's date
        if timex.end <= trig_start and _RELATIVE_BETWEEN.search(text, timex.end, trig_start):
            continue  # "arrived last night after a stopover in Riyadh, where he met"
        if timex.start >= trig_end and _STOPPED_BEFORE.search(
            text, max(0, trig_start - 60), trig_start
        ) and _STOPPED_DATE_GAP.match(text[trig_end : timex.start]):
            continue  # "suspended negotiations with Peru on Friday": the suspension's date
        if timex.start >= trig_end:
            distance = float(timex.start - trig_end)
        else:
            distance = 1.3 * (trig_start - timex.end)
        if distance > 160:
            continue
        if best is None or distance < best[0]:
            best = (distance, timex)
    return best[1] if best else None
