"""The progress bar: submissions graded, rate, time left, failures so far."""

from __future__ import annotations

import sys

from tqdm import tqdm


class Progress:
    def __init__(self, total: int, enabled: bool = True):
        # No monitor thread: worker processes are forked while the bar is up.
        tqdm.monitor_interval = 0
        self.failed = 0
        self._bar = tqdm(total=total, unit="sub", desc="grading", file=sys.stderr,
                         disable=not enabled, dynamic_ncols=True, smoothing=0.05)
        self._bar.set_postfix(failed=0)

    def advance(self, ok: bool) -> None:
        if not ok:
            self.failed += 1
            self._bar.set_postfix(failed=self.failed, refresh=False)
        self._bar.update(1)

    def say(self, text: str) -> None:
        """A line above the bar (the bar redraws below it)."""
        self._bar.write(text, file=sys.stderr)

    def close(self) -> None:
        self._bar.close()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
