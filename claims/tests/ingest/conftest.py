"""Fixtures for the ingest tests: a real HTTP server on 127.0.0.1 and a guard on the network.

No test here may send a packet anywhere but 127.0.0.0/8 or ::1. The autouse ``network_guard``
patches socket connects (and name lookups) so that any attempt to reach another address fails
the test loudly, whether or not the code under test swallows the exception.
"""

from __future__ import annotations

import gzip
import ipaddress
import shutil
import socket
import socketserver
import ssl
import subprocess
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from claims.ingest import FetchPolicy, addresses

from .pages import (
    ARTICLE_HTML,
    EMPTY_ARTICLE_HTML,
    HOSTILE_HTML,
    INVALID_UTF8_HTML,
    PLAIN_TEXT,
    WINDOWS_1252_HTML,
    make_pdf,
)

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
)
ZIP_BYTES = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 40


# --- the network guard -----------------------------------------------------------------------


def _is_loopback(host: Any) -> bool:
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@dataclass
class NetworkGuard:
    connections: list[tuple[str, int]] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)

    def refuse(self, what: str) -> None:
        self.violations.append(what)
        raise AssertionError(f"TEST TRIED TO LEAVE LOOPBACK: {what}")


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[NetworkGuard]:
    guard = NetworkGuard()
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_sendto = socket.socket.sendto
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(host):
            guard.refuse(f"connect to {address!r}")
        guard.connections.append((str(host), int(address[1])))
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(host):
            guard.refuse(f"connect_ex to {address!r}")
        return real_connect_ex(self, address)

    def sendto(self: socket.socket, data: bytes, *args: Any) -> int:
        address = args[-1]
        if not _is_loopback(address[0]):
            guard.refuse(f"sendto {address!r}")
        return real_sendto(self, data, *args)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        # A real lookup of a real name would send a DNS query off this machine.
        if host not in (None, "localhost") and not _is_loopback(host):
            guard.refuse(f"DNS lookup of {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        guard.refuse(f"socket.create_connection({address!r}) (fetching must pin its own socket)")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", sendto)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    yield guard
    assert not guard.violations, f"tests tried to leave loopback: {guard.violations}"


# --- a patched resolver ----------------------------------------------------------------------


@dataclass
class FakeResolver:
    """Maps test host names to answers; a list of answers is served one lookup at a time."""

    answers: dict[str, list[list[str]]] = field(default_factory=dict)
    lookups: list[str] = field(default_factory=list)

    def add(self, host: str, *answers: list[str]) -> None:
        self.answers[host] = list(answers)

    def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        queue = self.answers.get(host)
        if not queue:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return queue.pop(0) if len(queue) > 1 else queue[0]


@pytest.fixture
def resolver(monkeypatch: pytest.MonkeyPatch) -> FakeResolver:
    fake = FakeResolver()
    monkeypatch.setattr(addresses, "resolve_host", fake)
    return fake


# --- the loopback HTTP server ----------------------------------------------------------------


@dataclass
class LoopbackServer:
    host: str
    port: int
    requests: list[dict[str, str]]

    def url(self, path: str, host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"


Route = Callable[["Handler", dict[str, list[str]]], None]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "LoopbackServer"
    sys_version = ""
    routes: dict[str, Route] = {}
    log: list[dict[str, str]] = []

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        self.log.append({"path": self.path, **{k.lower(): v for k, v in self.headers.items()}})
        route = self.routes.get(parts.path)
        if route is None:
            self.send_body(404, b"not here", "text/plain")
            return
        route(self, parse_qs(parts.query))

    def send_body(self, status: int, body: bytes, content_type: str | None, **headers: str) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def redirect(self, location: str, status: int = 302) -> None:
        self.send_body(status, b"", "text/plain", Location=location)


def _redirect_chain(handler: Handler, query: dict[str, list[str]]) -> None:
    hops = int(query.get("n", ["0"])[0])
    if hops <= 0:
        handler.send_body(200, ARTICLE_HTML, "text/html; charset=utf-8")
    else:
        handler.redirect(f"/chain?n={hops - 1}", status=301 if hops % 2 else 307)


def _redirect_to(handler: Handler, query: dict[str, list[str]]) -> None:
    handler.redirect(query["url"][0])


def _stream_unlabelled(handler: Handler, total: int, piece: bytes = b"x" * 4096) -> None:
    """No Content-Length: the body ends when the connection closes (HTTP/1.0 style)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.close_connection = True
    sent = 0
    try:
        while sent < total:
            handler.wfile.write(piece)
            sent += len(piece)
    except OSError:
        pass


def _drip(handler: Handler, query: dict[str, list[str]]) -> None:
    """Headers at once, then one byte every 50 ms for up to 3 s (bounded even if never read)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    handler.close_connection = True
    _drip_bytes(handler, b"slow ")


def _drip_headers(handler: Handler, query: dict[str, list[str]]) -> None:
    """Even the status line and headers arrive one byte at a time."""
    handler.close_connection = True
    _drip_bytes(handler, b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10000)


def _drip_bytes(handler: Handler, data: bytes) -> None:
    stop = time.monotonic() + 3
    try:
        for byte in data * 1000:
            if time.monotonic() > stop:
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.05)
    except OSError:
        pass


def _slow_dns_page(handler: Handler, query: dict[str, list[str]]) -> None:
    handler.send_body(200, ARTICLE_HTML, "text/html")


def _gzip_bomb(handler: Handler, query: dict[str, list[str]]) -> None:
    handler.send_body(200, GZIP_BOMB, "text/plain", Content_Encoding="gzip")


