"""Logging, configured once for the whole command (:func:`configure`, from ``app/cli.py``).

Messages, progress and the service's log go to stderr through the logger ``eufunds``; data
goes to stdout. The parts' loggers (``eufunds.priorities`` …) show their notes in the
service's log and only their warnings in a one-off command. The long-running commands
(``serve``, ``web``) stamp each line with the time in Europe/Stockholm. apscheduler's own
(English) log is silenced: the service reports its jobs itself, failures with their
traceback, through apscheduler's event listeners (:class:`app.scheduler.Service`).
"""

from __future__ import annotations

import logging
from datetime import datetime

import click

from db.clock import STOCKHOLM

LOGGER = "eufunds"
log = logging.getLogger(LOGGER)


class _StderrHandler(logging.Handler):
    """Writes to the stderr of the moment (a test runner swaps it between commands)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            click.echo(self.format(record), err=True)
        except Exception:  # a closed stream must not turn a log line into a crash
            self.handleError(record)


class _StockholmFormatter(logging.Formatter):
    """``2026-11-30 07:00:03 message``, the time in Europe/Stockholm."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        moment = datetime.fromtimestamp(record.created, STOCKHOLM)
        return moment.strftime(datefmt or "%Y-%m-%d %H:%M:%S")


def configure(*, timestamps: bool = False, level: int = logging.INFO) -> logging.Logger:
    """Send the ``eufunds`` logger to stderr (once; a second call only changes the format)
    and silence apscheduler's log. Returns the logger."""
    handler = next((h for h in log.handlers if isinstance(h, _StderrHandler)), None)
    if handler is None:
        handler = _StderrHandler()
        log.addHandler(handler)
    handler.setFormatter(
        _StockholmFormatter("%(asctime)s %(message)s")
        if timestamps
        else logging.Formatter("%(message)s")
    )
    for old in list(handler.filters):
        handler.removeFilter(old)
    if not timestamps:
        # A one-off command says what it did itself; the parts' own notes (a new priorities
        # version saved …) belong in the service's log, their warnings everywhere.
        handler.addFilter(lambda r: r.name == LOGGER or r.levelno >= logging.WARNING)
    log.setLevel(level)
    log.propagate = False
    logging.getLogger("apscheduler").setLevel(logging.CRITICAL)
    return log
