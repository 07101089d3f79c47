"""The order submissions are handed to workers: heaviest assignment first.

With several workers, a class takes as long as its busiest worker; if the
last submissions handed out are slow ones, the other workers sit idle while
they finish.  Handing out the slow ones first and the quick ones last lets
the quick ones fill the gaps (longest-processing-time-first scheduling).

How slow an assignment's submissions are is learnt while grading: the queue
first takes one submission of each assignment, in the order found, then
always one of the assignment whose submissions have taken longest on average
so far.  Within an assignment the order found is kept.  Nothing is assumed
about the course, and a one-worker run is not slowed: it grades the same
submissions in another order.
"""

from __future__ import annotations

from collections import defaultdict, deque
from typing import Generic, Hashable, Iterator, TypeVar

T = TypeVar("T")


class HeaviestFirst(Generic[T]):
    """``for item in queue: ...``, with ``queue.took(group, seconds)`` after each is done."""

    def __init__(self, items: list[tuple[Hashable, T]]):
        self._waiting: dict[Hashable, deque[T]] = defaultdict(deque)
        for group, item in items:
            self._waiting[group].append(item)
        self._seconds: dict[Hashable, list[float]] = defaultdict(list)
        self._started: set[Hashable] = set()

    def took(self, group: Hashable, seconds: float) -> None:
        self._seconds[group].append(seconds)

    def __iter__(self) -> Iterator[T]:
        while True:
            group = self._next_group()
            if group is None:
                return
            self._started.add(group)
            yield self._waiting[group].popleft()

    def _next_group(self):
        left = [g for g, items in self._waiting.items() if items]
        if not left:
            return None
        unseen = [g for g in left if g not in self._started]
        if unseen:
            return unseen[0]                        # dict order: the order found
        # Groups not measured yet (their first result is still out) count as heaviest.
        return max(left, key=lambda g: self._mean(g))

    def _mean(self, group) -> float:
        times = self._seconds.get(group)
        return sum(times) / len(times) if times else float("inf")
