"""The curated lists of app/data (JSON files shipped with the package).

One reader for all of them; each file is parsed once per process (the
modules that compile patterns from a list cache their own results too).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["load_json"]


@cache
def load_json(name: str) -> Any:
    """The parsed contents of app/data/`name`. Shared between callers: read it,
    never modify it."""
    return json.loads(resources.files("app.data").joinpath(name).read_text(encoding="utf-8"))
