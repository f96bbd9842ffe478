"""Writing and reading scored matches."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from db.marks import hidden_for, kept_from_all
from db.records import OWN_AREA, Match


def _row(match: Match) -> dict[str, Any]:
    return {
        "call_id": match.call_id,
        "target_id": match.target_id,
        "target_kind": match.target_kind,
        "priority_id": match.priority_id,
        "departments": json.dumps(match.departments, ensure_ascii=False),
        "score": match.score,
        "semantic": match.semantic,
        "lexical": match.lexical,
        "label": match.label,
        "included": int(match.included),
        "eligibility": match.eligibility,
        "eligibility_facts": json.dumps(match.eligibility_facts, ensure_ascii=False),
        "passage": match.passage,
        "keywords": json.dumps(match.keywords, ensure_ascii=False),
        "priorities_version": match.priorities_version,
        "call_hash": match.call_hash,
        "scored_at": match.scored_at,
    }


def match_from_row(row: dict[str, Any]) -> Match:
    """A ``matches`` row as a :class:`Match`."""
    return Match(
        call_id=row["call_id"],
        target_id=row["target_id"],
        target_kind=row["target_kind"],
        priority_id=row["priority_id"],
        departments=json.loads(row["departments"] or "[]"),
        score=row["score"],
        semantic=row["semantic"],
        lexical=row["lexical"],
        label=row["label"],
        included=bool(row["included"]),
        eligibility=row["eligibility"],
        eligibility_facts=json.loads(row["eligibility_facts"] or "[]"),
        passage=row["passage"] or "",
        keywords=json.loads(row["keywords"] or "[]"),
        priorities_version=row["priorities_version"],
        call_hash=row["call_hash"],
        scored_at=row["scored_at"],
    )


def upsert_matches(db: sqlite_utils.Database, matches: Iterable[Match]) -> int:
    """Insert or replace matches on their natural key (call, target); returns the count."""
    rows = [_row(m) for m in matches]
    if rows:
        db["matches"].upsert_all(rows, pk=("call_id", "target_id"))  # type: ignore[union-attr]
    return len(rows)


def replace_matches(db: sqlite_utils.Database, matches: Iterable[Match]) -> int:
    """Store ``matches`` in place of every match stored before (run it inside the caller's
    transaction); returns the count."""
    db.execute("delete from matches")
    return upsert_matches(db, matches)


def included_count(db: sqlite_utils.Database) -> int:
    """How many stored matches go into digests: included by the matcher, and not hidden by
    a not-relevant mark for every department the match goes to (:mod:`db.marks`)."""
    rows = [
        (call_id, json.loads(departments or "[]"))
        for call_id, departments in db.execute(
            "select call_id, departments from matches where included = 1"
        )
    ]
    hidden = hidden_for(db, (d for _, owners in rows for d in owners))
    return sum(not kept_from_all(call_id, owners, hidden) for call_id, owners in rows)


def matches_for_call(db: sqlite_utils.Database, call_id: str) -> list[Match]:
    """Every match of one call, best first."""
    return [
        match_from_row(r)
        for r in db["matches"].rows_where("call_id = ?", [call_id], order_by="score desc")
    ]


def list_matches(
    db: sqlite_utils.Database,
    department: str | None = None,
    *,
    included_only: bool = True,
    limit: int | None = None,
    hidden: Iterable[str] = (),
) -> list[Match]:
    """Matches best first: only those that go into digests unless ``included_only`` is
    False, only those owned by ``department`` if given, and none of the calls ``hidden``
    (those a mark hides: :func:`db.marks.hidden_call_ids`)."""
    clauses: list[str] = []
    args: list[Any] = []
    if included_only:
        clauses.append("included = 1")
    if department is not None:
        clauses.append("exists (select 1 from json_each(matches.departments) where value = ?)")
        args.append(department)
    left_out = sorted(hidden)
    if left_out:
        clauses.append("call_id not in (select value from json_each(?))")
        args.append(json.dumps(left_out))
    return [
        match_from_row(r)
        for r in db["matches"].rows_where(
            " and ".join(clauses) or None, args, order_by="score desc", limit=limit
        )
    ]


def included_matches(db: sqlite_utils.Database, department: str | None = None) -> list[Match]:
    """Matches that go into digests, best first; only those owned by ``department`` if given."""
    return list_matches(db, department)


def own_area_unincluded(db: sqlite_utils.Database) -> list[Match]:
    """The best stored match of each call made for the municipality's own area
    (:attr:`Match.for_own_area`) that no digest takes (no match of it is included), best
    first: what the matcher found of such a call no priority took."""
    rows = db.query(
        "select * from matches m where m.call_id not in (select call_id from matches "
        "where included = 1) and exists (select 1 from json_each(m.eligibility_facts) f "
        "where json_extract(f.value, '$.area') = ?) order by score desc, call_id",
        [OWN_AREA],
    )
    best: dict[str, Match] = {}
    for row in rows:
        if row["call_id"] not in best:
            match = match_from_row(row)
            if match.for_own_area:  # the region check passed it for the area
                best[row["call_id"]] = match
    return list(best.values())


def matched_departments(db: sqlite_utils.Database) -> list[str]:
    """Every department some stored match is routed to, sorted."""
    found: set[str] = set()
    for (departments,) in db.execute("select distinct departments from matches"):
        found.update(json.loads(departments or "[]"))
    return sorted(found)


def matched_priority_ids(db: sqlite_utils.Database) -> list[str]:
    """Every priority some stored match belongs to, sorted."""
    return [
        row[0]
        for row in db.execute("select distinct priority_id from matches order by priority_id")
    ]
