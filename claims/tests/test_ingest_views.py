"""Bringing a report in through the browser: by URL, upload and paste (views, end to end).

Fetches go to a real threaded HTTP server on 127.0.0.1 started by the tests; the network guard
fails any test that tries to reach another address.
"""

# ruff: noqa: F401, F811 -- fixtures imported from claims.tests.ingest_desk are used as parameters

from __future__ import annotations

import time
import zlib
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.test import Client
from django.urls import reverse

from claims.models import ClaimEvent, Entity, ExtractionStatus, Mention, Source, SourceOrigin
from claims.services.ingest import raw_content_of
from claims.tests.ingest.pages import encrypt_pdf, make_pdf_bomb
from claims.tests.ingest_desk import (
    ARTICLE_HTML,
    CHANGING,
    HOSTILE_HTML,
    DeskFetch,
    desk_fetch,
    http_server,
    make_pdf,
    network_guard,
    page,
    resolver,
    server,
)

HX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}
INGEST = reverse("claims:ingest")
BY_URL = reverse("claims:ingest_url")
BY_UPLOAD = reverse("claims:ingest_upload")
BY_TEXT = reverse("claims:ingest_text")

PASTED = (
    "Bridge repairs delayed\n\n"
    "The county said repairs to the old bridge will cost 3.2 million pounds, "
    "up from 2.1 million pounds in last year's plan. About 9,000 vehicles cross it each day."
)


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


@pytest.fixture
def rita(client: Client, reporter: User) -> Client:
    return login(client, reporter)


def counts() -> tuple[int, int, int]:
    return Source.objects.count(), Entity.objects.count(), ClaimEvent.objects.count()


# --- The page ---------------------------------------------------------------------------------


def test_a_reporter_sees_the_three_ways_in(rita: Client) -> None:
    response = rita.get(INGEST)
    assert response.status_code == 200
    html = response.content.decode()
    for action in (BY_URL, BY_UPLOAD, BY_TEXT):
        assert f'action="{action}"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'accept=".html,.htm,.txt,.md,.pdf"' in html


def test_the_nav_links_to_it_for_reporters_only(
    client: Client, reporter: User, viewer: User
) -> None:
    login(client, reporter)
    assert INGEST in client.get(reverse("claims:dashboard")).content.decode()
    login(client, viewer)
    assert INGEST not in client.get(reverse("claims:dashboard")).content.decode()


@pytest.mark.parametrize("url", [INGEST])
def test_a_viewer_may_not_bring_reports_in(client: Client, viewer: User, url: str) -> None:
    login(client, viewer)
    assert client.get(url).status_code == 403
    for action in (BY_URL, BY_TEXT, BY_UPLOAD):
        response = client.post(action, {"url": "http://news.test/", "title": "x", "text": "x"})
        assert response.status_code == 403
    assert Source.objects.count() == 0


def test_a_viewer_is_refused_before_any_packet_is_sent(
    client: Client, viewer: User, desk_fetch: DeskFetch
) -> None:
    login(client, viewer)
    client.post(BY_URL, {"url": desk_fetch.url("/desk/grain"), "kind": "news"})
    assert desk_fetch.guard.connections == []


def test_it_rejects_get_on_the_actions(rita: Client) -> None:
    for action in (BY_URL, BY_TEXT, BY_UPLOAD):
        assert rita.get(action).status_code == 405


# --- By URL -----------------------------------------------------------------------------------


