"""fetch_url against a real threaded HTTP server on 127.0.0.1, serving pages we wrote."""

from __future__ import annotations

import time

import pytest

from claims.ingest import (
    FetchPolicy,
    FetchRefused,
    IngestError,
    clean_document,
    fetch_url,
    pdf_text,
)

from .conftest import FakeResolver, LoopbackServer, NetworkGuard, TLSServer
from .pages import ARTICLE_HTML, ARTICLE_TITLE

# --- what a good fetch returns ---------------------------------------------------------------


def test_it_fetches_an_html_article(server: LoopbackServer, loopback_policy: FetchPolicy) -> None:
    document = fetch_url(server.url("/article"), policy=loopback_policy)
    assert document.status == 200
    assert document.kind == "html"
    assert document.content_type == "text/html"
    assert document.charset == "utf-8"
    assert document.body == ARTICLE_HTML
    assert document.final_url == server.url("/article")
    assert document.redirects == ()
    assert document.etag == '"v1"'
    assert document.last_modified == "Tue, 05 Mar 2024 08:00:00 GMT"
    assert document.address == "127.0.0.1"
    cleaned = clean_document(document.body, kind=document.kind, url=document.final_url)
    assert cleaned.title == ARTICLE_TITLE
    assert "14.2 million euros" in cleaned.text


def test_it_fetches_plain_text(server: LoopbackServer, loopback_policy: FetchPolicy) -> None:
    document = fetch_url(server.url("/plain"), policy=loopback_policy)
    assert document.kind == "text"
    cleaned = clean_document(document.body, kind="text", charset=document.charset)
    assert cleaned.text.startswith("Allotment waiting list grows\n\nThe parish council")
    assert "\r" not in cleaned.text


def test_it_fetches_a_pdf(server: LoopbackServer, loopback_policy: FetchPolicy) -> None:
    document = fetch_url(server.url("/pdf"), policy=loopback_policy)
    assert document.kind == "pdf"
    assert "Ferry fares on the northern route rose 12 percent" in pdf_text(document.body)


def test_it_recognises_unlabelled_pdf_and_html_by_their_bytes(
    server: LoopbackServer, loopback_policy: FetchPolicy
) -> None:
    assert fetch_url(server.url("/pdf-unlabelled"), policy=loopback_policy).kind == "pdf"
    assert fetch_url(server.url("/html-unlabelled"), policy=loopback_policy).kind == "html"


def test_it_decompresses_gzip_and_deflate(
    server: LoopbackServer, loopback_policy: FetchPolicy
) -> None:
    assert fetch_url(server.url("/gzip"), policy=loopback_policy).body == ARTICLE_HTML
    assert b"parish council" in fetch_url(server.url("/deflate"), policy=loopback_policy).body


def test_it_sends_the_host_name_while_connecting_to_the_checked_address(
    server: LoopbackServer,
    public_policy: FetchPolicy,
    resolver: FakeResolver,
    network_guard: NetworkGuard,
) -> None:
    resolver.add("public.test", ["127.0.0.1"])
    document = fetch_url(server.url("/host-echo", host="public.test"), policy=public_policy)
    assert document.final_url == f"http://public.test:{server.port}/host-echo"
    assert server.requests[-1]["host"] == f"public.test:{server.port}"
    assert network_guard.connections == [("127.0.0.1", server.port)]


def _tls_policy(tls_server: TLSServer) -> FetchPolicy:
    return FetchPolicy(
        allowed_ports=frozenset({tls_server.port}),
        allowed_addresses=frozenset({"127.0.0.1"}),
        total_timeout=5,
        tls_context=tls_server.context,
    )


def test_https_checks_the_certificate_against_the_host_name_not_the_address(
    tls_server: TLSServer, resolver: FakeResolver, network_guard: NetworkGuard
) -> None:
    resolver.add("public.test", ["127.0.0.1"])
    document = fetch_url(tls_server.url("/article"), policy=_tls_policy(tls_server))
    assert document.body == ARTICLE_HTML
    assert network_guard.connections == [("127.0.0.1", tls_server.port)]


