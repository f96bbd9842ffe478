"""A department's reply to its digest read as marks: the reading of the words, and
``eufunds reply`` on a real database with built digests and a reply saved as .eml."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from db import open_db
from db.marks import department_mark
from notifier.replies import digest_subject, parse_mail, read_reply, week_number
from tests.notifier_world import PRIORITIES, WEEK
from tests.web_support import build_world

ENERGY = "import:EXEMPEL-ENERGI-LOKALER-2026"  # nr 1 in miljo's digest of WEEK
HEAT = "import:EXEMPEL-HEAT-2026-01"  # nr 2
SOLAR = "import:EXEMPEL-SOLEL-TAK-2026"  # nr 4, closing soon


@pytest.mark.parametrize(
    ("text", "answers", "unclear"),
    [
        (
            "Hej!\n2 och 5 är intressanta, 3 är inte relevant – vi har ingen hamn.\nMvh Anna\n"
            "013-20 60 00",
            [
                ((2, 5), "interested", "2 och 5 är intressanta"),
                ((3,), "not-relevant", "3 är inte relevant – vi har ingen hamn."),
            ],
            [],
        ),
        (
            "Intressanta: 2, 4–6. Inte relevanta: nr. 3",
            [
                ((2, 4, 5, 6), "interested", "Intressanta: 2, 4–6."),
                ((3,), "not-relevant", "Inte relevanta: nr 3"),
            ],
            [],
        ),
        (
            "1 intressant\n2 ej aktuell\n3 beviljad\n4 avslag\n5 har vi sökt\n6 söker vi",
            [
                ((1,), "interested", "1 intressant"),
                ((2,), "not-relevant", "2 ej aktuell"),
                ((3,), "granted", "3 beviljad"),
                ((4,), "rejected", "4 avslag"),
                ((5,), "applied", "5 har vi sökt"),
                ((6,), "applying", "6 söker vi"),
            ],
            [],
        ),
        # Taken back, or not said of the number: handed to a person, nothing taken from it.
        ("8 söker vi inte.", [], ["8 söker vi inte."]),
        ("2 är intressant, vi hörs den 12 maj", [], ["2 är intressant, vi hörs den 12 maj"]),
        ("Vi har 3 skolor som söker.", [], ["Vi har 3 skolor som söker."]),
        ("Den är intressant.", [], ["Den är intressant."]),
        # The quoted digest below the reply is not read.
        (
            "nr 4 = inte intressant\n\nDen 6 apr. 2026 kl. 07:00 skrev EU-samordnaren <a@b.se>:\n"
            "> 1. Energismarta lokaler\n> 2 är intressant",
            [((4,), "not-relevant", "nr 4 = inte intressant")],
            [],
        ),
        ("Tack för brevet!", [], []),
        # The answer first, where the numbers end what is said.
        (
            "Vi är intresserade av 2 och 5. Intressant är också 7! Vi söker 6.\n"
            "Vi har sökt 4. 3 är inte relevant, vi är inte intresserade av 9.",
            [
                ((2, 5), "interested", "Vi är intresserade av 2 och 5."),
                ((6,), "applying", "Vi söker 6."),
                ((4,), "applied", "Vi har sökt 4."),
                ((3,), "not-relevant", "3 är inte relevant"),
                ((9,), "not-relevant", "vi är inte intresserade av 9."),
            ],
            ["Intressant är också 7!"],
        ),
        (
            "1 och 8 låter intressanta, 10 ser intressant ut.",
            [
                ((1, 8), "interested", "1 och 8 låter intressanta"),
                ((10,), "interested", "10 ser intressant ut."),
            ],
            [],
        ),
        # "Passar (inte)", "är inget för oss", "vill vi söka", "vill veta mer om".
        (
            "Nummer 5 och 6 passar inte oss eftersom vi saknar resurser. 4 passar oss bra. "
            "3 passar oss inte. 7 är inget för oss.\nNr 12 vill vi söka, och 11 har vi redan "
            "sökt. Vi vill veta mer om 2 och 9.",
            [
                (
                    (5, 6),
                    "not-relevant",
                    "Nummer 5 och 6 passar inte oss eftersom vi saknar resurser.",
                ),
                ((4,), "interested", "4 passar oss bra."),
                ((3,), "not-relevant", "3 passar oss inte."),
                ((7,), "not-relevant", "7 är inget för oss."),
                ((12,), "applying", "Nr 12 vill vi söka"),
                ((11,), "applied", "11 har vi redan sökt."),
                ((2, 9), "interested", "Vi vill veta mer om 2 och 9."),
            ],
            [],
        ),
        ("Det passar bra att ses den 12 maj.", [], ["Det passar bra att ses den 12 maj."]),
        # "Resten …": the numbers the digest gave that nothing else answers (read against it).
        (
            "2 och 3 intressanta. Övriga numren är inte aktuella.",
            [
                ((2, 3), "interested", "2 och 3 intressanta."),
                ((), "not-relevant", "Övriga numren är inte aktuella."),
            ],
            [],
        ),
        ("Resten söker vi inte.", [], ["Resten söker vi inte."]),
        (
            "Vi tittar gärna på 4. Vi tittar gärna på 3 nya skolor.",
            [((4,), "interested", "Vi tittar gärna på 4.")],
            ["Vi tittar gärna på 3 nya skolor."],
        ),
        # "Nummer 4 är inte aktuellt": the neuter, as "ett nummer" takes it.
        (
            "Nummer 4 är inte aktuellt. 2 är aktuellt för oss.",
            [
                ((4,), "not-relevant", "Nummer 4 är inte aktuellt."),
                ((2,), "interested", "2 är aktuellt för oss."),
            ],
            [],
        ),
        # An answer word with no number is read by a person, not passed over.
        ("Inget av dessa är aktuellt just nu.", [], ["Inget av dessa är aktuellt just nu."]),
        # Numbers that go on ("6 nya lärare") or are taken back are no answer.
        ("Vi söker 6 nya lärare.", [], ["Vi söker 6 nya lärare."]),
        ("Vi kommer inte att söka 6.", [], ["Vi kommer inte att söka 6."]),
        ("Vi är intresserade.", [], ["Vi är intresserade."]),
        # Numbers without "och" or commas are no telephone number: handed to a person.
        ("1 2 3 4 5 intressanta", [], ["1 2 3 4 5 intressanta"]),
        ("Mvh Eva, 013-20 60 00, +46 70 123 45 67", [], []),
        # A sentence of the reply that begins "Den … skrev" is no quote header (no colon).
        (
            "Den 12 maj skrev vi en ansökan.\n3 har vi sökt.",
            [((3,), "applied", "3 har vi sökt.")],
            ["Den 12 maj skrev vi en ansökan."],
        ),
    ],
)
def test_a_reply_is_read_strictly(
    text: str, answers: list[tuple[tuple[int, ...], str, str]], unclear: list[str]
) -> None:
    read = read_reply(text)
    assert [(a.numbers, a.mark, a.said) for a in read.answers] == answers
    assert read.unclear == unclear


def test_the_digest_a_reply_names() -> None:
    subject = "SV: Re: 3 nya EU-utlysningar v. 15 – Miljö- och samhällsbyggnadsförvaltningen"
    assert digest_subject(subject) == (
        "3 nya EU-utlysningar v. 15 – Miljö- och samhällsbyggnadsförvaltningen"
    )
    assert week_number(subject) == 15 and week_number("Svar") is None
    with pytest.raises(ValueError, match="ingen textdel"):
        parse_mail(b"From: a@b.se\nSubject: x\nContent-Type: text/html\n\n<p>2 intressant</p>")
    assert parse_mail("2 är intressant\n".encode()).text == "2 är intressant\n"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_world(tmp_path_factory.mktemp("replies"))


@pytest.fixture
def fresh(world: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the world's database for one test, set as EUFUNDS_DB."""
    path = tmp_path / "eufunds.db"
    shutil.copy(world, path)
    monkeypatch.setenv("EUFUNDS_DB", str(path))
    monkeypatch.setenv("EUFUNDS_PRIORITIES", str(PRIORITIES))
    monkeypatch.setenv("USER", "samordnaren")
    return path


