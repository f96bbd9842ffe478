"""Crawled text is untrusted: only http(s) links, and long text shortened for reading.

The rules themselves have one home each in the database layer (which links are safe:
:func:`db.validate.safe_url`; how text is shortened: :func:`db.text.shorten`); the digests'
own limits are here.
"""

from __future__ import annotations

from db.text import shorten
from db.validate import safe_url

TITLE_MAX = 200
PASSAGE_MAX = 400

__all__ = ["PASSAGE_MAX", "TITLE_MAX", "safe_url", "shorten"]