def test_https_refuses_a_certificate_for_another_name(
    tls_server: TLSServer, resolver: FakeResolver
) -> None:
    resolver.add("impostor.test", ["127.0.0.1"])
    with pytest.raises(FetchRefused) as refused:
        fetch_url(tls_server.url("/article", host="impostor.test"), policy=_tls_policy(tls_server))
    assert refused.value.reason == "the site's security certificate is not valid"


def test_the_network_guard_fails_loudly_on_a_connection_off_this_machine(
    network_guard: NetworkGuard,
) -> None:
    import socket

    with socket.socket() as sock, pytest.raises(AssertionError, match="LEAVE LOOPBACK"):
        sock.connect(("192.0.2.1", 80))  # intercepted before any packet is sent
    with pytest.raises(AssertionError, match="LEAVE LOOPBACK"):
        socket.getaddrinfo("example.com", 80)
    network_guard.violations.clear()


# --- redirects -------------------------------------------------------------------------------


def test_it_follows_a_chain_of_redirects(
    server: LoopbackServer, loopback_policy: FetchPolicy
) -> None:
    document = fetch_url(server.url("/chain?n=3"), policy=loopback_policy)
    assert document.final_url == server.url("/chain?n=0")
    assert document.redirects == (
        server.url("/chain?n=3"),
        server.url("/chain?n=2"),
        server.url("/chain?n=1"),
    )
    assert document.body == ARTICLE_HTML


def test_it_follows_five_redirects(server: LoopbackServer, loopback_policy: FetchPolicy) -> None:
    assert len(fetch_url(server.url("/chain?n=5"), policy=loopback_policy).redirects) == 5


def test_it_refuses_a_sixth_redirect(server: LoopbackServer, loopback_policy: FetchPolicy) -> None:
    with pytest.raises(FetchRefused) as refused:
        fetch_url(server.url("/chain?n=6"), policy=loopback_policy)
    assert refused.value.reason == "too many redirects (more than 5)"
    assert len(server.requests) == 6


def test_it_refuses_a_redirect_without_a_location(
    server: LoopbackServer, loopback_policy: FetchPolicy
) -> None:
    with pytest.raises(FetchRefused, match="redirect without saying where"):
        fetch_url(server.url("/redirect-nowhere"), policy=loopback_policy)


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://loopback.test:{port}/article", "loopback"),
        ("http://127.0.0.2:{port}/article", "loopback"),
        ("http://localhost.test:{port}/article", "loopback"),
        ("http://[::1]:{port}/article", "IPv6"),
        ("http://2130706433:{port}/article", "unusual number"),
        ("http://metadata.test/latest/meta-data/", "link-local or cloud metadata"),
        ("http://169.254.169.254/latest/meta-data/", "link-local or cloud metadata"),
        ("http://intranet.test/", "private network"),
        ("http://public.test@127.0.0.2:{port}/", "user@host"),
        ("file:///etc/passwd", "only http and https"),
        ("http://public.test:25/", "only ports"),
    ],
)
def test_it_refuses_a_redirect_to_loopback_or_another_private_address(
    target: str,
    reason: str,
    server: LoopbackServer,
    public_policy: FetchPolicy,
    resolver: FakeResolver,
    network_guard: NetworkGuard,
) -> None:
    resolver.add("public.test", ["127.0.0.1"])
    resolver.add("loopback.test", ["127.0.0.2"])
    resolver.add("localhost.test", ["::1"])
    resolver.add("metadata.test", ["169.254.169.254"])
    resolver.add("intranet.test", ["10.20.30.40"])
    location = target.format(port=server.port)
    start = server.url("/redirect-to", host="public.test")
    with pytest.raises(FetchRefused, match=reason):
        fetch_url(f"{start}?url={location}", policy=public_policy)
    # The first hop went to the allowed test address; nothing else was ever connected to.
    assert network_guard.connections == [("127.0.0.1", server.port)]


def test_the_production_policy_refuses_the_loopback_test_server(
    server: LoopbackServer, network_guard: NetworkGuard
) -> None:
    policy = FetchPolicy(allowed_ports=frozenset({server.port}))
    with pytest.raises(FetchRefused) as refused:
        fetch_url(server.url("/article"), policy=policy)
    assert refused.value.reason == "the address points back at this server (loopback)"
    assert network_guard.connections == []
    assert server.requests == []