def _digest_mail(db_path: Path) -> EmailMessage:
    db = open_db(db_path, migrate=False)
    row = db.execute(
        "select o.message_id, d.subject, o.text from outbox o join digests d on d.id = o.digest_id "
        "where o.recipient = 'eu.miljo@linkoping.example' and d.iso_week = ?",
        [WEEK],
    ).fetchone()
    db.conn.close()
    digest = EmailMessage()
    digest["Message-ID"], digest["Subject"] = row[0], row[1]
    digest.set_content(row[2])
    return digest


def _reply(
    digest: EmailMessage, words: str, *, threaded: bool = True, subject: bool = True
) -> bytes:
    reply = EmailMessage()
    reply["From"] = "Miljöchefen <Miljochef@linkoping.example>"
    reply["To"] = "eu.samordnare@linkoping.example"
    reply["Subject"] = f"SV: {digest['Subject']}" if subject else "Svar"
    if threaded:
        reply["In-Reply-To"] = digest["Message-ID"]
    quoted = "\n".join(f"> {line}" for line in digest.get_content().splitlines())
    reply.set_content(f"{words}\n\nFrån: EU-samordnaren\n{quoted}\n")
    return bytes(reply)


def _run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["reply", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_a_reply_saved_as_mail_becomes_the_departments_marks(fresh: Path, tmp_path: Path) -> None:
    digest = _digest_mail(fresh)
    # The quoted digest holds "1." and "2." lines and answer words: none of it is read.
    assert "1. " in digest.get_content()
    file = tmp_path / "svar.eml"
    file.write_bytes(
        _reply(
            digest,
            "Hej! 1 och 4 är intressanta. Nr 2 är inte relevant – vi har ingen fjärrvärme.\n"
            "9 är också intressant.\nMvh Maria, 013-20 60 00",
        )
    )
    code, out, err = _run(str(file))
    assert code == 0, err
    assert f"Svar från miljochef@linkoping.example på veckobrevet {WEEK} till miljo:" in out
    assert "nr 1: intressant – Energismarta lokaler i Östra Mellansverige" in out
    assert "nr 4: intressant – Solel och energilager på stora tak" in out
    assert "nr 2: inte relevant – Low-temperature district heating" in out
    assert f"nr 9: veckobrevet {WEEK} har nr 1–4 (”9 är också intressant.”)" in out
    assert "kör igen med --save för att spara 3 markeringar" in err
    db = open_db(fresh)
    assert db["marks"].count == 0  # a reading only, until --save

    code, out, err = _run(str(file), "--save")
    assert code == 0 and "3 markeringar sparade för miljo." in err
    heat = department_mark(db, HEAT, "miljo")
    assert heat is not None and heat.mark == "not-relevant"
    assert heat.reason == "Nr 2 är inte relevant – vi har ingen fjärrvärme."
    assert heat.marked_by == "miljochef@linkoping.example"
    energy, solar = department_mark(db, ENERGY, "miljo"), department_mark(db, SOLAR, "miljo")
    assert energy is not None and energy.mark == "interested"
    assert solar is not None and solar.mark == "interested"
    # The same reply read again stores nothing twice.
    code, _, err = _run(str(file), "--save")
    assert code == 0 and "0 markeringar sparade för miljo (3 fanns redan" in err
    assert db["marks"].count == 3


def test_the_rest_of_a_digest_is_answered_by_resten(fresh: Path) -> None:
    """ "1 är intressant, resten är inte relevanta": the digest's numbers no other answer
    names (nr 2–4 of miljo's digest) get the rest's answer; two rests that differ are read by
    a person and answer nothing."""
    digest = _digest_mail(fresh)
    words = "1 och 3 är intressanta, resten är inte relevanta – vi har ingen fjärrvärme."
    code, out, _ = _run("-", "--json", stdin=_reply(digest, words))
    assert code == 0, out
    marks = [(m["number"], m["call"], m["mark"]) for m in json.loads(out)["marks"]]
    assert marks == [
        (1, ENERGY, "interested"),
        (2, HEAT, "not-relevant"),
        (3, marks[2][1], "interested"),
        (4, SOLAR, "not-relevant"),
    ]
    both = "2 är intressant. Resten är inte relevanta. Övriga numren är intressanta."
    code, out, _ = _run("-", "--json", stdin=_reply(digest, both))
    read = json.loads(out)
    assert [(m["number"], m["mark"]) for m in read["marks"]] == [(2, "interested")]
    assert any("resten har fått olika svar" in line for line in read["unclear"])


def test_the_digest_is_found_by_subject_or_sender_and_bad_replies_say_what_to_do(
    fresh: Path,
) -> None:
    digest = _digest_mail(fresh)
    # Without In-Reply-To: the subject it quotes names the digest.
    code, out, _ = _run("-", "--json", stdin=_reply(digest, "2 är intressant", threaded=False))
    assert code == 0
    read = json.loads(out)
    assert (read["department"], read["week"], read["saved"]) == ("miljo", WEEK, False)
    assert [(m["number"], m["call"], m["mark"]) for m in read["marks"]] == [(2, HEAT, "interested")]
    # Neither: the sender is a contact of miljo, its latest digest is meant.
    bare = _reply(digest, "1 är intressant", threaded=False, subject=False)
    code, out, _ = _run("-", "--json", stdin=bare)
    assert code == 0 and json.loads(out)["week"] == WEEK
    # Numbers answered twice differently: neither is taken.
    code, out, _ = _run("-", stdin=_reply(digest, "1 är intressant. 1 är inte relevant."))
    assert code == 2 and "nr 1 har fått olika svar i svaret" in out
    # A reply from someone unknown, without a digest to name: --department is asked for.
    unknown = b"From: x@example.se\nSubject: Hej\n\n2 intressant\n"
    code, _, err = _run("-", stdin=unknown)
    assert code == 2 and "ange --department" in err
    code, out, _ = _run("-", "--department", "miljo", "--json", stdin=unknown)
    assert code == 0 and json.loads(out)["marks"][0]["call"] == HEAT
    # A reply with nothing to read as an answer: said so, exit 2.
    code, _, err = _run("-", stdin=_reply(digest, "Tack, vi tittar på det."))
    assert code == 2 and "eufunds mark NR --department miljo" in err
    # An HTML-only reply.
    html = b"From: a@b.se\nSubject: x\nContent-Type: text/html\n\n<p>2 intressant</p>\n"
    code, _, err = _run("-", stdin=html)
    assert code == 2 and "ingen textdel" in err
    assert email.message_from_bytes(html, policy=email.policy.default)["From"] == "a@b.se"


def test_several_replies_are_read_each_and_one_that_fails_loses_no_other(
    fresh: Path, tmp_path: Path
) -> None:
    digest = _digest_mail(fresh)
    good, bad = tmp_path / "miljo.eml", tmp_path / "okand.eml"
    good.write_bytes(_reply(digest, "Nr 2 är inte relevant."))
    bad.write_bytes(b"From: x@example.se\nSubject: Hej\n\n2 intressant\n")
    code, out, err = _run(str(bad), str(good), "--save")
    assert code == 2
    assert f"{bad}: kan inte avgöra vilken förvaltning som svarar" in err
    assert f"1 av 2 svar kunde inte läsas: {bad}" in err
    assert "nr 2: inte relevant – Low-temperature district heating" in out
    heat = department_mark(open_db(fresh), HEAT, "miljo")
    assert heat is not None and heat.mark == "not-relevant"
    code, out, _ = _run(str(good), str(good), "--json")
    assert code == 0 and [r["marks"][0]["stored"] for r in json.loads(out)] == [False, False]
