"""Named migrations, applied in order at start-up and by ``eufunds db migrate``.

Append new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("eufunds")


@migrations(name="0001_calls")
def m0001_calls(db: sqlite_utils.Database) -> None:
    db["calls"].create(  # type: ignore[union-attr]
        {
            "id": str,  # source:source_id
            "source": str,
            "source_id": str,
            "title": str,
            "programme": str,
            "description": str,
            "url": str,
            "opening_date": str,
            "deadline": str,  # the final deadline, for sorting
            "deadlines": str,  # JSON list of ISO dates
            "status": str,  # derived from the dates when the call was last stored
            "status_hint": str,
            "budget": float,
            "currency": str,
            "languages": str,  # JSON list
            "applicants": str,
            "regions": str,  # JSON list
            "extra": str,  # JSON object
            "content_hash": str,
            "first_seen_at": str,
            "last_seen_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"source", "source_id", "title", "content_hash"},
    )
    db["calls"].create_index(["source", "source_id"], unique=True)  # type: ignore[union-attr]
    db["calls"].create_index(["deadline"])  # type: ignore[union-attr]
    db["calls"].create_index(["programme"])  # type: ignore[union-attr]
    db["calls"].enable_fts(  # type: ignore[union-attr]
        ["title", "programme", "description"], create_triggers=True, tokenize="unicode61"
    )


@migrations(name="0002_versions_changes_runs")
def m0002_versions_changes_runs(db: sqlite_utils.Database) -> None:
    db["crawl_runs"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "source": str,
            "started_at": str,
            "finished_at": str,
            "ok": int,
            "items": int,
            "new": int,
            "changed": int,
            "errors": int,
            "error_text": str,
        },
        pk="id",
        not_null={"source", "started_at"},
    )
    db["crawl_runs"].create_index(["source", "started_at"])  # type: ignore[union-attr]
    db["call_versions"].create(  # type: ignore[union-attr]
        {
            "call_id": str,
            "version": int,
            "content_hash": str,
            "recorded_at": str,
            "crawl_run_id": int,
            "data": str,  # JSON of the call's content at this version
        },
        pk=("call_id", "version"),
        foreign_keys=[("call_id", "calls", "id")],
    )
    db["changes"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "call_id": str,
            "kind": str,
            "detected_at": str,
            "old": str,
            "new": str,
            "crawl_run_id": int,
        },
        pk="id",
        foreign_keys=[("call_id", "calls", "id")],
    )
    db["changes"].create_index(["call_id"])  # type: ignore[union-attr]
    db["changes"].create_index(["detected_at"])  # type: ignore[union-attr]


@migrations(name="0003_matching_and_marks")
def m0003_matching_and_marks(db: sqlite_utils.Database) -> None:
    # One row per (call, target): a target is a priority or a board goal (nämndmål).
    db["matches"].create(  # type: ignore[union-attr]
        {
            "call_id": str,
            "target_id": str,  # priority id, or goal id
            "target_kind": str,  # priority | goal
            "priority_id": str,  # the priority the target belongs to (itself for a priority)
            "departments": str,  # JSON list of department ids that own the priority
            "score": float,  # the combined score used for ranking and labels
            "semantic": float,  # standardised embedding similarity
            "lexical": float,  # standardised keyword evidence
            "label": str,  # stark | möjlig | null (below the thresholds)
            "included": int,  # 1 if the pair goes into the owning departments' digests
            "eligibility": str,  # pass | fail | unknown
            "eligibility_facts": str,  # JSON list of {"check", "result", "reason"}
            "passage": str,  # the best-matching passage of the call
            "keywords": str,  # JSON list of matched keywords
            "priorities_version": str,  # hash of the priorities version scored with
            "call_hash": str,  # content hash of the call version scored
            "scored_at": str,
        },
        pk=("call_id", "target_id"),
        foreign_keys=[("call_id", "calls", "id")],
    )
    db["matches"].create_index(["target_id", "score"])  # type: ignore[union-attr]
    db["matches"].create_index(["included"])  # type: ignore[union-attr]
    # The coordinator's triage; every mark is kept (the latest per call/department counts).
    db["marks"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "call_id": str,
            "department": str,  # null: for every department
            "mark": str,  # interested | not-relevant | applying | applied | granted | rejected
            "reason": str,
            "marked_by": str,
            "marked_at": str,
        },
        pk="id",
        foreign_keys=[("call_id", "calls", "id")],
    )
    db["marks"].create_index(["call_id", "department"])  # type: ignore[union-attr]


@migrations(name="0004_vectors")
def m0004_vectors(db: sqlite_utils.Database) -> None:
    # Passages of each call (long texts are chunked) with their float32 embedding.
    db["call_chunks"].create(  # type: ignore[union-attr]
        {
            "call_id": str,
            "model": str,
            "chunk_no": int,
            "content_hash": str,  # the call version these chunks were cut from
            "text": str,
            "vector": bytes,  # float32, L2-normalised
        },
        pk=("call_id", "model", "chunk_no"),
        foreign_keys=[("call_id", "calls", "id")],
    )
    # Each priority and board goal, embedded once per priorities version.
    db["target_vectors"].create(  # type: ignore[union-attr]
        {
            "priorities_version": str,
            "target_id": str,
            "model": str,
            "text": str,
            "vector": bytes,
        },
        pk=("priorities_version", "target_id", "model"),
    )


@migrations(name="0040_notifier_digests_outbox")
def m0040_notifier_digests_outbox(db: sqlite_utils.Database) -> None:
    # One digest per (department, ISO week): the natural key makes a second build a no-op.
    # The rendered subject, text and HTML are stored so a retry sends exactly the same mail.
    db["digests"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "department": str,  # department id, or "_samordnare" for the coordinator
            "iso_week": str,  # 2026-W48
            "recipients": str,  # JSON list, as the priorities file said at build time
            "subject": str,
            "text": str,
            "html": str,
            "new_count": int,
            "priorities_version": str,
            "built_for": str,  # the date "today" was when it was built
            "built_at": str,
        },
        pk="id",
        not_null={"department", "iso_week", "subject", "text", "html", "built_at"},
    )
    db["digests"].create_index(["department", "iso_week"], unique=True)  # type: ignore[union-attr]
    # What each digest showed: "new" rows decide what is new next week, and which calls a
    # department has seen (their changes are reported later).
    db["digest_items"].create(  # type: ignore[union-attr]
        {
            "digest_id": int,
            "section": str,  # new | change | closing | reminder
            "call_id": str,
            "position": int,
        },
        pk=("digest_id", "section", "call_id"),
        foreign_keys=[("digest_id", "digests", "id")],
    )
    db["digest_items"].create_index(["call_id"])  # type: ignore[union-attr]
    # Deadline reminders already given, so each threshold is reminded once per deadline.
    db["reminders"].create(  # type: ignore[union-attr]
        {
            "department": str,
            "call_id": str,
            "deadline": str,
            "threshold": int,  # days before the deadline: 30 or 7
            "digest_id": int,
        },
        pk=("department", "call_id", "deadline", "threshold"),
    )
    # One row per digest and recipient; sent only after the SMTP server accepted it.
    db["outbox"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "digest_id": int,
            "recipient": str,
            "message_id": str,
            "status": str,  # pending | sending | sent | failed
            "attempts": int,
            "next_attempt_at": str,
            "claimed_at": str,
            "last_error": str,
            "delivered_to": str,  # smtp://host:port or the .eml path
            "created_at": str,
            "sent_at": str,
        },
        pk="id",
        foreign_keys=[("digest_id", "digests", "id")],
        not_null={"digest_id", "recipient", "message_id", "status"},
    )
    db["outbox"].create_index(["digest_id", "recipient"], unique=True)  # type: ignore[union-attr]
    db["outbox"].create_index(["message_id"], unique=True)  # type: ignore[union-attr]
    db["outbox"].create_index(["status", "next_attempt_at"])  # type: ignore[union-attr]


@migrations(name="0010_crawler_feed_state")
def m0010_crawler_feed_state(db: sqlite_utils.Database) -> None:
    # Conditional GET for RSS/Atom feeds: the validators of the last answer we stored.
    db["feed_state"].create(  # type: ignore[union-attr]
        {
            "url": str,
            "source": str,
            "etag": str,
            "last_modified": str,
            "checked_at": str,
        },
        pk="url",
    )


@migrations(name="0020_priorities_versions")
def m0020_priorities_versions(db: sqlite_utils.Database) -> None:
    # Every valid priorities file the service has used, in order: the fallback when the file
    # turns invalid, and the history of what changed. A row is added when the hash differs
    # from the latest row's (so going back to an earlier file is a new row).
    db["priorities_versions"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "hash": str,  # SHA-256 of the file's bytes (Priorities.version_hash)
            "loaded_at": str,  # UTC, when this version was first loaded
            "path": str,  # the file it was read from
            "content": str,  # the file's text, to reload it when the file is broken
            "summary": str,  # JSON: municipality, departments, priorities, goals
        },
        pk="id",
        not_null={"hash", "loaded_at", "content"},
    )
    db["priorities_versions"].create_index(["hash"])  # type: ignore[union-attr]


@migrations(name="0030_matcher_state")
def m0030_matcher_state(db: sqlite_utils.Database) -> None:
    # What the last scoring saw (calls, priorities version, day): a run with nothing new
    # neither loads the model nor rescores.
    db["matcher_state"].create(  # type: ignore[union-attr]
        {"name": str, "value": str, "updated_at": str}, pk="name"
    )


def apply_migrations(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations; return the names applied now."""
    pending = [m.name for m in migrations.pending(db)]
    if pending:
        migrations.apply(db)
    return pending


