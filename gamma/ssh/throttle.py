"""Failed logins per client address: past the limit in a minute, the address waits."""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Callable


class FailureThrottle:
    """Counts failures per address over a sliding window (thread-safe).

    An address with `limit` failures in the last `window` seconds is blocked until the
    oldest of them leaves the window.
    """

    def __init__(self, limit: int, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> deque[float]:
        times = self._failures.get(address)
        if times is None:
            return deque()
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[address]
        return times

    def failed(self, address: str) -> None:
        with self._lock:
            now = self.clock()
            times = self._recent(address, now)
            times.append(now)
            self._failures[address] = times
            if len(self._failures) > 10000:  # a flood of addresses: forget the quiet ones
                for quiet in [a for a in self._failures if a != address][:1000]:
                    self._recent(quiet, now)

    def blocked(self, address: str) -> bool:
        if self.limit <= 0:
            return False
        with self._lock:
            return len(self._recent(address, self.clock())) >= self.limit

    def wait_seconds(self, address: str) -> float:
        """How long until the address may try again (0 when it may now)."""
        with self._lock:
            now = self.clock()
            times = self._recent(address, now)
            if self.limit <= 0 or len(times) < self.limit:
                return 0.0
            return max(0.0, times[-self.limit] + self.window - now)
