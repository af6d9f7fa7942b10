"""How long to wait before reconnecting to a server that failed: exponential, with full jitter.

After the n-th failure in a row the wait is drawn uniformly from [0, min(cap, base * 2**(n-1))]
("full jitter"): the ceiling doubles from ``base`` (1 s) up to ``cap`` (5 minutes), and the
draw spreads workers that lost the same server at the same moment, so they do not all come
back at once. A success resets the count. Pure: the random draw is an argument.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

BASE_SECONDS = 1.0
CAP_SECONDS = 300.0


@dataclass(frozen=True)
class Backoff:
    """The failures in a row so far, and the policy that turns them into a wait."""

    failures: int = 0
    base: float = BASE_SECONDS
    cap: float = CAP_SECONDS

    def ceiling(self) -> float:
        """The longest wait after ``failures`` failures in a row (0 when there were none)."""
        if self.failures <= 0:
            return 0.0
        # 2**60 s is far past any cap: stop growing there rather than overflow a float.
        return min(self.cap, self.base * 2.0 ** min(self.failures - 1, 60))

    def delay(self, draw: float) -> float:
        """The wait for a uniform ``draw`` in [0, 1): full jitter under the ceiling."""
        return min(max(draw, 0.0), 1.0) * self.ceiling()

    def failed(self) -> Backoff:
        return replace(self, failures=self.failures + 1)

    def succeeded(self) -> Backoff:
        return replace(self, failures=0)
