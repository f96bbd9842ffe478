"""Is every item of the week's digests a real, current call a municipality can use?

    .venv/bin/python bench/digest_audit.py [--db data/replay.db] [--outbox data/outbox]

Reads the digests the weekly job wrote as .eml files (``make run`` writes them to
``data/outbox/<week>/``; the newest week is taken) and, for every item, looks the call up
in the job's database by the item's ``Id:`` line (the coordinator's copy), else its link
or title (a department's copy shows no ids). Per digest it counts the items under
"Nya utlysningar" (and the coordinator's calls for the municipality's own area), those with
a known deadline or opening date (or open until further notice; not asked of the own area's
calls), those that are not calls (news, programme pages, offers for individuals), and
those not open to municipalities (who may apply is known and leaves them out), and those
whose stored applicant check says who may apply (passed or failed, not unknown: what the
item's "Sökande" line tells the reader). Then the share of calls in the database whose
applicant types the crawlers read (an imported corpus file has none: its format has no
applicants field, so its calls rely on the check's programme rules and text). The goals:
every new item has a date, none is a non-call, at least 80 % of the new items say who may
apply, and at least 80 % of calls have known applicant types. Exit 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import re
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

# As the eligibility check reads them: a municipality may apply when municipalities or public
# bodies in general are named (a call for regions alone is not open to municipalities).
MUNICIPAL = {"municipality", "public_body"}
SECTION = re.compile(r"^(?P<name>[A-ZÅÄÖ][A-ZÅÄÖ ,–-]+)\n-{3,}$", re.M)


@dataclass
class Audit:
    """Counts for one digest."""

    name: str
    new: int = 0
    own_area: int = 0  # the coordinator's calls for the own area no priority took
    dated: int = 0
    not_calls: list[str] = field(default_factory=list)
    not_municipal: list[str] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    says_who: int = 0


def plain_text(path: Path) -> str:
    """The text/plain part of a stored message."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


NEW = "NYA UTLYSNINGAR"
OWN_AREA = "FÖR KOMMUNENS OMRÅDE"


def section_items(text: str, heading: str = NEW) -> list[dict[str, str]]:
    """The items under the heading that starts with ``heading`` ("Nya utlysningar", or the
    coordinator's calls for the municipality's own area), in order: title, link and id (the
    coordinator's copy shows ids; a department's shows the call's link instead)."""
    heads = list(SECTION.finditer(text))
    for k, head in enumerate(heads):
        if head.group("name").startswith(heading):
            end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
            blocks = re.split(r"^(?=\d+\. )", text[head.end() : end], flags=re.M)
            items = []
            for block in blocks:
                title = re.match(r"\d+\. (.+)", block)
                if not title:
                    continue
                link = re.search(r"^\s+(https?://\S+)$", block, re.M)
                ident = re.search(r"^\s*Id: (\S.*)$", block, re.M)
                items.append(
                    {
                        "title": title.group(1).strip(),
                        "url": link.group(1) if link else "",
                        "id": ident.group(1).strip() if ident else "",
                    }
                )
            return items
    return []


def find_call(db: sqlite3.Connection, item: dict[str, str]) -> tuple[str, tuple | None]:
    """The database row of an item: by id, else by link, else by title (primary records
    first, since a twin carries the same call)."""
    columns = "id, kind, opening_date, deadline, applicant_types, extra"
    for column, value in (("id", item["id"]), ("url", item["url"]), ("title", item["title"])):
        if not value:
            continue
        row = db.execute(
            f"select {columns} from calls where {column} = ? order by twin_of is not null limit 1",
            [value],
        ).fetchone()
        if row is not None:
            return row[0], row[1:]
    return item["id"] or item["title"], None


