"""Rendering a digest: the subject, an HTML part with inline styles and a plain-text part.

Both parts come from their own jinja2 template; the text is written for reading, not
converted from the HTML. HTML templates autoescape everything (crawled text is untrusted);
text templates do not escape, since a mail client shows text/plain literally.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from notifier.digest import Digest

_ENV = Environment(
    loader=PackageLoader("notifier", "templates"),
    autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass
class Rendered:
    """A rendered digest, ready for MIME."""

    subject: str
    text: str
    html: str


def subject(digest: Digest) -> str:
    """``EU-utlysningar v. 48 – Miljö- och samhällsbyggnadsförvaltningen (5 nya)``."""
    count = len(digest.new) + digest.more_new
    news = "inga nya" if count == 0 else f"{count} {'ny' if count == 1 else 'nya'}"
    # Names come from the priorities file: no line breaks may reach a header.
    name = " ".join(digest.department_name.split())
    return f"EU-utlysningar v. {digest.week_number} – {name} ({news})"


def render(digest: Digest) -> Rendered:
    """Render the subject, the plain text and the HTML of ``digest``."""
    context = {"d": digest, "subject": subject(digest)}
    return Rendered(
        subject=context["subject"],  # type: ignore[arg-type]
        text=_ENV.get_template("digest.txt.j2").render(context),
        html=_ENV.get_template("digest.html.j2").render(context),
    )
