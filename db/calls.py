"""Storing calls with versions and typed changes, and reading them back."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlite_utils

from db.clock import utc_now
from db.records import Call, Change, read_anew
from db.status import derive_status, window
from db.text import without_null_fields
from db.validate import validate_call

SHORT_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: nothing to mistake
SHORT_LENGTH = 6  # 31**6 ≈ 900 million; a clash takes one more character


def short_id_candidates(key: str) -> Iterator[str]:
    """The short ids a call with ``key`` may get, shortest first: the first 6, 7, …
    characters of its key's SHA-256 written in :data:`SHORT_ALPHABET`."""
    number = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest(), "big")
    code = []
    while number:
        number, digit = divmod(number, len(SHORT_ALPHABET))
        code.append(SHORT_ALPHABET[digit])
    for length in range(SHORT_LENGTH, len(code) + 1):
        yield "".join(code[:length])


def assign_short_id(db: sqlite_utils.Database, key: str) -> str:
    """The short id of the call ``key``: its own if it has one, else the shortest candidate
    no other call holds."""
    for candidate in short_id_candidates(key):
        owner = db.execute("select id from calls where short_id = ?", [candidate]).fetchone()
        if owner is None or owner[0] == key:
            return candidate
    raise RuntimeError(f"no free short id for {key!r}")  # 256 bits of hash: never


@dataclass
class StoreResult:
    """What storing one call did."""

    outcome: str  # new | changed | reread (the same words read anew: db.records) | unchanged
    changes: list[Change]


def _row(call: Call, status: str) -> dict[str, Any]:
    return {
        "id": call.key,
        "source": call.source,
        "source_id": call.source_id,
        "title": call.title,
        "programme": call.programme,
        "description": call.description,
        "url": call.url,
        "opening_date": call.opening_date,
        "deadline": call.deadline,
        "deadlines": json.dumps(call.deadlines),
        "status": status,
        "status_hint": call.status_hint,
        "budget": call.budget,
        "currency": call.currency,
        "languages": json.dumps(call.languages),
        "applicants": call.applicants,
        "regions": json.dumps(call.regions),
        "extra": json.dumps(call.extra, ensure_ascii=False, sort_keys=True),
        "kind": call.kind,
        "applicant_types": json.dumps(call.applicant_types),
        "budget_kind": call.budget_kind,
        "published": call.published,
        "content_hash": call.content_hash(),
    }


def store_call(
    db: sqlite_utils.Database,
    call: Call,
    *,
    today: date,
    now: str | None = None,
    crawl_run_id: int | None = None,
    touch: bool = True,
) -> StoreResult:
    """Insert or update one call; record a version when its content changed and typed changes.

    ``touch`` updates ``last_seen_at`` of an unchanged call (a crawl saw it); an import of the
    same file passes ``touch=False`` so that it writes nothing at all.
    Runs inside the caller's transaction. The call is validated (and cleaned) first by
    :func:`db.validate.validate_call`; an invalid one raises ``InvalidRecord`` and nothing
    is written.
    """
    validate_call(call)
    now = now or utc_now()
    status = call.status(today)
    row = _row(call, status)
    existing = next(db["calls"].rows_where("id = ?", [call.key]), None)
    changes: list[Change] = []

    def change(kind: str, old: str | None = None, new: str | None = None) -> None:
        changes.append(Change(call.key, kind, now, old, new, crawl_run_id))

    if existing is None:
        row.update(first_seen_at=now, last_seen_at=now, updated_at=now)
        row["short_id"] = assign_short_id(db, call.key)
        db["calls"].insert(row)  # type: ignore[union-attr]
        _add_version(db, call, 1, now, crawl_run_id)
        change("new", None, status)
        outcome = "new"
    elif existing["content_hash"] == row["content_hash"]:
        _update_unchanged(db, call.key, existing, row, now=now, touch=touch, change=change)
        outcome = "unchanged"
    else:
        _typed_changes(Call.from_row(existing), call, existing["status"], status, change)
        row.update(last_seen_at=now if touch else existing["last_seen_at"], updated_at=now)
        _keep_twin_links(existing, row)
        db["calls"].update(call.key, row)  # type: ignore[union-attr]
        version = db.execute(
            "select coalesce(max(version), 0) + 1 from call_versions where call_id = ?",
            [call.key],
        ).fetchone()[0]
        _add_version(db, call, version, now, crawl_run_id)
        outcome = "reread" if [c.kind for c in changes] == ["reread"] else "changed"
    if changes:
        db["changes"].insert_all(  # type: ignore[union-attr]
            [dataclasses.asdict(c) for c in changes]
        )
    return StoreResult(outcome, changes)


