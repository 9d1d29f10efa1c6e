"""What both scorers share: one-to-one pairing of gold and predicted items,
and precision, recall and F1."""

from __future__ import annotations

from collections.abc import Iterable

# A possible pair: (sort key, gold index, predicted index); the smallest key pairs first.
Candidate = tuple[tuple[float, ...], int, int]


def greedy_pairs(candidates: Iterable[Candidate]) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs, each item used at most once, taken
    greedily in key order (ties by index, so the result is deterministic)."""
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def prf(hits: int, predicted: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1 of `hits` correct among `predicted`, of `gold`."""
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f1}
