"""Helpers of the fault-and-abuse suite (tests/test_faults_*.py); no tests of its own.

Processes are real (`eufunds` in a subprocess), servers are real and on 127.0.0.1, and the
clock is frozen (EUFUNDS_TODAY, EUFUNDS_NOW), so each fault replays the same way every time.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.notifier_world import PRIORITIES, REPO
from tests.smtp_server import Handler, free_port

# Monday of ISO week 15, after the digest time (07:00): a start catches up everything.
TODAY = "2026-04-06"
NOW = "2026-04-06T09:00:00+02:00"
SOURCE_URLS = ("SEDIA", "VINNOVA", "TILLVAXTVERKET", "ESF", "INTERREG_BSR", "INTERREG")


def service_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of an `eufunds` process in these tests: its own database, the test
    priorities, a frozen clock and every source pointed at a closed port on loopback (the
    crawl fails fast, which is recorded, not fatal)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("EUFUNDS_SMTP_", "EUFUNDS_FEEDS", "EUFUNDS_NOW"))
        and not (k.startswith("EUFUNDS_") and k.endswith("_URL"))
    }
    dead = f"http://127.0.0.1:{free_port()}/"
    env.update(
        {
            "EUFUNDS_DB": str(tmp_path / "eufunds.db"),
            "EUFUNDS_PRIORITIES": str(PRIORITIES),
            "EUFUNDS_OUTBOX_DIR": str(tmp_path / "outbox"),
            "EUFUNDS_TODAY": TODAY,
            "EUFUNDS_NOW": NOW,
            "EUFUNDS_CRAWL_DELAY": "0",
            "EUFUNDS_MAIL_FROM": "EU-bevakning <eufunds@linkoping.example>",
            **{f"EUFUNDS_{name}_URL": dead for name in SOURCE_URLS},
        }
    )
    env.update(extra)
    return env


def eufunds(
    env: dict[str, str], *args: str, timeout: float = 120, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    """Run `eufunds ARGS` to the end; stdout and stderr as text."""
    return subprocess.run(
        [sys.executable, "-c", "from app.cli import main; main()", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        **kwargs,
    )


@dataclass
class Serve:
    """A running `eufunds serve` whose stderr goes to a file."""

    process: subprocess.Popen[bytes]
    log: Path

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, needle: str, timeout: float = 120) -> str:
        """Wait until the log holds ``needle`` (fail if the process ends or time runs out)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.text()
            if needle in text:
                return text
            if self.process.poll() is not None:
                raise AssertionError(
                    f"serve ended ({self.process.returncode}) before {needle!r}:\n{text}"
                )
            time.sleep(0.05)
        raise AssertionError(f"no {needle!r} within {timeout} s:\n{self.text()}")

    def terminate(self, timeout: float = 60) -> int:
        """SIGTERM, then the exit code (killed after ``timeout`` seconds)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.kill()

    def kill(self) -> None:
        """SIGKILL if still running."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


def start_serve(env: dict[str, str], log: Path, *args: str) -> Serve:
    """Start `eufunds serve --no-web ARGS` in the background (the jobs, not the web view)."""
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [sys.executable, "-c", "from app.cli import main; main()", "serve", "--no-web", *args],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=handle,
        )
    return Serve(process, log)


def one_line_error(stderr: str) -> bool:
    """A message, not a traceback: no 'Traceback', and what is said fits on few lines."""
    return "Traceback" not in stderr and 0 < len(stderr.strip().splitlines()) <= 3


@dataclass
class StallingHandler(Handler):
    """An SMTP server that takes the whole message and then never confirms it."""

    stall: float = 30.0
    data_seen: int = 0
    on_stall: Callable[[], None] | None = field(default=None, repr=False)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_seen += 1
        if self.on_stall is not None:
            self.on_stall()
        await asyncio.sleep(self.stall)
        return "250 too late: the client gave up long ago"


def wait_until(check: Callable[[], bool], timeout: float = 30) -> None:
    """Poll ``check`` until it is true (AssertionError after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")