def _update_unchanged(
    db: sqlite_utils.Database,
    key: str,
    existing: dict[str, Any],
    row: dict[str, Any],
    *,
    now: str,
    touch: bool,
    change: Any,
) -> None:
    """Update a stored call whose content is the same: its status (a typed change when it
    moved), when it was last seen (``touch``), and the facts of ``extra`` that are not
    content; nothing is written when nothing differs."""
    updates: dict[str, Any] = {}
    if existing["status"] != row["status"]:
        _status_change(existing["status"], row["status"], change)
        updates.update(status=row["status"], updated_at=now)
    if touch:
        updates["last_seen_at"] = now
    _keep_twin_links(existing, row)
    if row["extra"] != existing["extra"]:
        # Only keys that are not content differ (``NOT_CONTENT_EXTRA``): a fact read from
        # the same text by a newer release reaches the row without a version.
        updates["extra"] = row["extra"]
    if updates:
        db["calls"].update(key, updates)  # type: ignore[union-attr]


def _typed_changes(old: Call, new: Call, old_status: str | None, status: str, change: Any) -> None:
    """Record the typed changes of a call whose content changed (at least text_changed)."""
    kinds: list[str] = []

    def record(kind: str, before: str | None = None, after: str | None = None) -> None:
        kinds.append(kind)
        change(kind, before, after)

    if old.deadlines != new.deadlines:
        record("deadline_changed", json.dumps(old.deadlines), json.dumps(new.deadlines))
    if (old.title, without_null_fields(old.description)) != (new.title, new.description):
        record("text_changed")
    _status_change(old_status, status, record)
    if not kinds:
        # Other content (budget, links, eligibility) moved, or only what a newer release
        # reads from the same words (applicant types, kind): then the source did not change.
        record("reread" if read_anew(old, new) else "text_changed")


