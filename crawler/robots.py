"""robots.txt for every request of a host, however many wait for it at once.

Scrapy's ``RobotsTxtMiddleware`` hands the parsed robots.txt to the requests waiting for it
through one shared Deferred, and awaiting it consumes its result: from the third request of
a host on, the parser arrives as None and the request goes out unchecked. That happens
whenever several requests to one host start together: the feeds of a host, the call pages a
listing links to on a host not asked before, the portal's topic details. Every spider gets
:class:`RobotsForEveryRequest` in its place through :func:`crawler.config.scrapy_settings`.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class RobotsForEveryRequest(RobotsTxtMiddleware):
    """A waiting request reads the parser the middleware stored before firing the Deferred,
    not the Deferred's (consumed) result."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        netloc = urlparse_cached(request).netloc
        pending = self._parsers.get(netloc)
        if isinstance(pending, Deferred):
            await maybe_deferred_to_future(pending)
            parser = self._parsers.get(netloc)
            return None if isinstance(parser, Deferred) else parser
        return await super().robot_parser(request)