# --- DNS rebinding ---------------------------------------------------------------------------


def test_a_dns_answer_that_changes_between_lookups_never_reaches_loopback(
    server: LoopbackServer,
    public_policy: FetchPolicy,
    resolver: FakeResolver,
    network_guard: NetworkGuard,
) -> None:
    # First answer: the stand-in public address. Every later answer: loopback.
    resolver.add("rebind.test", ["127.0.0.1"], ["127.0.0.2"])
    document = fetch_url(server.url("/article", host="rebind.test"), policy=public_policy)
    assert document.body == ARTICLE_HTML
    assert resolver.lookups == ["rebind.test"]  # looked up once, connected to that answer
    assert network_guard.connections == [("127.0.0.1", server.port)]


def test_a_rebinding_answer_on_a_redirect_hop_is_checked_again(
    server: LoopbackServer,
    public_policy: FetchPolicy,
    resolver: FakeResolver,
    network_guard: NetworkGuard,
) -> None:
    resolver.add("rebind.test", ["127.0.0.1"], ["127.0.0.2"])
    start = server.url("/redirect-to", host="rebind.test")
    again = server.url("/article", host="rebind.test")
    with pytest.raises(FetchRefused, match="loopback"):
        fetch_url(f"{start}?url={again}", policy=public_policy)
    assert resolver.lookups == ["rebind.test", "rebind.test"]
    assert network_guard.connections == [("127.0.0.1", server.port)]


def test_it_gives_up_on_a_dns_lookup_that_never_answers(
    monkeypatch: pytest.MonkeyPatch, public_policy: FetchPolicy
) -> None:
    from claims.ingest import addresses

    def hang(host: str, port: int) -> list[str]:
        time.sleep(2)
        return ["127.0.0.1"]

    monkeypatch.setattr(addresses, "resolve_host", hang)
    policy = FetchPolicy(
        allowed_addresses=public_policy.allowed_addresses,
        allowed_ports=public_policy.allowed_ports,
        total_timeout=0.3,
    )
    started = time.monotonic()
    with pytest.raises(FetchRefused, match=r"^no answer after 0.3 s$"):
        fetch_url("http://slow-dns.test/", policy=policy)
    assert time.monotonic() - started < 1


# --- size, time, type ------------------------------------------------------------------------


def test_it_refuses_a_body_over_the_limit_from_its_length(
    server: LoopbackServer, loopback_policy: FetchPolicy
) -> None:
    with pytest.raises(FetchRefused) as refused:
        fetch_url(server.url("/big"), policy=loopback_policy)
    assert refused.value.reason == "the page is larger than 64 KB"


def test_it_stops_reading_a_body_without_a_length_at_the_limit(
    server: LoopbackServer, loopback_policy: FetchPolicy
) -> None:
    with pytest.raises(FetchRefused, match=r"^the page is larger than 64 KB$"):
        fetch_url(server.url("/big-unlabelled-length"), policy=loopback_policy)


def test_it_refuses_a_compressed_body_that_expands_past_the_limit(
    server: LoopbackServer, loopback_policy: FetchPolicy
) -> None:
    with pytest.raises(FetchRefused, match=r"^the page is larger than 64 KB$"):
        fetch_url(server.url("/gzip-bomb"), policy=loopback_policy)


def test_the_default_limit_reads_as_ten_megabytes() -> None:
    from claims.ingest.fetch import _too_large

    assert _too_large(FetchPolicy()).reason == "the page is larger than 10 MB"


def test_it_refuses_an_unknown_compression(
    server: LoopbackServer, loopback_policy: FetchPolicy
) -> None:
    with pytest.raises(FetchRefused, match=r"compressed the page in a way we cannot read \(br\)"):
        fetch_url(server.url("/brotli"), policy=loopback_policy)


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_it_gives_up_on_a_server_that_drips_bytes(
    path: str, server: LoopbackServer, loopback_policy: FetchPolicy
) -> None:
    policy = FetchPolicy(
        allow_loopback=True, allowed_ports=loopback_policy.allowed_ports, total_timeout=0.5
    )
    started = time.monotonic()
    with pytest.raises(FetchRefused) as refused:
        fetch_url(server.url(path), policy=policy)
    assert refused.value.reason == "no answer after 0.5 s"
    assert time.monotonic() - started < 1.5


