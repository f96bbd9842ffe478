"""A department's reply to its digest read as marks, for ``eufunds reply`` and the
coordinator's web page: which digest it answers, what its numbers mean, and storing them.

The words are read by :mod:`notifier.replies`; here they meet the stored digests and marks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from app.choices import department_of_address
from db.calls import get_call, utc_now
from db.digests import digest_replied_to, numbered_calls, week_numbered
from db.marks import add_mark, department_mark
from notifier.replies import ReplyMail, digest_subject, read_reply, week_number


class ReplyProblem(Exception):
    """A reply that names no digest this database has; ``needs`` is what to give instead
    ("department" or "week"), which each front end asks for in its own words."""

    def __init__(self, text: str, needs: str) -> None:
        super().__init__(text)
        self.needs = needs


@dataclass(frozen=True)
class Understood:
    """One number of the reply, the call the digest gave it, and the answer."""

    number: int
    row: dict[str, Any]
    mark: str
    said: str


@dataclass(frozen=True)
class Reading:
    """What a reply says to which digest: its answers and what a person must read."""

    department: str
    week: str
    understood: list[Understood]
    unclear: list[str]


def read_answers(
    db: sqlite_utils.Database, mail: ReplyMail, department: str | None, week: str | None
) -> Reading:
    """The reply's reading against the digest it answers (:func:`which_digest`)."""
    department, week, call_ids = which_digest(db, mail, department, week)
    understood, unclear = _understood(db, week, call_ids, mail.text)
    return Reading(department, week, understood, unclear)


def which_digest(
    db: sqlite_utils.Database, mail: ReplyMail, department: str | None, week: str | None
) -> tuple[str, str, list[str]]:
    """(department, week, the calls in the order numbered) of the digest the reply answers:
    as given, else the digest the mail replies to (its Message-ID, or its subject), else the
    sender's department and the week its subject names (or its latest digest)."""
    replied = digest_replied_to(db, mail.in_reply_to, digest_subject(mail.subject))
    if department is None and replied is not None:
        department = replied[0]
    department = department or department_of_address(db, mail.sender)
    if department is None:
        raise ReplyProblem(
            "kan inte avgöra vilken förvaltning som svarar (svaret nämner inget veckobrev och "
            f"avsändaren {mail.sender or '(okänd)'} är ingen förvaltnings kontakt)",
            "department",
        )
    if week is None and replied is not None and replied[0] == department:
        week = replied[1]
    if week is None and (number := week_number(mail.subject)) is not None:
        week = week_numbered(db, department, number)
    found = numbered_calls(db, department, week)
    if found is None:
        which = f"för vecka {week}" if week else "ännu"
        raise ReplyProblem(f"{department} har inget veckobrev {which}", "week")
    return department, found[0], found[1]


def _understood(
    db: sqlite_utils.Database, week: str, call_ids: list[str], text: str
) -> tuple[list[Understood], list[str]]:
    """The reply's answers with the calls their numbers mean, and what a person must read:
    sentences not read whole, numbers the digest did not give, numbers answered twice
    differently. "Resten är inte relevanta" answers the digest's numbers that no other
    answer names; two such answers that differ are read by a person."""
    read = read_reply(text)
    unclear = list(read.unclear)
    by_number: dict[int, tuple[str, str]] = {}
    twice: set[int] = set()
    for answer in read.answers:
        for number in answer.numbers:
            earlier = by_number.setdefault(number, (answer.mark, answer.said))
            if earlier[0] != answer.mark:
                twice.add(number)
    rests = {(a.mark, a.said) for a in read.answers if a.rest}
    if len({mark for mark, _ in rests}) > 1:
        unclear.extend(f"”{said}” (resten har fått olika svar)" for _, said in sorted(rests))
    elif rests:
        rest = min(rests)
        for number in range(1, len(call_ids) + 1):
            by_number.setdefault(number, rest)
    understood = []
    for number, (mark, said) in sorted(by_number.items()):
        if number in twice:
            unclear.append(f"nr {number} har fått olika svar i svaret")
            continue
        row = get_call(db, call_ids[number - 1]) if 1 <= number <= len(call_ids) else None
        if row is None:
            held = f"nr 1–{len(call_ids)}" if call_ids else "inga nummer"
            unclear.append(f"nr {number}: veckobrevet {week} har {held} (”{said}”)")
            continue
        understood.append(Understood(number, row, mark, said))
    return understood, unclear


def save_answers(
    db: sqlite_utils.Database, understood: list[Understood], department: str, who: str
) -> list[int]:
    """Store each answer as the department's mark, all in one transaction; an answer the
    department's latest mark already says (a reply read twice) is not stored again."""
    when = utc_now()
    stored = []
    with db.atomic():
        for u in understood:
            latest = department_mark(db, u.row["id"], department)
            if latest is not None and (latest.mark, latest.reason) == (u.mark, u.said):
                continue
            add_mark(
                db,
                u.row["id"],
                u.mark,
                marked_by=who,
                marked_at=when,
                department=department,
                reason=u.said,
            )
            stored.append(u.number)
    return stored
