"""Fetching a report from a URL without letting the URL reach anything it should not.

How the rules are enforced:

* The URL is parsed here (scheme, port, host spelling; see ``addresses``), the host is resolved
  once through ``addresses.resolve_host``, every answer is checked, and the socket is connected
  to exactly the checked address. ``http.client`` then speaks HTTP over that socket with the host
  name in the Host header and in TLS SNI / certificate checks. No second lookup ever happens, so
  a DNS answer that changes between lookups cannot redirect the connection.
* Redirects are followed here, one hop at a time, and every hop goes through the same checks.
* A watchdog timer shuts the socket down when the total deadline passes, so a server that
  drips one byte at a time (even inside the headers) cannot hold us past ``total_timeout``.
* The body is read as it streams (decompressing gzip/deflate as it goes) and reading stops as
  soon as it passes ``max_bytes``.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import http.client
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from . import addresses
from .errors import FetchRefused
from .sniff import MB, Kind, binary_kind, has_nul_bytes, human_size, is_pdf, looks_like_html

__all__ = [
    "FetchPolicy",
    "FetchRefused",
    "FetchedDocument",
    "FetchedFeed",
    "fetch_feed",
    "fetch_url",
]

USER_AGENT = "Factdesk/0.1 (newsroom claim tracker)"
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.1"
FEED_ACCEPT = (
    "application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,"
    "application/xml;q=0.8,text/xml;q=0.8,*/*;q=0.1"
)
NOT_A_FEED = "not an RSS or Atom feed"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
NOT_A_REPORT = "not a web page, text or PDF"

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
_PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
_UNLABELLED_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/x-rss+xml",
        "application/feed+json",
        "text/plain",
    }
)
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchPolicy:
    """What fetching may do. The defaults are the production policy.

    ``allow_loopback`` and ``allowed_addresses`` (exact IP addresses treated as public) exist
    only so tests can fetch from a server on 127.0.0.1; production leaves them off.
    """

    allowed_schemes: frozenset[str] = frozenset({"http", "https"})
    allowed_ports: frozenset[int] = frozenset({80, 443})
    max_redirects: int = 5
    connect_timeout: float = 10.0
    total_timeout: float = 20.0
    max_bytes: int = 10 * MB
    allow_loopback: bool = False
    allowed_addresses: frozenset[str] = frozenset()
    user_agent: str = USER_AGENT
    tls_context: ssl.SSLContext | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class FetchedDocument:
    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    kind: Kind
    body: bytes
    redirects: tuple[str, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    address: str = ""


@dataclass(frozen=True)
class FetchedFeed:
    """A feed's bytes, or ``not_modified`` when the server answered 304 to our validators."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    address: str = ""


@dataclass(frozen=True)
class _Ask:
    """What one request asks for: extra headers (validators), accepted types, 304 welcome."""

    accept: str = ACCEPT
    headers: tuple[tuple[str, str], ...] = ()
    feed: bool = False


_REPORT = _Ask()


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str
    port: int
    path: str


def _seconds(value: float) -> str:
    return f"{value:g}"


def _timeout_reason(policy: FetchPolicy) -> str:
    return f"no answer after {_seconds(policy.total_timeout)} s"


def _too_large(policy: FetchPolicy) -> FetchRefused:
    return FetchRefused(f"the page is larger than {human_size(policy.max_bytes)}")


def parse_target(url: str, policy: FetchPolicy) -> _Target:
    """Check a URL's scheme, port and host spelling; return the parts we will connect with."""
    url = url.strip()
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise FetchRefused("the address contains control characters")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FetchRefused("the address is not a valid URL") from None
    scheme = parts.scheme.lower()
    if scheme not in policy.allowed_schemes:
        allowed = " and ".join(sorted(policy.allowed_schemes))
        raise FetchRefused(f"only {allowed} addresses can be fetched")
    if "@" in parts.netloc:
        raise FetchRefused("addresses with a user name or password (user@host) are not fetched")
    if "[" in parts.netloc or "]" in parts.netloc:
        raise FetchRefused("addresses written as IPv6 numbers are not fetched; use the host name")
    try:
        explicit_port = parts.port
    except ValueError:
        raise FetchRefused("the address has an invalid port") from None
    port = explicit_port if explicit_port is not None else (443 if scheme == "https" else 80)
    if port not in policy.allowed_ports:
        allowed = " and ".join(str(p) for p in sorted(policy.allowed_ports))
        raise FetchRefused(f"only ports {allowed} can be fetched (this address uses port {port})")
    host = addresses.normalise_host(parts.hostname or "")
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        path += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    default_port = 443 if scheme == "https" else 80
    netloc = host if port == default_port else f"{host}:{port}"
    clean_url = urlunsplit((scheme, netloc, path, "", ""))
    return _Target(url=clean_url, scheme=scheme, host=host, port=port, path=path)