def applied_migrations(db: sqlite_utils.Database) -> list[str]:
    """Names of the migrations already applied, in order."""
    return [m.name for m in migrations.applied(db)]


@migrations(name="0050_call_facts")
def m0050_call_facts(db: sqlite_utils.Database) -> None:
    """What a record is, who may apply (structured), what its budget means, when published,
    and which record it repeats when another source carries the same call."""
    calls = db["calls"]
    calls.add_column("kind", str, not_null_default="call")  # type: ignore[union-attr]
    calls.add_column("applicant_types", str)  # type: ignore[union-attr]  # JSON list
    calls.add_column("budget_kind", str)  # type: ignore[union-attr]
    calls.add_column("published", str)  # type: ignore[union-attr]
    calls.add_column("twin_of", str)  # type: ignore[union-attr]  # id of the primary record
    calls.create_index(["kind"])  # type: ignore[union-attr]
    calls.create_index(["twin_of"])  # type: ignore[union-attr]


@migrations(name="0051_crawl_runs_partial")
def m0051_crawl_runs_partial(db: sqlite_utils.Database) -> None:
    """A run cut by its time limit after doing part of its work is partial, not just failed:
    ``partial`` 1, and ``progress`` (JSON) says what was done and what was left, e.g. the topic
    details fetched and missing per programme."""
    runs = db["crawl_runs"]
    runs.add_column("partial", int, not_null_default=0)  # type: ignore[union-attr]
    runs.add_column("progress", str)  # type: ignore[union-attr]


