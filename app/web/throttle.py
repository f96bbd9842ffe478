"""Failed logins, counted per address: after a few wrong passwords in a short time the login
refuses every try from that address, the right password too, until the window has passed.

The coordinator's password is one shared secret; without a limit anyone who reaches the
login page could try passwords as fast as the server answers. The count is kept in the
serving process (a restart forgets it) and is safe across the server's threads.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

ATTEMPTS = 5  # wrong passwords allowed per address within WINDOW
WINDOW = 15 * 60  # seconds


class LoginThrottle:
    """The failed logins of each address within the last ``window`` seconds."""

    def __init__(
        self,
        attempts: int = ATTEMPTS,
        window: float = WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.attempts = attempts
        self.window = window
        self._clock = clock
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> list[float]:
        recent = [t for t in self._failures.get(address, []) if now - t < self.window]
        if recent:
            self._failures[address] = recent
        else:
            self._failures.pop(address, None)
        return recent

    def attempt(self, address: str) -> int:
        """Begin a login from ``address``: seconds to wait (nothing counted), or 0 with the try
        counted as a wrong password until :meth:`succeeded` says otherwise.

        Checking and counting under one lock keeps simultaneous tries from one address from
        all passing the check before any of them is counted.
        """
        with self._lock:
            now = self._clock()
            recent = self._recent(address, now)
            if len(recent) >= self.attempts:
                return max(1, int(recent[-self.attempts] + self.window - now + 0.999))
            self._failures.setdefault(address, []).append(now)
            return 0

    def succeeded(self, address: str) -> None:
        """A right password: the address starts afresh."""
        with self._lock:
            self._failures.pop(address, None)