def _within[T](deadline: float, policy: FetchPolicy, work: Callable[[], T]) -> T:
    """Run ``work`` (a blocking DNS lookup) in a thread, giving up at the deadline."""
    result: list[T] = []
    error: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as exc:  # re-raised in the caller's thread
            error.append(exc)

    thread = threading.Thread(target=run, name="factdesk-resolve", daemon=True)
    thread.start()
    thread.join(max(0.0, deadline - time.monotonic()))
    if thread.is_alive():
        raise FetchRefused(_timeout_reason(policy))
    if error:
        raise error[0]
    return result[0]


def _resolve_and_check(target: _Target, policy: FetchPolicy, deadline: float) -> list[str]:
    if addresses.looks_numeric(target.host):
        found = [target.host]  # a canonical dotted quad: no lookup needed
    else:
        try:
            found = _within(
                deadline, policy, lambda: addresses.resolve_host(target.host, target.port)
            )
        except (OSError, UnicodeError):
            raise FetchRefused("the host name could not be found", detail=target.host) from None
    if not found:
        raise FetchRefused("the host name could not be found", detail=target.host)
    for address in found:
        addresses.check_address(
            address,
            allow_loopback=policy.allow_loopback,
            allowed_addresses=policy.allowed_addresses,
        )
    return found


class _Watchdog:
    """Shuts the current socket down when the total deadline passes."""

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self.sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, seconds), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            if self.sock is not None:
                # The plain socket method, even for an SSLSocket: no TLS close_notify dance.
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(self.sock, socket.SHUT_RDWR)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self.sock = sock
            if self.fired:
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to one already-checked IP address, speaking for ``host``."""

    def __init__(
        self,
        target: _Target,
        address: str,
        *,
        policy: FetchPolicy,
        deadline: float,
        watchdog: _Watchdog,
    ) -> None:
        super().__init__(target.host, target.port, timeout=policy.connect_timeout)
        # Decides whether the Host header carries the port: never for 443 over TLS.
        self.default_port = 443 if target.scheme == "https" else 80
        self._target = target
        self._address = address
        self._policy = policy
        self._deadline = deadline
        self._watchdog = watchdog

    def connect(self) -> None:
        family = socket.AF_INET6 if ":" in self._address else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        self._watchdog.watch(sock)
        remaining = self._deadline - time.monotonic()
        sock.settimeout(max(0.001, min(self._policy.connect_timeout, remaining)))
        try:
            sock.connect((self._address, self._target.port))
        except BaseException:
            sock.close()
            raise
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(max(0.001, self._deadline - time.monotonic()))
        if self._target.scheme == "https":
            context = self._policy.tls_context or _default_tls_context()
            try:
                tls_sock = context.wrap_socket(sock, server_hostname=self._target.host)
            except BaseException:
                sock.close()
                raise
            self._watchdog.watch(tls_sock)
            self.sock = tls_sock
        else:
            self.sock = sock

    def set_read_timeout(self) -> None:
        if self.sock is not None:
            self.sock.settimeout(max(0.001, self._deadline - time.monotonic()))


@functools.cache
def _default_tls_context() -> ssl.SSLContext:
    """The system's trusted CAs, certificate and host name checks on (loaded once)."""
    return ssl.create_default_context()


def _parse_content_type(value: str) -> tuple[str, str | None]:
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset":
            candidate = raw.strip().strip("\"'").lower()
            try:
                charset = codecs.lookup(candidate).name if candidate else None
            except LookupError:
                charset = None
    return mime.strip().lower(), charset


