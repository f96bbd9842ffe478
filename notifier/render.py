"""Rendering a digest: the subject, an HTML part with inline styles and a plain-text part.

Both parts come from their own jinja2 template; the text is written for reading, not
converted from the HTML. HTML templates autoescape everything (crawled text is untrusted);
text templates do not escape, since a mail client shows text/plain literally.

With :class:`notifier.links.Links` the digest is rendered for one recipient: every item of a
department's digest carries that recipient's signed answer links and a link to the call's
page. Without links the digest asks the reader to reply to the coordinator instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from db.language import MARK_SV  # the marks in the words the digests and the web view use
from notifier.digest import CLOSING_DAYS, Digest, DigestItem
from notifier.links import ANSWERS, Links

_ENV = Environment(
    loader=PackageLoader("notifier", "templates"),
    autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass
class Rendered:
    """A rendered digest, ready for MIME."""

    subject: str
    text: str
    html: str


@dataclass
class ItemLinks:
    """The links of one item for one recipient: its page and the answer buttons."""

    page: str | None
    answers: list[tuple[str, str]]  # (button text, url)


def subject(digest: Digest) -> str:
    """``5 nya EU-utlysningar v. 48 – Miljö- och samhällsbyggnadsförvaltningen``.

    The count comes first, so a phone that cuts the subject still shows it.
    """
    count = digest.new_count
    if count == 0:
        news = "Inga nya EU-utlysningar"
    elif count == 1:
        news = "1 ny EU-utlysning"
    else:
        news = f"{count} nya EU-utlysningar"
    # Names come from the priorities file: no line breaks may reach a header.
    name = " ".join(digest.department_name.split())
    return f"{news} v. {digest.week_number} – {name}"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def coordinator_text(digest: Digest) -> str:
    """How the digest names the coordinator: ``EU-samordnaren (a@b.se)``."""
    if digest.coordinator:
        return f"EU-samordnaren ({', '.join(digest.coordinator)})"
    return "EU-samordnaren"


def summary(digest: Digest, links: Links | None) -> list[str]:
    """The two lines at the top (and in the inbox's preview): what is in it, what to do."""
    closing = digest.closing_count
    facts = [
        _count(digest.new_count, "ny utlysning", "nya utlysningar"),
        f"{closing} stänger inom {CLOSING_DAYS} dagar",
    ]
    if digest.is_coordinator:
        facts.append(f"{digest.answers_this_week} svar denna vecka")
        if digest.warning:
            todo = "Prioriteringsfilen har fel: se rutan nedan."
        else:
            todo = "Översikt över alla förvaltningar; markera med eufunds mark."
    else:
        facts.append(f"{digest.answers_wanted} väntar på ert svar")
        if links is not None:
            todo = (
                "Svara under varje utlysning: Intressant, Inte relevant eller Vi söker "
                "(ett klick, sedan bekräftar ni)."
            )
        else:
            todo = (
                f"Svara {coordinator_text(digest)} på det här mejlet med numren: vilka "
                "utlysningar är intressanta, vilka är inte relevanta?"
            )
    return [", ".join(facts) + ".", todo]


def _item_links(
    digest: Digest, item: DigestItem, links: Links | None, recipient: str | None
) -> ItemLinks:
    if links is None:
        return ItemLinks(None, [])
    if digest.is_coordinator:
        return ItemLinks(links.coordinator_call_url(item.call_id), [])
    who = recipient or ""
    return ItemLinks(
        links.call_url(digest.department, item.call_id, digest.iso_week, who),
        [
            (text, links.answer_url(digest.department, item.call_id, digest.iso_week, key, who))
            for key, (_mark, text) in ANSWERS.items()
        ]
        if recipient
        else [],
    )


def render(digest: Digest, links: Links | None = None, recipient: str | None = None) -> Rendered:
    """Render the subject, the plain text and the HTML of ``digest``.

    With ``links`` and a ``recipient``, the answer links are signed for that recipient (a
    digest is rendered once per recipient); with ``links`` alone the call pages are linked
    but no answers (a preview).
    """
    items = digest.items
    item_links = {i.call_id: _item_links(digest, i, links, recipient) for i in items}
    page = None
    if links is not None and recipient and not digest.is_coordinator:
        page = links.department_url(digest.department, digest.iso_week, recipient)
    elif links is not None and digest.is_coordinator:
        page = f"{links.base}/samordnare"
    context: dict[str, Any] = {
        "d": digest,
        "numbers": digest.numbers,
        "subject": subject(digest),
        "summary": summary(digest, links),
        "links": item_links,
        "page": page,
        "answering": links is not None and not digest.is_coordinator,
        "coordinator": coordinator_text(digest),
        "mark_sv": MARK_SV,
    }
    text = _ENV.get_template("digest.txt.j2").render(context)
    return Rendered(
        subject=context["subject"],
        # Optional lines leave blank lines behind: one blank line between blocks is enough.
        text=_BLANK_LINES.sub("\n\n", text),
        html=_ENV.get_template("digest.html.j2").render(context),
    )
