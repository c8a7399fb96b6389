"""The XSS corpus: every payload through every stored field, shown and exported as inert text.

Each payload in ``data/xss_payloads.json`` goes in through the web forms a person uses: a
report's title, text, outlet and authors; a claim's statement, subject, unit, rate basis,
place, time and quote; the speaker's name; a verdict's reason; an evidence link's note; a
fact sheet's title, summary, section and note; and the name of the editor who decides. Then
every page that shows them (as an editor and as a viewer, full pages and htmx fragments) and
every export (the fact sheet in each format, the claims list, the audit log) is read back.

A payload is inert when no page gains an element, an event handler, a script or a link from
it (checked on the parsed HTML, not by string matching alone), no Markdown gains a link, no
CSV cell starts a formula, and JSON keeps it as data. Every request must succeed without a
server error, and what is stored is exactly what was typed (less bidi controls and runs of
white space): nothing is half written or silently changed.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from claims import exports
from claims.bidi import neutralise_bidi, strip_bidi
from claims.exports.content import load_content
from claims.models import (
    Claim,
    ClaimEvent,
    FactSheet,
    FactSheetEntry,
    FactSheetSection,
    FactSheetVersion,
    Source,
)
from claims.permissions import Role
from claims.tests.conftest import make_user

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data" / "xss_payloads.json"
PAYLOADS: list[str] = json.loads(DATA.read_text(encoding="utf-8"))["payloads"]
CSRF_HEADER = re.compile(r'\{"x-csrftoken": "[A-Za-z0-9]+"\}')
MARKERS = re.compile(r"xss\d+|alert\(|evil\.invalid|javascript:", re.IGNORECASE)
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "srcdoc",
    "poster",
    "background",
    "style",
    "xlink:href",
}
BANNED_TAGS = {"iframe", "object", "embed", "base", "svg", "math", "frame", "frameset", "applet"}


def test_the_corpus_holds_at_least_thirty_payloads() -> None:
    assert len(PAYLOADS) >= 30
    assert len(set(PAYLOADS)) == len(PAYLOADS)


# --- What "inert" means, per format -------------------------------------------------------


class _Inspector(HTMLParser):
    """Collects what a page would run or load: elements, handlers, URLs, script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BANNED_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            text = value or ""
            compact = re.sub(r"[\s\x00-\x1f]", "", text)
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> handler")
            if name == "hx-headers" and CSRF_HEADER.fullmatch(text):
                continue  # the desk's own CSRF header: a random token may spell "xss1"
            if (name in URL_ATTRIBUTES or name.startswith("hx-")) and _dangerous(name, compact):
                self.problems.append(f"<{tag} {name}={text[:60]!r}>")
            if MARKERS.search(name):
                self.problems.append(f"<{tag}> attribute named {name!r}")
        if tag == "meta" and any(n == "http-equiv" for n, _v in attrs):
            self.problems.append("<meta http-equiv>")
        if tag == "script":
            self.in_script = True
            src = dict(attrs).get("src") or ""
            if not src.startswith("/static/"):
                self.problems.append(f"<script src={src!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and MARKERS.search(data):
            self.problems.append(f"script body {data[:60]!r}")


def _dangerous(name: str, value: str) -> bool:
    """A URL (or style) attribute a payload took over: a script or data scheme, an outside
    host, or a payload in the address itself. A payload inside the query string of one of our
    own links (a search term carried over) is only data, percent-encoded."""
    if name in {"style", "srcdoc"}:
        return bool(MARKERS.search(value))
    lowered = value.lower()
    if lowered == "data:,":  # the desk's own empty favicon
        return False
    if lowered.startswith(("javascript:", "data:", "vbscript:")):
        return True
    parts = urlsplit(value)
    return bool(parts.netloc and "evil.invalid" in parts.netloc.lower()) or bool(
        MARKERS.search(parts.scheme + parts.netloc + parts.path)
    )


def assert_inert_html(html: str, where: str) -> None:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    assert not inspector.problems, (where, inspector.problems[:5])
    for payload in PAYLOADS:
        typed = strip_bidi(payload)
        if any(ch in typed for ch in "<>\"'&"):
            assert typed not in html and payload not in html, (where, payload)


def assert_inert_markdown(text: str, where: str) -> None:
    # A link needs an unescaped "](": md_escape writes "\\]" so no payload makes one.
    assert not re.search(r"(?<!\\)\]\(", text), where
    for payload in PAYLOADS:
        typed = strip_bidi(payload)
        if any(mark in typed for mark in ("<", "](", "![")):
            assert typed not in text, (where, payload)
    assert "<script" not in text.lower() and "<img" not in text.lower(), where


_FORMULA = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_SKIPPED = " \u00a0\u3000\u2000\u2001\u2002\u2003\u200b\ufeff"


def assert_inert_csv(text: str, where: str, numeric: set[str]) -> None:
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows, where
    for row in rows:
        for column, cell in row.items():
            if column in numeric or not cell:
                continue
            for part in re.split(r"[\r\n;]", cell):
                assert not part.lstrip(_SKIPPED).startswith(_FORMULA), (where, column, cell)


def assert_inert_json(text: str, where: str) -> Any:
    assert "<" not in text and ">" not in text, where  # safe even inside a <script> block
    return json.loads(text)


def test_the_checks_find_what_an_unescaped_payload_would_inject() -> None:
    """The checks above can fail: raw payloads in a page, a link in Markdown, a formula."""
    for payload in PAYLOADS:
        if "<" in payload:
            with pytest.raises(AssertionError):
                assert_inert_html(f"<p>{payload}</p>", "raw")
    for sneaky in (
        '<a href=" jav&#x61;script:alert(1)">x</a>',
        "<img src=x onerror=alert(1)>",
        '<div hx-get="http://evil.invalid/">x</div>',
        "<script>alert(1)</script>",
    ):
        inspector = _Inspector()
        inspector.feed(sneaky)
        assert inspector.problems, sneaky
    assert_inert_html("<p>&lt;script&gt;alert(&#x27;xss1&#x27;)&lt;/script&gt;</p>", "escaped")
    with pytest.raises(AssertionError):
        assert_inert_markdown("[x](javascript:alert(1))", "md")
    with pytest.raises(AssertionError):
        assert_inert_csv("a,b\r\nx;=F(),1\r\n", "csv", set())


# --- Bringing every payload in through the forms ------------------------------------------


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def typed(value: str, limit: int | None = None) -> str:
    """What the desk stores for a typed value: no bidi controls, runs of space collapsed."""
    text = " ".join(strip_bidi(value).split())
    return text[:limit] if limit else text


def posted(response: Any, where: str) -> None:
    assert response.status_code in (200, 302), (where, response.status_code)
    if response.status_code == 200:
        html = response.content.decode()
        assert 'class="error"' not in html and "errorlist" not in html, (where, html[:2000])


def bring_in(
    n: int, payload: str, reporter: Client, editor: Client, previous: Claim | None
) -> dict[str, Any]:
    """One payload through every field; returns what was made."""
    count = 1000 + n
    text = f"{payload}\nOfficials said {count} soldiers arrived in the town."
    response = reporter.post(
        reverse("claims:ingest_text"),
        {"title": payload, "author": payload, "outlet": payload, "kind": "news", "text": text},
    )
    posted(response, f"paste {n}")
    source = Source.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))
    end = source.text.index(f"{count} soldiers") + len(f"{count} soldiers")
    response = reporter.post(
        reverse("claims:new_claim", args=[source.pk]),
        {
            "start": "0",
            "end": str(end),
            "quote": neutralise_bidi(source.text[:end]),  # what a browser selects on the page
            "statement": payload,
            "qualifier": "=",
            "value": str(count),
            "unit_name": payload[:100],
            "dimension": "count",
            "per": payload[:100],
            "subject": payload[:300],
            "as_of": payload[:100],
            "speaker": payload[:200],
        },
    )
    posted(response, f"new claim {n}")
    claim = Claim.objects.get(mentions__source=source)
    posted(
        editor.post(reverse("claims:accept", args=[claim.pk]), {"version": str(claim.version)}),
        f"accept {n}",
    )
    claim.refresh_from_db()
    edit = {
        "version": str(claim.version),
        "statement": payload,
        "qualifier": "=",
        "value": str(count),
        "unit_name": payload[:100],
        "dimension": "count",
        "per": payload[:100],
        "subject": payload[:300],
        "as_of": payload[:100],
        "place": payload[:200],
        "reason": payload,
    }
    posted(editor.post(reverse("claims:edit", args=[claim.pk]), edit), f"edit {n}")
    claim.refresh_from_db()
    posted(
        editor.post(
            reverse("claims:verdict", args=[claim.pk]),
            {"version": str(claim.version), "verdict": "disputed", "reason": payload},
        ),
        f"verdict {n}",
    )
    link: dict[str, str] = {"relation": "context", "note": payload}
    if previous is None:
        link["target_source"] = str(source.pk)
    else:
        link["target_claim"] = str(previous.pk)
    posted(reporter.post(reverse("claims:link_evidence", args=[claim.pk]), link), f"link {n}")

    response = editor.post(
        reverse("claims:factsheet_create"), {"title": payload[:200], "summary": payload}
    )
    posted(response, f"sheet {n}")
    sheet = FactSheet.objects.order_by("-id").first()
    assert sheet is not None
    posted(
        editor.post(reverse("claims:factsheet_add_claim", args=[claim.pk]), {"sheet": sheet.pk}),
        f"add {n}",
    )
    posted(
        editor.post(
            reverse("claims:factsheet_section_add", args=[sheet.pk]), {"title": payload[:200]}
        ),
        f"section {n}",
    )
    section = FactSheetSection.objects.get(sheet=sheet)
    posted(
        editor.post(
            reverse("claims:factsheet_entry_section", args=[sheet.pk, claim.pk]),
            {"section": section.pk},
        ),
        f"entry section {n}",
    )
    posted(
        editor.post(
            reverse("claims:factsheet_entry_note", args=[sheet.pk, claim.pk]), {"note": payload}
        ),
        f"note {n}",
    )
    posted(editor.post(reverse("claims:factsheet_publish", args=[sheet.pk])), f"publish {n}")
    return {"source": source, "claim": Claim.objects.get(pk=claim.pk), "sheet": sheet}


