"""Fact-sheet exports are written for readers: words, not codes; evidence cited with its
report, outlet and date in every format; audit details in a colophon at the end."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from claims import exports, services
from claims.exports.content import load_content, present
from claims.tests.factsheet_desk import desk_sheet

pytestmark = pytest.mark.django_db

CODES = ("Qualifier:", "(=)", "(~)", "(>)", "km2", " · area", " · count", "rate · ", "· USD")


@pytest.fixture
def published(reporter: Any, editor: Any, source: Any, settings: Any) -> dict[str, Any]:
    settings.DESK_PUBLIC_URL = "https://desk.example/"
    desk = desk_sheet(reporter, editor, source)
    version = services.factsheet_publish(sheet=desk["sheet"], by=editor)
    return {**desk, "version": version, "content": load_content(version)}


def text_of(fmt: str, content: dict[str, Any]) -> str:
    body = exports.render(content, fmt)
    if fmt == "pdf":
        reader = PdfReader(io.BytesIO(body))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    if fmt == "html":
        return re.sub(r"<[^>]+>", " ", body.decode())
    return body.decode()


def test_html_and_markdown_show_no_internal_codes(published: dict[str, Any]) -> None:
    for fmt in ("html", "md"):
        body = text_of(fmt, published["content"])
        if fmt == "html":
            body = body[body.index("<article") if "<article" in body else 0 :]
        for code in CODES:
            assert code not in body.split("@media print")[-1], (fmt, code)


def test_the_audit_hash_moves_from_the_header_to_a_colophon(published: dict[str, Any]) -> None:
    head = published["version"].chain_head
    for fmt in ("html", "md", "pdf"):
        body = " ".join(text_of(fmt, published["content"]).split())
        first_claim = body.index(published["claims"][0].statement[:30])
        assert head not in body[:first_claim], fmt
        end = body[body.rindex("Sources") if fmt != "md" else 0 :]
        assert head[:40] in end.replace(" ", ""), fmt


def test_evidence_is_cited_with_report_outlet_and_date_in_every_format(
    published: dict[str, Any],
) -> None:
    content = published["content"]
    # Claim 2 is contradicted by claim 3, which first appeared in the hostile report
    # (outlet "@Evil =Outlet", 6 Nov 2024); claim 1 is supported by a passage of it.
    for fmt in ("html", "md", "pdf"):
        body = " ".join(text_of(fmt, content).split())
        assert "Contradicted by" in body and "Supported by" in body, fmt
        evidence = body[body.index("Contradicted by") :][:600]
        assert "Evil" in evidence and "6 Nov 2024" in evidence, (fmt, evidence)
    rows = list(csv.DictReader(io.StringIO(text_of("csv", content))))
    assert "Evil =Outlet, 2024-11-06" in rows[1]["evidence"]
    assert "Evil =Outlet, 2024-11-06" in rows[0]["evidence"]
    data = json.loads(text_of("json", content))
    sources = {s["ref"]: s for s in data["sources"]}
    cited = data["sections"][1]["entries"][0]["evidence"][0]
    assert cited["claim"] is not None and sources[cited["source_ref"]]["outlet"] == "@Evil =Outlet"
    assert sources[cited["source_ref"]]["published_at"].startswith("2024-11-06")
    review = json.loads(text_of("claimreview", content))
    disputed = next(r for r in review["@graph"] if r["reviewRating"]["alternateName"] == "Disputed")
    (citation,) = disputed["citation"]
    assert citation["publisher"]["name"] == "@Evil =Outlet"
    assert citation["datePublished"] == "2024-11-06"


def test_claimreview_has_one_item_per_reviewed_claim_with_the_public_url(
    published: dict[str, Any],
) -> None:
    review = json.loads(text_of("claimreview", published["content"]))
    graph = review["@graph"]
    # Claims 1 (confirmed) and 2 (disputed) were reviewed; claim 3 is unverified.
    assert [r["claimReviewed"] for r in graph] == [c.statement for c in published["claims"][:2]]
    version = published["version"]
    assert graph[0]["url"] == (
        f"https://desk.example/factsheets/{version.sheet_id}/versions/{version.number}/"
        f"#fs-claim-{published['claims'][0].pk}"
    )
    assert {r["reviewRating"]["bestRating"] for r in graph} == {5}
    assert {r["reviewRating"]["worstRating"] for r in graph} == {1}


def test_context_never_repeats_a_word_and_figures_are_not_over_escaped(
    published: dict[str, Any],
) -> None:
    content = copy.deepcopy(published["content"])
    entry = content["sections"][0]["entries"][0]
    entry["subject"], entry["as_of"], entry["place"] = "February", "February", ""
    entry["quantity"].update(
        value="0.25", low=None, high=None, qualifier="=", dimension="ratio", unit="", unit_name=""
    )
    entry["quantity"]["text"] = "0.25 to 1"
    other = content["sections"][1]["entries"][0]
    other["quantity"].update(
        value="210", qualifier="=", currency="USD", unit="", unit_name="dollar", per="tonne"
    )
    other["quantity"]["text"] = "US$210 per tonne"
    doc = present(content)
    assert doc["sections"][0]["entries"][0]["context"] == "February"
    markdown = exports.render(content, "md").decode()
    assert "0.25 to 1" in markdown and "0\\.25" not in markdown
    assert "US$210 per tonne" in markdown and "\\$" not in markdown
    html = exports.render(content, "html").decode()
    assert "February · February" not in html


def test_an_unverified_claim_reads_at_full_contrast(published: dict[str, Any]) -> None:
    css = exports.render(published["content"], "html").decode()
    assert ".factsheet .fs-claim { color: #111; }" in css
    assert "verdict-unverified" in css


def test_publishing_warns_of_unverified_and_disputed_claims_by_number(
    client: Any, editor: Any, reporter: Any, source: Any
) -> None:
    desk = desk_sheet(reporter, editor, source)
    a, b, c = desk["claims"]
    client.force_login(editor)
    page = client.get(reverse("claims:factsheet", args=[desk["sheet"].pk])).content.decode()
    warning = page[page.index('id="fs-publish-warnings"') :].split("</div>")[0]
    words = " ".join(re.sub(r"<[^>]+>", "", warning).split())
    assert f"Claim {c.pk} is unverified." in words
    assert f"Claim {b.pk} is disputed." in words
    assert f"Claim {a.pk}" not in words
    assert f'href="{reverse("claims:detail", args=[c.pk])}"' in warning
