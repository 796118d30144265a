"""Placing markers and labels on a drawn sketch so that none covers another.

Greedy placement: each box in turn takes the first of its candidate positions (nearest first)
that stays inside the drawing and overlaps nothing placed before it; if none is free it takes
the one overlapping least. Enough for a route sheet's dozen stops; units are the caller's
(millimetres on the route sheet), with y growing downwards as on a page.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    x: float  # left
    y: float  # top
    w: float
    h: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def overlap(self, other: Box) -> float:
        """The area both boxes cover (0 when they only touch or lie apart)."""
        dx = min(self.x + self.w, other.x + other.w) - max(self.x, other.x)
        dy = min(self.y + self.h, other.y + other.h) - max(self.y, other.y)
        return dx * dy if dx > 0 and dy > 0 else 0.0

    def inside(self, bounds: Box) -> bool:
        return (
            self.x >= bounds.x
            and self.y >= bounds.y
            and self.x + self.w <= bounds.x + bounds.w
            and self.y + self.h <= bounds.y + bounds.h
        )

    def grown(self, margin: float) -> Box:
        return Box(self.x - margin, self.y - margin, self.w + 2 * margin, self.h + 2 * margin)


def place(
    candidates: Iterable[Box], taken: Sequence[Box], bounds: Box, gap: float = 0.5
) -> tuple[Box, int]:
    """The first candidate inside `bounds` clear of every box in `taken` (by `gap`), with its
    index among the candidates; if none is clear, the one overlapping least."""
    best: tuple[float, int, Box] | None = None
    for index, box in enumerate(candidates):
        clash = sum(box.grown(gap).overlap(other) for other in taken)
        if not box.inside(bounds):
            clash += box.w * box.h  # outside the drawing is worse than touching a neighbour
        if clash == 0:
            return box, index
        if best is None or clash < best[0]:
            best = (clash, index, box)
    if best is None:
        raise ValueError("no candidate positions")
    return best[2], best[1]


def marker_candidates(cx: float, cy: float, size: float, rings: int = 4) -> list[Box]:
    """A marker of `size` centred on its point, else on rings of 8 positions around it."""
    half = size / 2
    boxes = [Box(cx - half, cy - half, size, size)]
    for ring in range(1, rings + 1):
        distance = ring * (size + 1)
        for step in range(8):
            angle = math.pi / 4 * step - math.pi / 4  # start up-right: away from a label
            boxes.append(
                Box(
                    cx + distance * math.cos(angle) - half,
                    cy + distance * math.sin(angle) - half,
                    size,
                    size,
                )
            )
    return boxes


def label_candidates(marker: Box, w: float, h: float, rings: int = 4) -> list[Box]:
    """A label of w × h beside a marker: right, left, above, below and the corners, then the
    same further out."""
    cx, cy = marker.centre
    boxes = []
    for ring in range(rings):
        reach = marker.w / 2 + 0.8 + ring * (h + 1)
        boxes += [
            Box(cx + reach, cy - h / 2, w, h),
            Box(cx - reach - w, cy - h / 2, w, h),
            Box(cx - w / 2, cy - reach - h, w, h),
            Box(cx - w / 2, cy + reach, w, h),
            Box(cx + reach, cy - reach - h / 2, w, h),
            Box(cx + reach, cy + reach - h / 2, w, h),
            Box(cx - reach - w, cy - reach - h / 2, w, h),
            Box(cx - reach - w, cy + reach - h / 2, w, h),
        ]
    return boxes
