"""Scorers of extraction against annotated data, outside the runtime path:
TempEval-3 for the temporal tagger (`timeml`), events against the annotated
articles (`events`). Unlike extraction, these read files."""