GZIP_BOMB = gzip.compress(b"0" * (20 * 1024 * 1024), compresslevel=9)
PDF_BYTES = make_pdf(
    [
        "Ferry fares on the northern route rose 12 percent in April.",
        "Passenger numbers fell to 4,100 a week.",
    ]
)

ROUTES: dict[str, Route] = {
    "/article": lambda h, q: h.send_body(
        200,
        ARTICLE_HTML,
        "text/html; charset=utf-8",
        ETag='"v1"',
        Last_Modified="Tue, 05 Mar 2024 08:00:00 GMT",
    ),
    "/plain": lambda h, q: h.send_body(200, PLAIN_TEXT.encode(), "text/plain; charset=utf-8"),
    "/pdf": lambda h, q: h.send_body(200, PDF_BYTES, "application/pdf"),
    "/pdf-unlabelled": lambda h, q: h.send_body(200, PDF_BYTES, None),
    "/html-unlabelled": lambda h, q: h.send_body(200, ARTICLE_HTML, None),
    "/chain": _redirect_chain,
    "/redirect-to": _redirect_to,
    "/redirect-nowhere": lambda h, q: h.send_body(302, b"", "text/plain"),
    "/big": lambda h, q: h.send_body(200, b"y" * (200 * 1024), "text/plain"),
    "/big-unlabelled-length": lambda h, q: _stream_unlabelled(h, 200 * 1024),
    "/gzip": lambda h, q: h.send_body(
        200, gzip.compress(ARTICLE_HTML), "text/html; charset=utf-8", Content_Encoding="gzip"
    ),
    "/deflate": lambda h, q: h.send_body(
        200, zlib.compress(PLAIN_TEXT.encode()), "text/plain", Content_Encoding="deflate"
    ),
    "/brotli": lambda h, q: h.send_body(200, b"\x0b\x02\x80", "text/plain", Content_Encoding="br"),
    "/gzip-bomb": _gzip_bomb,
    "/drip": _drip,
    "/drip-headers": _drip_headers,
    "/zip-as-html": lambda h, q: h.send_body(200, ZIP_BYTES, "text/html"),
    "/png-as-html": lambda h, q: h.send_body(200, PNG_BYTES, "text/html; charset=utf-8"),
    "/png": lambda h, q: h.send_body(200, PNG_BYTES, "image/png"),
    "/zip": lambda h, q: h.send_body(200, ZIP_BYTES, "application/zip"),
    "/nul-as-text": lambda h, q: h.send_body(200, b"abc\x00\x01\x02" * 50, "text/plain"),
    "/fake-pdf": lambda h, q: h.send_body(200, b"<html>not a pdf</html>", "application/pdf"),
    "/invalid-utf8": lambda h, q: h.send_body(200, INVALID_UTF8_HTML, "text/html; charset=utf-8"),
    "/cp1252": lambda h, q: h.send_body(200, WINDOWS_1252_HTML, "text/html"),
    "/empty-article": lambda h, q: h.send_body(200, EMPTY_ARTICLE_HTML, "text/html"),
    "/empty-body": lambda h, q: h.send_body(200, b"", "text/html"),
    "/hostile": lambda h, q: h.send_body(200, HOSTILE_HTML, "text/html; charset=utf-8"),
    "/gone": lambda h, q: h.send_body(410, b"gone", "text/plain"),
    "/host-echo": lambda h, q: h.send_body(200, ARTICLE_HTML, "text/html"),
}
Handler.routes = ROUTES


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks up the host's full name (a possible DNS query): skip it.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "localhost", self.server_address[1]


@pytest.fixture(scope="session")
def http_server() -> Iterator[LoopbackServer]:
    server = _Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield LoopbackServer(host="127.0.0.1", port=server.server_address[1], requests=Handler.log)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def server(http_server: LoopbackServer) -> LoopbackServer:
    Handler.log.clear()
    return http_server


@pytest.fixture
def loopback_policy(server: LoopbackServer) -> FetchPolicy:
    """The only policy that may reach the test server directly: loopback explicitly allowed."""
    return FetchPolicy(
        allow_loopback=True,
        allowed_ports=frozenset({server.port}),
        total_timeout=5,
        connect_timeout=2,
        max_bytes=64 * 1024,
    )


@pytest.fixture
def public_policy(server: LoopbackServer) -> FetchPolicy:
    """The production policy, except that 127.0.0.1 (and only it) stands in for a public address.

    Tests map names like ``public.test`` to 127.0.0.1 through the fake resolver; any other
    loopback address (127.0.0.2, ::1) is still refused as it would be in production.
    """
    return FetchPolicy(
        allowed_ports=frozenset({80, 443, server.port}),
        allowed_addresses=frozenset({"127.0.0.1"}),
        total_timeout=5,
        connect_timeout=2,
        max_bytes=64 * 1024,
    )


# --- a TLS server for public.test ------------------------------------------------------------


@dataclass
class TLSServer:
    port: int
    context: ssl.SSLContext  # trusts only the test certificate

    def url(self, path: str, host: str = "public.test") -> str:
        return f"https://{host}:{self.port}{path}"


@pytest.fixture(scope="session")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TLSServer]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(  # noqa: S603 -- fixed arguments, local tool
        [
            openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-days", "1", "-subj", "/CN=public.test",
            "-addext", "subjectAltName=DNS:public.test",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )  # fmt: skip
    server = _Server(("127.0.0.1", 0), Handler)
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield TLSServer(
            port=server.server_address[1],
            context=ssl.create_default_context(cafile=str(cert)),
        )
    finally:
        server.shutdown()
        server.server_close()