def as_typed(stored: str, payload: str, limit: int | None = None) -> bool:
    """Whether ``stored`` is ``payload`` as typed: trimmed, without bidi controls, and with
    runs of white space collapsed where the field does that (statements, names)."""
    value = payload[:limit] if limit else payload
    return stored in {typed(value), strip_bidi(value).strip()}


def assert_stored_as_typed(n: int, payload: str, made: dict[str, Any]) -> None:
    source, claim, sheet = made["source"], made["claim"], made["sheet"]
    checks = {
        "title": as_typed(source.title, payload),
        "outlet": source.outlet is not None and as_typed(source.outlet.name, payload, 200),
        "authors": bool(source.authors),
        "text": payload.strip() in source.text or typed(payload) in " ".join(source.text.split()),
        "statement": as_typed(claim.statement, payload),
        "subject": as_typed(claim.subject, payload, 300),
        "unit_name": as_typed(claim.unit_name, payload, 100),
        "per": as_typed(claim.per, payload, 100),
        "as_of": as_typed(claim.as_of, payload, 100),
        "place": as_typed(claim.place, payload, 200),
    }
    mention = claim.mentions.select_related("speaker").get()
    checks["quote"] = mention.quote == source.text[mention.start : mention.end]
    checks["speaker"] = mention.speaker is not None and as_typed(mention.speaker.name, payload, 200)
    verdict = claim.current_verdict
    checks["verdict"] = verdict is not None and as_typed(verdict.reason, payload)
    checks["evidence note"] = as_typed(claim.evidence.get().note, payload)
    sheet.refresh_from_db()
    checks["sheet title"] = as_typed(sheet.title, payload, 200)
    checks["sheet summary"] = as_typed(sheet.summary, payload)
    section = FactSheetSection.objects.get(sheet=sheet)
    checks["section"] = as_typed(section.title, payload, 200)
    checks["entry note"] = as_typed(FactSheetEntry.objects.get(sheet=sheet).note, payload)
    checks["published"] = FactSheetVersion.objects.filter(sheet=sheet).count() == 1
    assert all(checks.values()), (n, [name for name, ok in checks.items() if not ok])