@migrations(name="0052_digest_answers")
def m0052_digest_answers(db: sqlite_utils.Database) -> None:
    """Digests departments answer from: the answer links are signed for each recipient, so
    each recipient's copy is kept with its outbox row (``text``/``html``; NULL: the digest's
    own); ``reply_to`` (JSON list: the coordinator) and ``sender_name`` go into the headers."""
    digests = db["digests"]
    digests.add_column("reply_to", str)  # type: ignore[union-attr]
    digests.add_column("sender_name", str)  # type: ignore[union-attr]
    outbox = db["outbox"]
    outbox.add_column("text", str)  # type: ignore[union-attr]
    outbox.add_column("html", str)  # type: ignore[union-attr]


@migrations(name="0053_short_ids")
def m0053_short_ids(db: sqlite_utils.Database) -> None:
    """A short, stable id per call that is safe to copy and paste (``k7m2xq``): the long key
    ``source:source_id`` can hold spaces and whole URLs. Derived from the key
    (:func:`db.calls.short_id_candidates`), kept once given."""
    from db.calls import assign_short_id

    db["calls"].add_column("short_id", str)  # type: ignore[union-attr]
    db["calls"].create_index(["short_id"], unique=True)  # type: ignore[union-attr]
    for (key,) in db.execute("select id from calls order by id").fetchall():
        db.execute("update calls set short_id = ? where id = ?", [assign_short_id(db, key), key])


def _store_extra(db: sqlite_utils.Database, key: str, data: dict[str, Any]) -> None:
    """Write a call's ``extra`` back as the calls table keeps it (sorted keys, UTF-8)."""
    db.execute(
        "update calls set extra = ? where id = ?",
        [json.dumps(data, ensure_ascii=False, sort_keys=True), key],
    )


