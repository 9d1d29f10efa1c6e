"""Temporal expressions: the TIMEX3 tagger (`tagger.tag`), its rules and
calendar arithmetic, and the calendar span a value means (`tagger.to_span`)."""