def _keep_twin_links(existing: dict[str, Any], row: dict[str, Any]) -> None:
    """A new version keeps the links db.twins found to the same call at other sources."""
    links = json.loads(existing.get("extra") or "{}").get("also_at")
    if links:
        extra = json.loads(row["extra"])
        extra["also_at"] = links
        row["extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True)


def _status_change(old: str | None, new: str, change: Any) -> None:
    if old == new:
        return
    if new == "closed":
        change("closed", old, new)
    elif new == "open" and old == "forthcoming":
        change("opened", old, new)
    elif new == "open" and old == "closed":
        change("reopened", old, new)


def _add_version(
    db: sqlite_utils.Database, call: Call, version: int, now: str, crawl_run_id: int | None
) -> None:
    db["call_versions"].insert(  # type: ignore[union-attr]
        {
            "call_id": call.key,
            "version": version,
            "content_hash": call.content_hash(),
            "recorded_at": now,
            "crawl_run_id": crawl_run_id,
            "data": json.dumps(call.content(), ensure_ascii=False, sort_keys=True),
        }
    )


def get_call(db: sqlite_utils.Database, ident: str) -> dict[str, Any] | None:
    """A call row by its key (``source:source_id``), its short id (any case) or, when
    unambiguous, its source id (as an import file writes it)."""
    row = next(db["calls"].rows_where("id = ?", [ident]), None)
    if row is None:
        row = next(db["calls"].rows_where("short_id = ?", [ident.strip().lower()]), None)
    if row is not None:
        return row
    rows = list(db["calls"].rows_where("source_id = ?", [ident], limit=2))
    return rows[0] if len(rows) == 1 else None


def shown_id(row: dict[str, Any]) -> str:
    """The id a listing shows for a call row: its short id (its key before it has one)."""
    return str(row.get("short_id") or row["id"])


def call_row(db: sqlite_utils.Database, call_id: str) -> dict[str, Any] | None:
    """The stored row of one call by its key, or None."""
    return next(db["calls"].rows_where("id = ?", [call_id]), None)


def calls_by_id(db: sqlite_utils.Database, call_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The stored rows of ``call_ids`` (those that exist), by key."""
    return {
        row["id"]: row
        for row in db.query(
            "select * from calls where id in (select value from json_each(?))",
            [json.dumps(list(call_ids))],
        )
    }


def call_titles(db: sqlite_utils.Database, call_ids: Iterable[str]) -> dict[str, str]:
    """Key -> title of ``call_ids`` (those that exist)."""
    return dict(
        db.execute(
            "select id, title from calls where id in (select value from json_each(?))",
            [json.dumps(list(call_ids))],
        ).fetchall()
    )


def updated_stamps(db: sqlite_utils.Database, call_ids: Iterable[str]) -> dict[str, str]:
    """Key -> when the call was last updated (or first seen), ISO UTC."""
    return dict(
        db.execute(
            "select id, coalesce(updated_at, first_seen_at) from calls "
            "where id in (select value from json_each(?))",
            [json.dumps(list(call_ids))],
        ).fetchall()
    )


def programme_counts(db: sqlite_utils.Database) -> dict[str | None, int]:
    """Programme -> number of calls, most first (None: calls without a programme)."""
    return dict(
        db.execute(
            "select programme, count(*) as n from calls group by programme "
            "order by n desc, programme"
        ).fetchall()
    )


def iter_calls(db: sqlite_utils.Database, where: str | None = None, args: Any = None) -> Any:
    """Iterate over calls as :class:`Call` records with their key."""
    for row in db["calls"].rows_where(where, args or [], order_by="id"):
        yield Call.from_row(row)


def status_counts(db: sqlite_utils.Database, today: date) -> dict[str, int]:
    """Number of calls per status derived on ``today`` (not the stored one)."""
    counts = {"open": 0, "forthcoming": 0, "closed": 0, "unknown": 0}
    for row in db.query("select opening_date, deadlines, status_hint, extra from calls"):
        deadlines = json.loads(row["deadlines"] or "[]")
        status = derive_status(
            row["opening_date"], deadlines, today, row["status_hint"], **window(row["extra"])
        )
        counts[status] += 1
    return counts


def source_call_count(db: sqlite_utils.Database, source: str) -> int:
    """How many calls of ``source`` are stored."""
    return int(db.execute("select count(*) from calls where source = ?", [source]).fetchone()[0])


def source_calls(con: sqlite3.Connection, source: str) -> dict[str, Call]:
    """The stored calls of ``source`` by source id, read through a plain connection whose
    ``row_factory`` is :class:`sqlite3.Row`."""
    found = con.execute("select * from calls where source = ?", [source]).fetchall()
    return {row["source_id"]: Call.from_row(dict(row)) for row in found}


def matchable_ids(db: sqlite_utils.Database) -> list[str]:
    """Ids of the records that are scored: calls that are not twins of another record."""
    return [
        row[0]
        for row in db.execute(
            "select id from calls where coalesce(kind, 'call') = 'call' and twin_of is null "
            "order by id"
        )
    ]


def ids_of_other_kinds(db: sqlite_utils.Database, kinds: Iterable[str] = ("call",)) -> set[str]:
    """Keys of the records whose kind is none of ``kinds``: by default the news items,
    programme pages and offers for individuals (a record without a kind is a call)."""
    wanted = list(kinds)
    marks = ", ".join("?" for _ in wanted)
    sql = f"select id from calls where coalesce(kind, 'call') not in ({marks})"
    return {row[0] for row in db.execute(sql, wanted)}


def kinds_by_id(db: sqlite_utils.Database, call_ids: Iterable[str]) -> dict[str, str]:
    """key -> kind of the records ``call_ids`` (``call`` when a record has none)."""
    wanted = list(call_ids)
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    sql = f"select id, coalesce(kind, 'call') from calls where id in ({marks})"
    return dict(db.execute(sql, wanted))


def hashes_and_twins(db: sqlite_utils.Database) -> Iterator[tuple[str, str | None]]:
    """(content hash, twin_of) of every stored record, by key."""
    yield from db.execute("select content_hash, twin_of from calls order by id")
