"""HTTP(S) requests that reach public addresses only, for ``kb check-links``.

The URLs come from pull requests. Without a guard the link checker would be a proxy into
the network it runs on: a URL (or a redirect) naming ``127.0.0.1``, ``10.0.0.5`` or
``169.254.169.254`` (cloud metadata) would be requested from inside. So every connection
resolves its host once, refuses it when *any* address is not public, and connects to an
address it checked (a second lookup could answer differently: DNS rebinding). Redirects
are followed only to http and https, and each new host is checked the same way before a
byte is sent. No proxy from the environment is used: through one, the address finally
reached could not be checked.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.request
from collections.abc import Callable, Collection
from typing import Any
from urllib.parse import urljoin, urlsplit

# host, port -> the IP addresses it resolves to
Resolver = Callable[[str, int], list[str]]
_WEB = ("http", "https")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # IPv6 addresses carrying an IPv4 one


class Blocked(Exception):
    """A request refused before it was sent; the message says why, on one line.

    Not an OSError, so urllib passes it on instead of wrapping it as a connection error."""


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolves ``host`` to (raises socket.gaierror)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def non_public(ip: str) -> str | None:
    """What kind of address ``ip`` is if it is not public ("loopback", "private" …);
    None for a public one. IPv6 addresses that carry an IPv4 address (mapped, 6to4,
    Teredo, NAT64) are judged by the IPv4 address they lead to."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])  # without an IPv6 zone (fe80::1%eth0)
    if isinstance(addr, ipaddress.IPv6Address):
        if addr in _NAT64:
            return non_public(str(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)))
        teredo = addr.teredo
        for inner in (addr.ipv4_mapped, addr.sixtofour, *(teredo or ())):
            if inner is not None and (kind := non_public(str(inner))):
                return kind
    checks = (
        ("loopback", addr.is_loopback),
        ("unspecified", addr.is_unspecified),
        ("link-local", addr.is_link_local),
        ("multicast", addr.is_multicast),
        ("private", addr.is_private),
        ("reserved", addr.is_reserved),
        ("non-public", not addr.is_global),  # shared address space (100.64/10) …
    )
    return next((kind for kind, hit in checks if hit), None)


class Guard:
    """Resolves and checks each host before a connection is made to it."""

    def __init__(
        self, resolve: Resolver | None = None, allow_private: Collection[tuple[str, int]] = ()
    ) -> None:
        self.resolve = resolve or system_resolver
        # (address, port) pairs that may be reached although not public: tests only
        self.allow_private = frozenset(allow_private)

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses of ``host``, all of them checked; raises Blocked if one is not
        public (a host answering with a public and a private address is refused too)."""
        found = self.resolve(host, port)
        for ip in found:
            kind = non_public(ip)
            if kind and (ip, port) not in self.allow_private:
                raise Blocked(f"resolves to a {kind} address {ip}")
        return found

    def check_url(self, url: str) -> None:
        """Raises Blocked unless ``url`` is http(s) and its host resolves to public
        addresses only (socket.gaierror when it does not resolve)."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in _WEB or not parts.hostname:
            raise Blocked("not an http or https URL")
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        self.addresses(parts.hostname, port)

    def connect(self, host: str, port: int, timeout: Any, source: Any) -> socket.socket:
        """A socket connected to one of the checked addresses of ``host``."""
        error: OSError | None = None
        for ip in self.addresses(host, port):
            try:
                return socket.create_connection((ip, port), timeout, source)
            except OSError as exc:
                error = exc
        raise error or OSError(f"{host} has no address")


class _GuardedConnection(http.client.HTTPConnection):
    """An HTTP connection whose socket comes from ``Guard.connect``."""

    guard: Guard  # set by _factory

    def connect(self) -> None:
        source = getattr(self, "source_address", None)
        self.sock = self.guard.connect(self.host, self.port, self.timeout, source)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as http.client does


# HTTPSConnection.connect wraps what super().connect() made: with this order, the guarded one.
class _GuardedTLSConnection(http.client.HTTPSConnection, _GuardedConnection):
    """An HTTPS connection whose socket comes from ``Guard.connect``."""


def _factory(cls: type[_GuardedConnection], guard: Guard) -> Callable[..., Any]:
    """``cls`` as urllib's handlers build a connection, with ``guard`` attached."""

    def build(*args: Any, **kwargs: Any) -> _GuardedConnection:
        conn = cls(*args, **kwargs)
        conn.guard = guard
        return conn

    return build


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, guard: Guard) -> None:
        super().__init__()
        self.guard = guard

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_factory(_GuardedConnection, self.guard), req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, guard: Guard) -> None:
        super().__init__()
        self.guard = guard

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        conn = _factory(_GuardedTLSConnection, self.guard)
        return self.do_open(conn, req, context=self._context)  # type: ignore[attr-defined]


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http and https only (urllib's own also follows ``ftp://``),
    checking the new host before it is requested."""

    def __init__(self, guard: Guard) -> None:
        super().__init__()
        self.guard = guard

    def http_error_302(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any
    ) -> Any:
        # Checked before urllib's own handling, which follows ftp:// and rejects other
        # schemes as an "HTTP 30x" error that would not say why.
        location = headers.get("location") or headers.get("uri")
        newurl = urljoin(req.full_url, location) if location else ""
        if newurl and urlsplit(newurl).scheme.lower() not in _WEB:
            fp.close()
            raise Blocked(f"redirects to {newurl} (only http and https are followed)")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        try:
            self.guard.check_url(newurl)
        except Blocked as exc:
            raise Blocked(f"redirects to {newurl}, which {exc}") from None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def opener(guard: Guard) -> urllib.request.OpenerDirector:
    """A urllib opener for http and https only, through ``guard``, without proxies."""
    director = urllib.request.OpenerDirector()
    for handler in (
        _HTTP(guard),
        _HTTPS(guard),
        _Redirects(guard),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.UnknownHandler(),
    ):
        director.add_handler(handler)
    return director
