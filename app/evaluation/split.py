"""The fixed tune / check split of the annotated articles.

An article belongs to the check part when the SHA-256 of its id, read as a
number, is divisible by 3 (about a third of the articles); every other article
is in the tune part. The split depends on the id alone, so it never changes
as files grow, and the same article is in the same part in every file.

Errors are read article by article on the tune part only (`event-tracker eval
events --show` refuses the check part); the check part is scored, never read,
so its scores are an honest estimate of articles the rules have never seen.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Part = Literal["tune", "check"]
PARTS: tuple[Part, ...] = ("tune", "check")


def part_of(article_id: str) -> Part:
    digest = int(hashlib.sha256(article_id.encode("utf-8")).hexdigest(), 16)
    return "check" if digest % 3 == 0 else "tune"