# --- The test -------------------------------------------------------------------------------


def test_every_payload_in_every_field_ends_as_inert_text_in_every_page_and_export(
    reporter: User, viewer: User
) -> None:
    reporter_client = client_for(reporter)
    viewer_client = client_for(viewer)
    made: list[dict[str, Any]] = []
    previous: Claim | None = None
    for n, payload in enumerate(PAYLOADS):
        # The editor who decides carries the payload in their name (shown with verdicts).
        editor = make_user(f"editor{n}", Role.EDITOR)
        editor.first_name, editor.last_name = payload[:150], payload[-150:]
        editor.save()
        events = ClaimEvent.objects.count()
        item = bring_in(n, payload, reporter_client, client_for(editor), previous)
        assert ClaimEvent.objects.count() > events
        assert_stored_as_typed(n, payload, item)
        made.append(item)
        previous = item["claim"]

    editor_client = client_for(User.objects.get(username="editor0"))
    for n, item in enumerate(made):
        source, claim, sheet = item["source"], item["claim"], item["sheet"]
        event = claim.events.order_by("-id").first()
        assert event is not None
        pages = [
            reverse("claims:source_detail", args=[source.pk]),
            reverse("claims:detail", args=[claim.pk]),
            reverse("claims:as_of", args=[claim.pk, event.pk]),
            reverse("claims:factsheet_version", args=[sheet.pk, 1]),
            reverse("claims:factsheet_compare", args=[sheet.pk]),
        ]
        for client, who in ((editor_client, "editor"), (viewer_client, "viewer")):
            for url in pages:
                response = client.get(url)
                assert response.status_code == 200, (n, who, url)
                assert_inert_html(response.content.decode(), f"{who} {url} ({n})")
        builder = editor_client.get(reverse("claims:factsheet", args=[sheet.pk]))
        assert_inert_html(builder.content.decode(), f"builder ({n})")
        panel = editor_client.get(reverse("claims:detail", args=[claim.pk]), HTTP_HX_REQUEST="true")
        assert_inert_html(panel.content.decode(), f"claim panel ({n})")
        editing = editor_client.get(reverse("claims:edit", args=[claim.pk]), HTTP_HX_REQUEST="true")
        assert_inert_html(editing.content.decode(), f"edit form ({n})")

        content = load_content(FactSheetVersion.objects.get(sheet=sheet))
        assert_inert_html(exports.render(content, "html").decode(), f"html export ({n})")
        assert_inert_markdown(exports.render(content, "md").decode(), f"md export ({n})")
        assert_inert_csv(
            exports.render(content, "csv").decode(),
            f"csv export ({n})",
            {"number", "claim_id", "value", "low", "high"},
        )
        data = assert_inert_json(exports.render(content, "json").decode(), f"json ({n})")
        assert data["sheet"]["title"] == sheet.title
        entry = data["sections"][0]["entries"][0]
        assert entry["statement"] == claim.statement and as_typed(entry["note"], PAYLOADS[n])
        assert_inert_json(exports.render(content, "claimreview").decode(), f"claimreview ({n})")

    search = PAYLOADS[0]
    for client, who in ((editor_client, "editor"), (viewer_client, "viewer")):
        for url, params in (
            (reverse("claims:dashboard"), {}),
            (reverse("claims:list"), {"state": "all"}),
            (reverse("claims:list"), {"q": search, "outlet": search, "speaker": search}),
            (reverse("claims:source_list"), {"q": search}),
            (reverse("claims:factsheet_list"), {}),
        ):
            response = client.get(url, params)
            assert response.status_code == 200, (who, url)
            assert_inert_html(response.content.decode(), f"{who} {url} {params}")
    log = editor_client.get(reverse("claims:audit_log"))
    assert_inert_html(log.content.decode(), "audit log")

    for fmt in ("csv", "json"):
        response = viewer_client.get(reverse("claims:claims_export", args=[fmt]), {"state": "all"})
        body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
        if fmt == "csv":
            assert_inert_csv(body, "claims csv", {"claim_id", "value", "low", "high"})
        else:
            claims = assert_inert_json(body, "claims json")["claims"]
            assert sorted(c["statement"] for c in claims) == sorted(
                Claim.objects.values_list("statement", flat=True)
            )
            assert all(any(as_typed(c["statement"], p) for p in PAYLOADS) for c in claims)
    audit_csv = editor_client.get(reverse("claims:audit_csv"))
    numeric = {"id", "actor_id", "claim_id", "source_id", "entity_id", "claim_version"}
    assert_inert_csv(
        b"".join(audit_csv.streaming_content).decode(),  # type: ignore[attr-defined]
        "audit csv",
        numeric,
    )
    audit_json = editor_client.get(reverse("claims:audit_json"))
    events = json.loads(b"".join(audit_json.streaming_content))  # type: ignore[attr-defined]
    assert len(events["events"]) == ClaimEvent.objects.count()