def test_a_url_becomes_a_source_and_the_reporter_lands_on_it(
    rita: Client, desk_fetch: DeskFetch, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = rita.post(BY_URL, {"url": desk_fetch.url("/desk/grain"), "kind": "news"})
    source = Source.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("claims:source_detail", args=[source.pk])
    assert source.title == "Grain corridor update"
    assert source.url == "http://news.test/grain"  # the page's canonical URL
    assert source.fetched_url == desk_fetch.url("/desk/grain")  # and where we read it
    assert source.origin == SourceOrigin.URL
    assert source.authors == ["Pia Lund"]
    assert source.published_at is not None and source.published_at.date().isoformat() == (
        "2024-06-02"
    )
    assert source.outlet is not None and source.outlet.name == "Valley Gazette"
    assert source.outlet.domain == "news.test"
    assert "42 ships left the harbour" in source.text
    assert source.extraction_status == ExtractionStatus.DONE
    assert Mention.objects.filter(source=source).count() >= 2
    page_html = rita.get(response["Location"]).content.decode()
    assert "Grain corridor update" in page_html
    assert "Extraction done" in page_html


def test_the_raw_html_is_kept_compressed_beside_the_text(
    rita: Client, desk_fetch: DeskFetch
) -> None:
    rita.post(BY_URL, {"url": desk_fetch.url("/article"), "kind": "news"})
    source = Source.objects.get()
    stored = bytes(source.raw_content or b"")
    assert stored != ARTICLE_HTML and zlib.decompress(stored) == ARTICLE_HTML
    assert raw_content_of(source) == ARTICLE_HTML
    assert source.raw_content_type == "text/html+zlib"
    assert "<" not in source.text


def test_with_htmx_success_redirects_the_whole_page(rita: Client, desk_fetch: DeskFetch) -> None:
    response = rita.post(BY_URL, {"url": desk_fetch.url("/desk/grain"), "kind": "news"}, **HX)
    source = Source.objects.get()
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("claims:source_detail", args=[source.pk])


def test_the_outlet_is_matched_to_an_existing_entity_by_name_or_domain(
    rita: Client, desk_fetch: DeskFetch, reporter: User
) -> None:
    from claims import services

    known = services.entity_resolve(
        name="The Valley Gazette Ltd", by=reporter, kind="outlet", domain="news.test"
    )
    rita.post(BY_URL, {"url": desk_fetch.url("/desk/grain"), "kind": "news"})
    assert Source.objects.get().outlet == known
    assert Entity.objects.count() == 1


def test_an_outlet_typed_by_the_reporter_wins(rita: Client, desk_fetch: DeskFetch) -> None:
    rita.post(
        BY_URL,
        {"url": desk_fetch.url("/desk/grain"), "kind": "statement", "outlet": "Harbour Board"},
    )
    source = Source.objects.get()
    assert source.outlet is not None and source.outlet.name == "Harbour Board"
    assert source.kind == "statement"


def test_the_same_url_twice_returns_the_existing_source(
    rita: Client, desk_fetch: DeskFetch
) -> None:
    first = rita.post(BY_URL, {"url": desk_fetch.url("/desk/grain"), "kind": "news"})
    before = counts()
    second = rita.post(BY_URL, {"url": desk_fetch.url("/desk/grain?utm=x"), "kind": "news"})
    assert second["Location"] == first["Location"]
    assert counts() == before
    page_html = rita.get(second["Location"]).content.decode()
    assert "already on the desk" in page_html


def test_a_changed_page_becomes_a_revision_and_the_page_shows_what_changed(
    rita: Client, desk_fetch: DeskFetch
) -> None:
    url = desk_fetch.url("/desk/changing")
    CHANGING["body"] = page(
        "Dam inspection",
        "Inspectors found 14 cracks in the spillway.",
        "Repairs will take six weeks.",
    )
    first = rita.post(BY_URL, {"url": url, "kind": "news"})
    CHANGING["body"] = page(
        "Dam inspection",
        "Inspectors found 4 cracks in the spillway.",
        "Repairs will take six weeks.",
        "<script>alert(1)</script> was in the page.",
    )
    second = rita.post(BY_URL, {"url": url, "kind": "news"})
    assert second["Location"] != first["Location"]
    old, new = Source.objects.order_by("revision")
    assert (old.revision, new.revision) == (1, 2)
    assert new.revision_of == old
    html = rita.get(second["Location"]).content.decode()
    assert "What changed since" in html
    assert '<del><span class="diff-label">Removed: </span>Inspectors found 14 cracks' in html
    assert '<ins><span class="diff-label">Added: </span>Inspectors found 4 cracks' in html
    assert "<script>alert" not in html
    assert "The page changed since revision 1" in html


def test_a_subdomain_cannot_pass_its_page_off_as_a_revision_of_its_parents_article(
    rita: Client, desk_fetch: DeskFetch
) -> None:
    real = rita.post(BY_URL, {"url": desk_fetch.url("/desk/real-article"), "kind": "news"})
    desk_fetch.resolver.add("attacker.news.test", ["127.0.0.1"])
    impostor_url = desk_fetch.url("/desk/impostor", host="attacker.news.test")
    fake = rita.post(BY_URL, {"url": impostor_url, "kind": "news"})
    assert fake["Location"] != real["Location"]
    original, impostor = Source.objects.order_by("pk")
    assert (original.url, original.revision) == ("http://news.test/real-article", 1)
    assert impostor.revision == 1 and impostor.revision_of is None
    assert impostor.url == impostor.fetched_url == impostor_url
    assert impostor.canonical_url == ""
    html = rita.get(fake["Location"]).content.decode()
    assert "Fetched from" in html and impostor_url in html
    assert "The page changed since revision" not in html


def test_the_report_page_shows_the_fetched_url_beside_the_canonical_one(
    rita: Client, desk_fetch: DeskFetch
) -> None:
    response = rita.post(BY_URL, {"url": desk_fetch.url("/desk/real-article"), "kind": "news"})
    html = rita.get(response["Location"]).content.decode()
    assert '<dt>Address</dt><dd><a href="http://news.test/real-article"' in html
    fetched = desk_fetch.url("/desk/real-article")
    assert f'<dt>Fetched from</dt><dd><a href="{fetched}"' in html


def test_the_same_text_at_another_address_is_not_stored_twice(
    rita: Client, desk_fetch: DeskFetch
) -> None:
    rita.post(BY_URL, {"url": desk_fetch.url("/article"), "kind": "news"})
    desk_fetch.resolver.add("mirror.test", ["127.0.0.1"])
    rita.post(BY_URL, {"url": desk_fetch.url("/html-unlabelled", host="mirror.test")})
    assert Source.objects.count() == 1


# --- Refusals, in place, with the input kept --------------------------------------------------


def test_a_refused_url_says_why_in_place_and_keeps_the_input(
    rita: Client, desk_fetch: DeskFetch
) -> None:
    desk_fetch.resolver.add("intranet.test", ["10.1.2.3"])
    data = {"url": "http://intranet.test/payroll", "kind": "statement", "outlet": "Mill Street"}
    response = rita.post(BY_URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not brought in:</strong> the address is on a private network." in html
    assert 'value="http://intranet.test/payroll"' in html
    assert 'value="Mill Street"' in html
    assert '<option value="statement" selected>' in html
    assert Source.objects.count() == 0
    assert desk_fetch.guard.connections == []


def test_with_htmx_a_refusal_swaps_only_the_message(rita: Client, desk_fetch: DeskFetch) -> None:
    response = rita.post(BY_URL, {"url": "ftp://news.test/file", "kind": "news"}, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<div id="url-messages"')
    assert "only http and https addresses can be fetched" in html
    assert "<form" not in html


def test_a_missing_field_is_named(rita: Client) -> None:
    response = rita.post(BY_TEXT, {"title": "", "text": "", "kind": "news"}, **HX)
    html = response.content.decode()
    assert "Title: This field is required." in html
    assert "Text: This field is required." in html


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/zip-as-html", "not a web page, text or PDF"),
        ("/png", "not a web page, text or PDF"),
        ("/empty-article", "no article text could be found on the page"),
        ("/big", "the page is larger than 64 KB"),
        ("/gone", "the server answered 410"),
    ],
)
def test_bad_pages_are_refused_with_their_reason_and_nothing_is_saved(
    rita: Client, desk_fetch: DeskFetch, settings: Any, path: str, reason: str
) -> None:
    settings.INGEST_MAX_BYTES = 64 * 1024
    before = counts()
    response = rita.post(BY_URL, {"url": desk_fetch.url(path), "kind": "news"}, **HX)
    assert reason in response.content.decode()
    assert counts() == before


def test_invalid_utf8_is_brought_in_with_replacement_characters(
    rita: Client, desk_fetch: DeskFetch
) -> None:
    rita.post(BY_URL, {"url": desk_fetch.url("/invalid-utf8"), "kind": "news"})
    source = Source.objects.get()
    assert "1,250 wheels of cheese" in source.text


def test_a_server_that_drips_bytes_is_given_up_on(
    rita: Client, desk_fetch: DeskFetch, settings: Any
) -> None:
    settings.INGEST_TOTAL_TIMEOUT = 0.5
    response = rita.post(BY_URL, {"url": desk_fetch.url("/drip"), "kind": "news"}, **HX)
    assert "no answer after 0.5 s" in response.content.decode()
    assert Source.objects.count() == 0


# --- Hostile HTML -----------------------------------------------------------------------------


def test_a_hostile_page_is_stored_clean_and_every_page_renders_it_escaped(
    rita: Client, desk_fetch: DeskFetch, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = rita.post(BY_URL, {"url": desk_fetch.url("/hostile"), "kind": "news"})
    source = Source.objects.get()
    for payload in ("<", "script", "onerror", "onload", "hx-", "javascript", "alert"):
        assert payload not in source.text
        assert payload not in source.title
    # The raw HTML is kept as evidence, but only ever as compressed bytes.
    assert b"<script>" in (raw_content_of(source) or b"")
    pages = [
        response["Location"],
        reverse("claims:source_list"),
        reverse("claims:list") + f"?source={source.pk}",
    ]
    pages += [reverse("claims:detail", args=[m.claim_id]) for m in source.mentions.all()[:3]]
    for url in pages:
        html = rita.get(url).content.decode()
        assert "alert(" not in html
        assert "onerror" not in html
        assert "javascript:" not in html


def test_pasted_markup_is_rendered_escaped(rita: Client) -> None:
    text = 'The <b onmouseover="alert(1)">mayor</b> said 40 buses <script>x()</script> run daily.'
    response = rita.post(BY_TEXT, {"title": "<i>Buses</i>", "text": text, "kind": "news"})
    html = rita.get(response["Location"]).content.decode()
    assert "&lt;script&gt;x()&lt;/script&gt;" in html
    assert "<script>x()" not in html
    assert "&lt;i&gt;Buses&lt;/i&gt;" in html


# --- By upload --------------------------------------------------------------------------------


UPLOADS = [
    ("grain.html", page("Silo report", "The silo holds 12,000 tonnes of barley."), "12,000 tonnes"),
    ("notes.htm", page("Silo notes", "Farmers delivered 800 tonnes of oats."), "800 tonnes"),
    ("count.txt", b"Ferry count\n\nThe ferry carried 5,400 passengers.\n", "5,400 passengers"),
    ("brief.md", b"# Brief\n\nThe fund paid out **2.4 million euros**.\n", "2.4 million euros"),
    ("fares.pdf", make_pdf(["Ferry fares rose 12 percent in April."]), "12 percent"),
]


@pytest.mark.parametrize(("name", "body", "expected"), UPLOADS)
def test_each_kind_of_file_can_be_uploaded(
    rita: Client, name: str, body: bytes, expected: str
) -> None:
    upload = SimpleUploadedFile(name, body)
    response = rita.post(
        BY_UPLOAD,
        {"file": upload, "kind": "news", "outlet": "County Desk", "author": "A. Reed; B. Cole"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    source = Source.objects.get()
    assert expected in source.text
    assert source.origin == SourceOrigin.UPLOAD
    assert source.outlet is not None and source.outlet.name == "County Desk"
    assert source.authors == ["A. Reed", "B. Cole"]
    assert raw_content_of(source) == body


def test_an_uploaded_file_with_a_wrong_extension_is_refused_and_the_fields_kept(
    rita: Client,
) -> None:
    upload = SimpleUploadedFile("report.exe", b"MZ\x00\x00binary")
    response = rita.post(BY_UPLOAD, {"file": upload, "kind": "news", "title": "My title"})
    html = response.content.decode()
    assert "only .html, .htm, .txt, .md and .pdf files can be uploaded" in html
    assert 'value="My title"' in html
    assert Source.objects.count() == 0


def test_an_image_named_html_is_refused(rita: Client) -> None:
    upload = SimpleUploadedFile("photo.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    response = rita.post(BY_UPLOAD, {"file": upload, "kind": "news"}, **HX)
    assert "the file is a PNG image, not HTML, text or PDF" in response.content.decode()
    assert Source.objects.count() == 0


def test_a_pdf_decompression_bomb_is_answered_too_complex_within_ten_seconds(
    rita: Client,
) -> None:
    upload = SimpleUploadedFile("dues.pdf", make_pdf_bomb())
    before = counts()
    started = time.monotonic()
    response = rita.post(BY_UPLOAD, {"file": upload, "kind": "news", "title": "Dues"}, **HX)
    assert time.monotonic() - started < 10
    assert response.status_code == 200
    assert "this PDF is too complex to read" in response.content.decode()
    assert counts() == before


def test_an_aes_256_pdf_that_opens_without_a_password_is_brought_in(rita: Client) -> None:
    body = encrypt_pdf(make_pdf(["Ferry fares rose 12 percent in April."]))
    response = rita.post(BY_UPLOAD, {"file": SimpleUploadedFile("fares.pdf", body), "kind": "news"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "12 percent" in Source.objects.get().text


def test_an_aes_256_pdf_locked_by_a_password_is_refused_in_plain_words(rita: Client) -> None:
    body = encrypt_pdf(make_pdf(["Ferry fares rose 12 percent."]), user_password="pw")
    before = counts()
    response = rita.post(
        BY_UPLOAD, {"file": SimpleUploadedFile("fares.pdf", body), "kind": "news"}, **HX
    )
    assert response.status_code == 200
    assert "the PDF is protected by a password" in response.content.decode()
    assert counts() == before


def test_a_40_mb_upload_is_refused_before_it_is_stored(
    rita: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored: list[str] = []

    def spy(cls: Any) -> None:
        original = cls.receive_data_chunk

        def receive(self: Any, raw_data: bytes, start: int) -> Any:
            stored.append(cls.__name__)
            return original(self, raw_data, start)

        monkeypatch.setattr(cls, "receive_data_chunk", receive)

    spy(MemoryFileUploadHandler)
    spy(TemporaryFileUploadHandler)
    upload = SimpleUploadedFile("huge.txt", b"words " * (40 * 1024 * 1024 // 6))
    response = rita.post(
        BY_UPLOAD, {"title": "Big one", "outlet": "Kept Outlet", "kind": "news", "file": upload}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "40.0 MB; the limit is 10 MB." in html
    assert 'value="Big one"' in html and 'value="Kept Outlet"' in html
    assert stored == []
    assert Source.objects.count() == 0


def test_a_body_far_beyond_the_limit_is_refused_without_reading_it(
    rita: Client, settings: Any
) -> None:
    settings.INGEST_MAX_BYTES = 1024
    upload = SimpleUploadedFile("big.txt", b"x" * (4 * 1024 * 1024))
    response = rita.post(BY_UPLOAD, {"file": upload, "kind": "news"}, **HX)
    assert "the upload is 4.0 MB; the limit is 1 KB" in response.content.decode()
    assert Source.objects.count() == 0


def test_a_file_just_over_the_limit_is_refused_while_streaming(rita: Client, settings: Any) -> None:
    settings.INGEST_MAX_BYTES = 100_000
    upload = SimpleUploadedFile("over.txt", b"y " * 60_000)
    response = rita.post(BY_UPLOAD, {"title": "Kept", "kind": "news", "file": upload})
    html = response.content.decode()
    assert "the file is larger than the limit of" in html or "the file is 0.1 MB" in html
    assert 'value="Kept"' in html
    assert Source.objects.count() == 0


# --- By paste ---------------------------------------------------------------------------------


def test_pasted_text_becomes_a_source_with_its_fields(
    rita: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = rita.post(
            BY_TEXT,
            {
                "title": "Bridge repairs delayed",
                "outlet": "County Post",
                "author": "Lee Marsh",
                "published": "2024-05-30",
                "kind": "news",
                "text": PASTED.replace("\n", "\r\n"),
            },
        )
    source = Source.objects.get()
    assert response["Location"] == reverse("claims:source_detail", args=[source.pk])
    assert source.text == PASTED
    assert source.outlet is not None and source.outlet.name == "County Post"
    assert source.authors == ["Lee Marsh"]
    assert source.published_at is not None and source.published_at.date().isoformat() == (
        "2024-05-30"
    )
    assert source.origin == SourceOrigin.PASTE
    assert source.extraction_status == ExtractionStatus.DONE


def test_the_same_text_pasted_twice_returns_the_existing_source(rita: Client) -> None:
    first = rita.post(BY_TEXT, {"title": "One", "text": PASTED, "kind": "news"})
    before = counts()
    second = rita.post(BY_TEXT, {"title": "Two", "text": f"\n{PASTED}\n\n", "kind": "news"})
    assert second["Location"] == first["Location"]
    assert counts() == before


def test_an_empty_paste_is_refused_and_the_fields_kept(rita: Client) -> None:
    response = rita.post(
        BY_TEXT, {"title": "Nothing", "outlet": "Kept", "text": " \n\t\u200b ", "kind": "news"}
    )
    html = response.content.decode()
    assert "the text is empty" in html
    assert 'value="Kept"' in html
    assert Source.objects.count() == 0


def test_an_over_long_paste_gets_a_clear_answer(rita: Client, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = rita.post(BY_TEXT, {"title": "Long", "text": "word " * 5000, "kind": "news"}, **HX)
    assert response.status_code == 200
    assert "upload it as a .txt file instead" in response.content.decode()


def test_nothing_is_half_saved_when_a_write_fails(
    rita: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claims import audit

    real = audit.record_event

    def fail_on_source(**kwargs: Any) -> Any:
        if kwargs.get("action") == "source.created":
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(audit, "record_event", fail_on_source)
    before = counts()
    with pytest.raises(RuntimeError):
        rita.post(BY_TEXT, {"title": "T", "outlet": "New Outlet", "text": PASTED, "kind": "news"})
    assert counts() == before  # no source, no outlet entity, no event


def test_the_csrf_check_still_guards_the_upload_and_paste_forms(reporter: User) -> None:
    client = Client(enforce_csrf_checks=True)
    login(client, reporter)
    upload = SimpleUploadedFile("a.txt", b"The town has 3 bakeries.")
    assert client.post(BY_UPLOAD, {"file": upload, "kind": "news"}).status_code == 403
    assert client.post(BY_TEXT, {"title": "t", "text": "x", "kind": "news"}).status_code == 403
    assert Source.objects.count() == 0