def _describe_type(mime: str) -> str:
    if mime in {"application/zip", "application/x-zip-compressed"}:
        return "a zip archive"
    if mime in {"application/gzip", "application/x-gzip", "application/x-tar"}:
        return "an archive"
    for prefix, words in (
        ("image/", "an image"),
        ("video/", "a video"),
        ("audio/", "an audio file"),
        ("font/", "a font"),
    ):
        if mime.startswith(prefix):
            return words
    if mime in {"application/javascript", "text/javascript"}:
        return "a script"
    if mime == "text/css":
        return "a style sheet"
    if mime in {"application/json", "text/json"} or mime.endswith("+json"):
        return "JSON data"
    return f"data of type {mime}"


def _declared_kind(mime: str) -> Kind | None:
    if mime in _HTML_TYPES:
        return "html"
    if mime in _TEXT_TYPES:
        return "text"
    if mime in _PDF_TYPES:
        return "pdf"
    return None


def _decide_kind(declared: Kind | None, body: bytes) -> Kind:
    """Check the bytes against the label; sniff unlabelled bodies."""
    binary = binary_kind(body)
    if binary is not None:
        raise FetchRefused(f"the server sent {binary}, {NOT_A_REPORT}")
    if body.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if declared == "pdf":
        if is_pdf(body):
            return "pdf"
        raise FetchRefused("the server said it sent a PDF, but it is not one")
    if has_nul_bytes(body):
        raise FetchRefused(f"the server sent binary data, {NOT_A_REPORT}")
    if declared is not None:
        return declared
    return "html" if looks_like_html(body) else "text"