def audit(db: sqlite3.Connection, path: Path) -> Audit:
    """Count one digest's new items by what the database knows of each call, and check the
    coordinator's calls for the own area the same way (they need no date: a coming call of
    the region may not have one yet)."""
    result = Audit(path.stem)
    text = plain_text(path)
    for item in section_items(text, OWN_AREA):
        call_id, row = find_call(db, item)
        result.own_area += 1
        if row is None or row[0] != "call":
            result.not_calls.append(
                f"{call_id} ({'not in the database' if row is None else row[0]})"
            )
        elif (types := set(json.loads(row[3] or "[]"))) and not types & MUNICIPAL:
            result.not_municipal.append(f"{call_id} ({', '.join(sorted(types))})")
    for item in section_items(text):
        call_id, row = find_call(db, item)
        result.new += 1
        if row is None:
            result.not_calls.append(f"{call_id} (not in the database)")
            continue
        kind, opening, deadline, types_json, extra_json = row
        rolling = bool(json.loads(extra_json or "{}").get("rolling"))
        if deadline or opening or rolling:
            result.dated += 1
        else:
            result.undated.append(call_id)
        if kind != "call":
            result.not_calls.append(f"{call_id} ({kind})")
        types = set(json.loads(types_json or "[]"))
        if types and not types & MUNICIPAL:
            result.not_municipal.append(f"{call_id} ({', '.join(sorted(types))})")
        if applicant_answer(db, call_id) in ("pass", "fail"):
            result.says_who += 1
    return result


def applicant_answer(db: sqlite3.Connection, call_id: str) -> str | None:
    """The stored applicant check of a call ("pass", "fail" or "unknown"; None when the call
    has no stored match). It depends on the call and the municipality, not the priority."""
    row = db.execute(
        "select eligibility_facts from matches where call_id = ? limit 1", [call_id]
    ).fetchone()
    for found in json.loads(row[0] or "[]") if row else []:
        if found.get("check") == "sökande":
            return str(found.get("result"))
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("data/replay.db"))
    parser.add_argument("--outbox", type=Path, default=Path("data/outbox"))
    options = parser.parse_args()
    weeks = sorted(p for p in options.outbox.glob("*-W*") if p.is_dir())
    if not options.db.is_file() or not weeks:
        print(f"nothing to audit: run `make run` first ({options.db}, {options.outbox})")
        return 2
    db = sqlite3.connect(f"file:{options.db}?mode=ro", uri=True)
    audits = [audit(db, path) for path in sorted(weeks[-1].glob("*.eml"))]
    print(f"digests of {weeks[-1].name} in {weeks[-1]}")
    print(
        f"{'digest':40} {'new':>4} {'dated':>6} {'non-calls':>10} {'not municipal':>14} "
        f"{'says who':>9} {'own area':>9}"
    )
    for a in audits:
        name = a.name.split("--")[0][:40]
        print(
            f"{name:40} {a.new:4} {a.dated:6} {len(a.not_calls):10} {len(a.not_municipal):14} "
            f"{a.says_who:9} {a.own_area:9}"
        )
        for label, ids in (
            ("undated", a.undated),
            ("not a call", a.not_calls),
            ("not municipal", a.not_municipal),
        ):
            for call_id in ids:
                print(f"    {label}: {call_id}")
    calls, known = db.execute(
        "select count(*), sum(coalesce(applicant_types, '[]') != '[]') from calls "
        "where kind = 'call' and twin_of is null"
    ).fetchone()
    share = (known or 0) / calls if calls else 0.0
    new = sum(a.new for a in audits)
    said = sum(a.says_who for a in audits)
    print(f"new items that say who may apply: {said} of {new} ({said / new if new else 0:.0%})")
    print(f"calls with known applicant types: {known or 0} of {calls} ({share:.0%})")
    goals = {
        "every new item has a date": all(a.dated == a.new for a in audits),
        "no item (new, or for the own area) is a non-call": not any(a.not_calls for a in audits),
        "new items that say who may apply >= 80 %": new > 0 and said >= 0.8 * new,
        "calls with known applicant types >= 80 %": share >= 0.8,
    }
    for goal, met in goals.items():
        print(f"{'met' if met else 'MISSED'}: {goal}")
    print(f"{len(audits)} digests, {new} new items")
    return 0 if all(goals.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
