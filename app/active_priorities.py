"""The priorities the service works with: the file when it is valid, else the last valid version.

A broken priorities file must never stop the service. Each valid version is stored (content
and hash) the first time it is loaded; when the file turns invalid its errors are logged in
Swedish, the last stored version stays in use and :attr:`ActivePriorities.warning` says so
(``eufunds status`` and the coordinator's digest show it). As soon as the file is valid again
it is used again.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from db.calls import utc_now
from db.priorities_versions import latest_version, record_version
from priorities import (
    DEFAULT_FILE,
    Issue,
    Priorities,
    PrioritiesInvalid,
    parse_priorities,
    read_priorities_bytes,
)

log = logging.getLogger("eufunds.priorities")


@dataclass
class ActivePriorities:
    """The priorities in use and whether they are a fallback."""

    priorities: Priorities
    version_hash: str
    fallback: bool  # True: the file is invalid and an earlier stored version is in use
    warning: str | None  # Swedish, for the log, `eufunds status` and the coordinator's digest
    path: Path  # the priorities file that was read
    loaded_at: str | None = None  # when the version in use was first stored (UTC)
    issues: list[Issue] = field(default_factory=list)  # the file's problems when fallback


def priorities_path(path: str | Path | None = None) -> Path:
    """The file to read: ``path``, else ``EUFUNDS_PRIORITIES``, else the shipped Linköping file."""
    if path is not None:
        return Path(path)
    configured = os.environ.get("EUFUNDS_PRIORITIES")
    return Path(configured) if configured else DEFAULT_FILE


def active_priorities(
    db: sqlite_utils.Database, path: str | Path | None = None, *, now: str | None = None
) -> ActivePriorities:
    """Load the priorities file, record it if it is a new valid version, or fall back.

    Raises :class:`PrioritiesInvalid` only when the file is invalid and no valid version was
    ever stored (there is nothing to fall back to).
    """
    file = priorities_path(path)
    try:
        data = read_priorities_bytes(file)
        priorities = parse_priorities(data, str(file))
    except PrioritiesInvalid as exc:
        return _fall_back(db, file, exc)
    version, stored_now = record_version(
        db,
        version_hash=priorities.version_hash,
        content=data.decode("utf-8"),
        path=str(file),
        summary=priorities.summary(),
        now=now or utc_now(),
    )
    if stored_now:
        log.info("prioriteringsfilen %s: ny version %s sparad", file, version.hash[:12])
    return ActivePriorities(
        priorities=priorities,
        version_hash=priorities.version_hash,
        fallback=False,
        warning=None,
        path=file,
        loaded_at=version.loaded_at,
    )


def _fall_back(db: sqlite_utils.Database, file: Path, exc: PrioritiesInvalid) -> ActivePriorities:
    latest = latest_version(db)
    if latest is None:
        log.error(
            "prioriteringsfilen %s har fel och ingen giltig version finns sparad:\n%s", file, exc
        )
        raise exc
    try:
        priorities = parse_priorities(latest.content, f"{latest.path} (sparad version)")
    except PrioritiesInvalid:
        # Stored by an earlier release whose format has since changed: nothing usable.
        log.error("den sparade versionen %s kan inte längre läsas", latest.hash[:12])
        raise exc from None
    count = len(exc.issues)
    warning = (
        f"Prioriteringsfilen {file} har {count} fel (första: {exc.issues[0]}). Tjänsten "
        f"använder den senaste giltiga versionen {latest.hash[:12]} från "
        f"{latest.loaded_at[:10]}. Rätta filen; kontrollera med: eufunds priorities check {file}"
        if count
        else f"Prioriteringsfilen {file} kan inte användas; den senaste giltiga versionen används."
    )
    log.warning("%s\n%s", warning, exc)  # the warning, then every error of the file
    return ActivePriorities(
        priorities=priorities,
        version_hash=priorities.version_hash,
        fallback=True,
        warning=warning,
        path=file,
        loaded_at=latest.loaded_at,
        issues=list(exc.issues),
    )


def priorities_status(db: sqlite_utils.Database, path: str | Path | None = None) -> dict[str, Any]:
    """The priorities part of ``eufunds status``: which version is in use and any warning."""
    file = priorities_path(path)
    try:
        state = active_priorities(db, file)
    except PrioritiesInvalid as exc:
        return {
            "path": str(file),
            "usable": False,
            "fallback": False,
            "version_hash": None,
            "loaded_at": None,
            "municipality": None,
            "warning": (
                f"Prioriteringsfilen {file} har {len(exc.issues)} fel och ingen giltig version "
                f"finns sparad: ingen matchning kan göras. Kontrollera med: eufunds priorities "
                f"check {file}"
            ),
        }
    return {
        "path": str(state.path),
        "usable": True,
        "fallback": state.fallback,
        "version_hash": state.version_hash,
        "loaded_at": state.loaded_at,
        "municipality": state.priorities.municipality,
        "warning": state.warning,
    }