class _Decoder:
    """Undo Content-Encoding as the body streams, never producing more than the limit."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._zlib: zlib._Decompress | None = None
        if encoding in {"gzip", "x-gzip"}:
            self._zlib = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = None  # decided on the first bytes: zlib-wrapped or raw
        elif encoding not in {"", "identity"}:
            raise FetchRefused(
                f"the server compressed the page in a way we cannot read ({encoding})"
            )

    def feed(self, chunk: bytes, room: int) -> bytes:
        if self.encoding in {"", "identity"}:
            return chunk
        if self._zlib is None:
            raw = not (
                len(chunk) >= 2 and (chunk[0] & 0x0F) == 8 and (chunk[0] << 8 | chunk[1]) % 31 == 0
            )
            self._zlib = zlib.decompressobj(wbits=-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
        try:
            return self._zlib.decompress(chunk, max(1, room))
        except zlib.error:
            raise FetchRefused("the server sent a damaged compressed page") from None


def _read_body(
    conn: _PinnedConnection,
    response: http.client.HTTPResponse,
    policy: FetchPolicy,
    deadline: float,
) -> bytes:
    length = response.getheader("Content-Length")
    if length is not None and length.strip().isdigit() and int(length) > policy.max_bytes:
        raise _too_large(policy)
    encoding = (response.getheader("Content-Encoding") or "").strip().lower()
    decoder = _Decoder(encoding)
    body = bytearray()
    wire = 0
    while True:
        if time.monotonic() >= deadline:
            raise FetchRefused(_timeout_reason(policy))
        conn.set_read_timeout()
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        wire += len(chunk)
        if wire > policy.max_bytes:
            raise _too_large(policy)
        body += decoder.feed(chunk, policy.max_bytes - len(body) + 1)
        if len(body) > policy.max_bytes:
            raise _too_large(policy)
    return bytes(body)


def _connect_error(exc: BaseException, policy: FetchPolicy, watchdog: _Watchdog) -> FetchRefused:
    if watchdog.fired:
        return FetchRefused(_timeout_reason(policy))
    if isinstance(exc, ssl.SSLCertVerificationError):
        return FetchRefused("the site's security certificate is not valid", detail=str(exc))
    if isinstance(exc, ssl.SSLError):
        return FetchRefused("a secure connection to the site could not be made", detail=str(exc))
    if isinstance(exc, TimeoutError):
        return FetchRefused(f"could not connect within {_seconds(policy.connect_timeout)} s")
    if isinstance(exc, ConnectionRefusedError):
        return FetchRefused("the server refused the connection")
    return FetchRefused("the connection to the server failed", detail=repr(exc))


def _read_error(exc: BaseException, policy: FetchPolicy, watchdog: _Watchdog) -> FetchRefused:
    if watchdog.fired or isinstance(exc, TimeoutError):
        return FetchRefused(_timeout_reason(policy))
    if isinstance(exc, http.client.IncompleteRead):
        return FetchRefused("the server stopped sending before the page was complete")
    if isinstance(exc, http.client.HTTPException):
        return FetchRefused("the server sent an answer that is not valid HTTP", detail=repr(exc))
    return FetchRefused("the connection broke while reading the page", detail=repr(exc))


@dataclass
class _Hop:
    status: int
    reason: str
    location: str | None
    content_type: str
    headers: dict[str, str]
    body: bytes
    address: str


def _request(
    target: _Target, found: list[str], policy: FetchPolicy, deadline: float, ask: _Ask = _REPORT
) -> _Hop:
    watchdog = _Watchdog(deadline - time.monotonic())
    try:
        last_error: FetchRefused | None = None
        for address in found:
            conn = _PinnedConnection(
                target, address, policy=policy, deadline=deadline, watchdog=watchdog
            )
            try:
                try:
                    conn.connect()
                except (OSError, ValueError) as exc:
                    last_error = _connect_error(exc, policy, watchdog)
                    if watchdog.fired:
                        break
                    continue
                return _exchange(conn, target, address, policy, deadline, watchdog, ask)
            finally:
                conn.close()
        assert last_error is not None  # noqa: S101 -- found is never empty
        raise last_error
    finally:
        watchdog.cancel()


def _exchange(
    conn: _PinnedConnection,
    target: _Target,
    address: str,
    policy: FetchPolicy,
    deadline: float,
    watchdog: _Watchdog,
    ask: _Ask = _REPORT,
) -> _Hop:
    try:
        conn.putrequest("GET", target.path, skip_accept_encoding=True)
        conn.putheader("User-Agent", policy.user_agent)
        conn.putheader("Accept", ask.accept)
        conn.putheader("Accept-Encoding", "gzip, deflate")
        conn.putheader("Connection", "close")
        for name, value in ask.headers:
            conn.putheader(name, value)
        conn.endheaders()
        conn.set_read_timeout()
        response = conn.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        status = response.status
        if status in REDIRECT_STATUSES:
            return _Hop(status, response.reason, headers.get("location"), "", headers, b"", address)
        if status == 304 and ask.headers:
            return _Hop(status, response.reason, None, "", headers, b"", address)
        if not 200 <= status < 300:
            raise FetchRefused(f"the server answered {status} {response.reason}".strip())
        content_type = headers.get("content-type", "")
        mime, _charset = _parse_content_type(content_type)
        if ask.feed:
            if mime not in _FEED_TYPES and mime not in _UNLABELLED_TYPES:
                raise FetchRefused(f"the server sent {_describe_type(mime)}, {NOT_A_FEED}")
        elif _declared_kind(mime) is None and mime not in _UNLABELLED_TYPES:
            raise FetchRefused(f"the server sent {_describe_type(mime)}, {NOT_A_REPORT}")
        body = _read_body(conn, response, policy, deadline)
    except FetchRefused:
        if watchdog.fired:
            raise FetchRefused(_timeout_reason(policy)) from None
        raise
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise _read_error(exc, policy, watchdog) from None
    if watchdog.fired or time.monotonic() > deadline:
        # The watchdog's shutdown looks like a clean end of the body: never trust it.
        raise FetchRefused(_timeout_reason(policy))
    return _Hop(status, response.reason, None, content_type, headers, body, address)


def _validators(etag: str | None, last_modified: str | None) -> tuple[tuple[str, str], ...]:
    """Conditional GET headers; values with control characters are dropped, not sent."""
    out: list[tuple[str, str]] = []
    for name, value in (("If-None-Match", etag), ("If-Modified-Since", last_modified)):
        if value and value.isascii() and all(32 <= ord(ch) < 127 for ch in value):
            out.append((name, value[:500]))
    return tuple(out)


def _follow(url: str, policy: FetchPolicy, ask: _Ask) -> tuple[_Target, _Hop, tuple[str, ...]]:
    """Fetch ``url`` hop by hop (every hop checked); the last target, its answer, the hops."""
    deadline = time.monotonic() + policy.total_timeout
    redirects: list[str] = []
    current = url
    for hop_number in range(policy.max_redirects + 1):
        target = parse_target(current, policy)
        found = _resolve_and_check(target, policy, deadline)
        hop = _request(target, found, policy, deadline, ask)
        if hop.status in REDIRECT_STATUSES:
            if not hop.location:
                raise FetchRefused("the server sent a redirect without saying where to")
            if hop_number == policy.max_redirects:
                raise FetchRefused(f"too many redirects (more than {policy.max_redirects})")
            redirects.append(target.url)
            current = urljoin(target.url, hop.location.strip())
            continue
        return target, hop, tuple(redirects)
    raise FetchRefused(f"too many redirects (more than {policy.max_redirects})")


def fetch_feed(
    url: str,
    *,
    policy: FetchPolicy | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FetchedFeed:
    """Fetch an RSS or Atom feed under ``policy``, conditionally when validators are given.

    The same address checks, pinned connections, deadline and size limit as ``fetch_url``.
    A 304 answer (nothing new since ``etag`` / ``last_modified``) comes back with
    ``not_modified`` and no body. Raises FetchRefused like ``fetch_url``.
    """
    policy = policy or FetchPolicy()
    ask = _Ask(accept=FEED_ACCEPT, headers=_validators(etag, last_modified), feed=True)
    target, hop, _redirects = _follow(url, policy, ask)
    if hop.status == 304:
        return FetchedFeed(
            url=url,
            final_url=target.url,
            status=304,
            content_type="",
            body=b"",
            not_modified=True,
            etag=hop.headers.get("etag") or etag,
            last_modified=hop.headers.get("last-modified") or last_modified,
            address=hop.address,
        )
    mime, _charset = _parse_content_type(hop.content_type)
    binary = binary_kind(hop.body)
    if binary is not None:
        raise FetchRefused(f"the server sent {binary}, {NOT_A_FEED}")
    if not hop.body.strip():
        raise FetchRefused("the feed is empty")
    return FetchedFeed(
        url=url,
        final_url=target.url,
        status=hop.status,
        content_type=mime,
        body=hop.body,
        etag=hop.headers.get("etag"),
        last_modified=hop.headers.get("last-modified"),
        address=hop.address,
    )


def fetch_url(
    url: str,
    *,
    policy: FetchPolicy | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FetchedDocument:
    """Fetch ``url`` under ``policy`` (the production policy by default).

    With ``etag`` or ``last_modified`` the request is conditional: a 304 answer comes back
    as a document with ``status`` 304 and an empty body (a page re-checked by a watched feed).
    Raises FetchRefused with a plain-words reason for anything unsafe, too large, too slow,
    broken or of the wrong kind.
    """
    policy = policy or FetchPolicy()
    validators = _validators(etag, last_modified)
    target, hop, redirects = _follow(
        url, policy, _Ask(headers=validators) if validators else _REPORT
    )
    if hop.status == 304:
        return FetchedDocument(
            url=url,
            final_url=target.url,
            status=304,
            content_type="",
            charset=None,
            kind="text",
            body=b"",
            redirects=redirects,
            etag=hop.headers.get("etag") or etag,
            last_modified=hop.headers.get("last-modified") or last_modified,
            address=hop.address,
        )
    mime, charset = _parse_content_type(hop.content_type)
    kind = _decide_kind(_declared_kind(mime), hop.body)
    if not hop.body.strip():
        raise FetchRefused("the page is empty")
    return FetchedDocument(
        url=url,
        final_url=target.url,
        status=hop.status,
        content_type=mime,
        charset=charset,
        kind=kind,
        body=hop.body,
        redirects=redirects,
        etag=hop.headers.get("etag"),
        last_modified=hop.headers.get("last-modified"),
        address=hop.address,
    )
