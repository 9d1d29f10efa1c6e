"""Extraction: article text (plus optional metadata) in, event drafts out.

Pure and deterministic: no database, no network. One sub-package per concept,
run in order by `pipeline.extract`:

- `text`: cleaning (page furniture out, offsets kept), dateline, sentences;
- `temporal`: TIMEX3 tagging and normalisation, calendar spans;
- `gazetteer`: actors (states, organisations) and places named in text;
- `events`: triggers read into mentions, merged into event drafts.

`types` holds the data passed between them; `scan` the fast regex helpers
they share; `data` the loader of the curated lists in app/data.
"""