@migrations(name="0054_named_year")
def m0054_named_year(db: sqlite_utils.Database) -> None:
    """``extra.named_year``: the latest year a call's title names (``db.status.title_year``),
    which closes a call without dates once it is well past. Stored calls get it from their
    titles here; new and re-read calls from ``crawler.facts.complete``. Not part of a
    version (``db.records.NOT_CONTENT_EXTRA``)."""
    from db.status import title_year

    rows = db.execute("select id, title, extra from calls").fetchall()
    for key, title, extra in rows:
        year = title_year(title)
        if year is None:
            continue
        data = json.loads(extra or "{}")
        data["named_year"] = year
        _store_extra(db, key, data)


@migrations(name="0055_listed_closed")
def m0055_listed_closed(db: sqlite_utils.Database) -> None:
    """``extra.listed_closed``: the date a source's list of calls gives a call it does not
    show as open (``db.status.listed_closed``; Energimyndigheten's list, kept as
    ``extra.title_en``), which closes a call without dates after it. Stored calls get it
    here; new and re-read calls from ``crawler.facts.complete``. Not part of a version."""
    from db.status import listed_closed

    rows = db.execute("select id, url, extra from calls").fetchall()
    for key, url, extra in rows:
        data = json.loads(extra or "{}")
        listed = listed_closed(url, data.get("title_en"))
        if listed is None:
            continue
        data["listed_closed"] = listed
        _store_extra(db, key, data)


@migrations(name="0056_named_spring")
def m0056_named_spring(db: sqlite_utils.Database) -> None:
    """``extra.named_spring``: a call's title names its latest year only as a spring
    ("spring 2025", ``db.status.title_spring``), which closes a call without dates after
    that spring. Stored calls get it from their titles here; new and re-read calls from
    ``crawler.facts.complete``. Not part of a version."""
    from db.status import title_spring

    rows = db.execute("select id, title, extra from calls").fetchall()
    for key, title, extra in rows:
        if not title_spring(title):
            continue
        data = json.loads(extra or "{}")
        data["named_spring"] = True
        _store_extra(db, key, data)


@migrations(name="0057_named_in_text")
def m0057_named_in_text(db: sqlite_utils.Database) -> None:
    """``extra.named_year`` from a call's text when its title names no year: the year the
    text gives its own round ("ansökningsomgången hösten 2014",
    ``db.status.text_round_year``), marked ``extra.named_in_text``. Stored calls get it
    here; new and re-read calls from ``crawler.facts.complete``. Not part of a version."""
    from db.status import text_round_year, title_year

    rows = db.execute("select id, title, description, extra from calls").fetchall()
    for key, title, description, extra in rows:
        year = None if title_year(title) is not None else text_round_year(description)
        if year is None:
            continue
        data = json.loads(extra or "{}")
        data.update(named_year=year, named_in_text=True)
        _store_extra(db, key, data)


@migrations(name="0058_named_by_number")
def m0058_named_by_number(db: sqlite_utils.Database) -> None:
    """``extra.named_year`` from the number a call's source registered it under (Vinnova's
    diarienummer, the date of Formas's call page: ``db.status.registered_year``) when its
    title and text name no year and it has no opening date, given or planned, marked
    ``extra.named_by_number``. Stored calls get it here; new and re-read calls from
    ``crawler.facts.complete``. Not part of a version."""
    from db.status import named_year_facts, planned_dates

    rows = db.execute(
        "select id, title, description, url, opening_date, extra from calls"
    ).fetchall()
    for key, title, description, url, opening, extra in rows:
        data = json.loads(extra or "{}")
        dated = planned_dates(data)[0] or bool(data.get("announced") or opening)
        facts = named_year_facts(title, description, url, by_number=not dated)
        if facts["named_by_number"] is None:
            continue
        data.update(named_year=facts["named_year"], named_by_number=facts["named_by_number"])
        _store_extra(db, key, data)


@migrations(name="0059_listed_closed_by_phase")
def m0059_listed_closed_by_phase(db: sqlite_utils.Database) -> None:
    """``extra.listed_closed`` for the calls of Formas's list whose card says they are past
    applying ("Given decision: 2026-04-21", "Closed: Decision is made 2026-06-16";
    ``db.status.listed_closed``), as 0055 gave Energimyndigheten's. Not part of a version."""
    from db.status import listed_closed

    rows = db.execute("select id, url, extra from calls where url like '%formas.se%'").fetchall()
    for key, url, extra in rows:
        data = json.loads(extra or "{}")
        listed = listed_closed(url, data.get("title_en"))
        if listed is None or data.get("listed_closed") == listed:
            continue
        data["listed_closed"] = listed
        _store_extra(db, key, data)