def test_the_default_timeout_reads_as_twenty_seconds() -> None:
    from claims.ingest.fetch import _timeout_reason

    assert _timeout_reason(FetchPolicy()) == "no answer after 20 s"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/zip-as-html", "the server sent a zip archive, not a web page, text or PDF"),
        ("/png-as-html", "the server sent a PNG image, not a web page, text or PDF"),
        ("/png", "the server sent an image, not a web page, text or PDF"),
        ("/zip", "the server sent a zip archive, not a web page, text or PDF"),
        ("/nul-as-text", "the server sent binary data, not a web page, text or PDF"),
        ("/fake-pdf", "the server said it sent a PDF, but it is not one"),
        ("/empty-body", "the page is empty"),
        ("/gone", "the server answered 410 Gone"),
        ("/missing", "the server answered 404 Not Found"),
    ],
)
def test_it_refuses_what_is_not_a_report(
    path: str, reason: str, server: LoopbackServer, loopback_policy: FetchPolicy
) -> None:
    with pytest.raises(FetchRefused) as refused:
        fetch_url(server.url(path), policy=loopback_policy)
    assert refused.value.reason == reason


def test_a_refusal_is_an_ingest_error_with_a_reason() -> None:
    with pytest.raises(IngestError) as refused:
        fetch_url("ftp://public.test/")
    assert str(refused.value) == refused.value.reason


def test_it_says_when_nothing_listens(server: LoopbackServer, loopback_policy: FetchPolicy) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    policy = FetchPolicy(allow_loopback=True, allowed_ports=frozenset({free_port}))
    with pytest.raises(FetchRefused, match="refused the connection"):
        fetch_url(f"http://127.0.0.1:{free_port}/", policy=policy)


# --- what comes out of hostile and broken pages ----------------------------------------------


def test_invalid_utf8_is_replaced_not_fatal(
    server: LoopbackServer, loopback_policy: FetchPolicy
) -> None:
    document = fetch_url(server.url("/invalid-utf8"), policy=loopback_policy)
    cleaned = clean_document(document.body, kind=document.kind, charset=document.charset)
    assert "Caf\ufffd owners in the valley sold 1,250 wheels" in cleaned.text
    assert "Exports to the north rose by a third" in cleaned.text


def test_it_decodes_a_page_in_its_declared_charset(
    server: LoopbackServer, loopback_policy: FetchPolicy
) -> None:
    document = fetch_url(server.url("/cp1252"), policy=loopback_policy)
    cleaned = clean_document(document.body, kind=document.kind, charset=document.charset)
    assert "A café crème in the old town now costs €3.40" in cleaned.text


def test_an_empty_article_is_refused(server: LoopbackServer, loopback_policy: FetchPolicy) -> None:
    document = fetch_url(server.url("/empty-article"), policy=loopback_policy)
    with pytest.raises(IngestError) as refused:
        clean_document(document.body, kind=document.kind)
    assert refused.value.reason == "no article text could be found on the page"


def test_scripts_event_handlers_and_htmx_attributes_never_reach_the_text(
    server: LoopbackServer, loopback_policy: FetchPolicy
) -> None:
    document = fetch_url(server.url("/hostile"), policy=loopback_policy)
    cleaned = clean_document(document.body, kind=document.kind, url=document.final_url)
    assert "postponed its budget vote for 14 days" in cleaned.text
    assert "2.5 million pounds for road repairs" in cleaned.text
    for payload in [
        "<",
        ">",
        "script",
        "alert",
        "onerror",
        "onload",
        "onmouseover",
        "hx-",
        "javascript",
        "cookie",
        "evil.example",
        "injected paragraph",
        "delete",
    ]:
        assert payload not in cleaned.text
        assert payload not in (cleaned.title or "")
