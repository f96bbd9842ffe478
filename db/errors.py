"""The errors a user of eufunds can meet, each carrying the exit code the command line ends
with (README.md, *Exit codes*).

Every part raises these (or a subclass) for a failure it can explain; ``app/cli.py`` prints
the message in one line and exits with :attr:`EufundsError.exit_code`, in one place. The
message says what happened and how to fix it, in Swedish.
"""

from __future__ import annotations

OK = 0
FAILED = 1  # a runtime error (database, file), or an import with failed lines
USAGE = 2  # bad arguments or input: unknown id, bad date, empty query, bad setting
PRIORITIES_INVALID = 3  # the priorities file has errors
OUTBOX_FAILED = 4  # messages failed or stuck in the outbox
CRAWL_FAILED = 5  # at least one source failed


class EufundsError(Exception):
    """A failure eufunds can explain; ``exit_code`` is what the command line exits with."""

    exit_code = FAILED


class BadInput(EufundsError, ValueError):
    """Input eufunds cannot use (an option, an id, a file's content): exit 2."""

    exit_code = USAGE


class SettingError(BadInput):
    """An environment variable has a value eufunds cannot use; the message says the fix."""


class NoPriorities(EufundsError):
    """No valid priorities file has ever been loaded: exit 3."""

    exit_code = PRIORITIES_INVALID
