"""Every format, read back by a parser: complete, sourced, and inert with hostile text."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from typing import Any

import jsonschema
import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from claims import exports, services
from claims.exports import csv as csv_export
from claims.exports.content import build_content, load_content
from claims.exports.json import schema
from claims.exports.safety import csv_text, md_escape
from claims.models import Claim
from claims.tests.factsheet_desk import desk_sheet

FORMULA_START = tuple("=+-@\t\r")


@pytest.fixture
def published(reporter: Any, editor: Any, source: Any) -> dict[str, Any]:
    desk = desk_sheet(reporter, editor, source)
    version = services.factsheet_publish(sheet=desk["sheet"], by=editor)
    return {**desk, "version": version, "content": load_content(version)}


def render(published: dict[str, Any], fmt: str) -> bytes:
    return exports.render(published["content"], fmt)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(text: str) -> Tags:
    parser = Tags()
    parser.feed(text)
    return parser


def assert_inert_html(text: str) -> Tags:
    parsed = parse_html(text)
    names = {tag for tag, _attrs in parsed.tags}
    assert not names & {"script", "img", "iframe", "object", "embed"}
    for _tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs)
        href = attrs.get("href")
        if href is not None:
            assert href.startswith(("#", "https://", "http://")), href
    return parsed


# --- CSV ------------------------------------------------------------------------------------


def test_csv_has_one_row_per_claim_with_numbers_as_numbers(published):
    rows = list(csv.DictReader(io.StringIO(render(published, "csv").decode())))
    assert [int(r["claim_id"]) for r in rows] == [c.pk for c in published["claims"]]
    assert [float(r["value"]) for r in rows] == [10000, 400, 350]
    # Words for readers, the symbol beside for formulas; exact figures leave the symbol empty.
    assert rows[0]["qualifier"] == "more than" and rows[0]["qualifier_symbol"] == ">"
    assert rows[1]["qualifier"] == "exactly" and rows[1]["qualifier_symbol"] == ""
    assert rows[2]["qualifier"] == "about" and rows[2]["qualifier_symbol"] == "~"
    assert rows[0]["unit_name"] == "soldier"
    assert rows[1]["verdict"] == "disputed" and rows[1]["verdict_editor"] == "alice"
    assert rows[1]["verdict_date"] and "Lower" in rows[1]["verdict_reason"]
    assert rows[0]["speaker"] == "Officials" and rows[0]["verb"] == "said"
    assert "Camp report" in rows[0]["sources"] and "more than 10,000 soldiers" in rows[0]["sources"]
    assert "Contradicted by" in rows[1]["evidence"] and "−12.5 %" in rows[1]["evidence"]
    assert rows[0]["section"] == "'=Troops"


def test_csv_text_cells_never_start_a_formula(published):
    rows = list(csv.reader(io.StringIO(render(published, "csv").decode())))
    numeric = {csv_export.COLUMNS.index(c) for c in csv_export.NUMERIC}
    for row in rows[1:]:
        for index, cell in enumerate(row):
            if index in numeric:
                continue
            for line in re.split(r"\r\n|\r|\n", cell):
                assert not line.lstrip(" ").startswith(FORMULA_START), (index, cell)
    hostile = rows[3][csv_export.COLUMNS.index("statement")]
    assert hostile.startswith("'=HYPERLINK(")
    note = rows[3][csv_export.COLUMNS.index("note")]
    assert note.startswith("'=HYPERLINK(") and "\n'  =SUM(A1)" in note


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("  =1+1", "'  =1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("ok\n=cmd", "ok\n'=cmd"),
        ("ok\r\n  @x", "ok\r\n'  @x"),
        ("\uff1d1", "'\uff1d1"),
        ("a - b = c", "a - b = c"),
        ("", ""),
        # A ";"-separated locale splits "x;=F()" into "x" and "=F()".
        ("x;=F()", "x;'=F()"),
        ("x; +F()", "x;' +F()"),
        ("a;b", "a;b"),
        # Full-width forms, and formulas behind any Unicode space or an invisible character.
        ("\uff0b1", "'\uff0b1"),
        ("\uff0d1", "'\uff0d1"),
        ("\uff201", "'\uff201"),
        ("\u3000=1", "'\u3000=1"),
        ("\u2003\u00a0@x", "'\u2003\u00a0@x"),
        ("\u200b=1", "'\u200b=1"),
        ("\ufeff=1", "'\ufeff=1"),
        # A bidi control becomes an inert zero-width space and hides no formula.
        ("\u202e=1", "'\u200b=1"),
        ("1\u202e2", "1\u200b2"),
    ],
)
def test_csv_text_neutralises_formulas(cell, expected):
    assert csv_text(cell) == expected


# --- JSON -----------------------------------------------------------------------------------


def test_json_matches_the_schema_with_numbers_mentions_and_evidence(published):
    data = json.loads(render(published, "json"))
    jsonschema.validate(data, schema(), format_checker=jsonschema.FormatChecker())
    entries = [e for s in data["sections"] for e in s["entries"]]
    assert [e["quantity"]["value"] for e in entries] == [10000, 400, 350]
    assert entries[0]["mentions"][0]["start"] >= 0 and entries[0]["mentions"][0]["quote"]
    assert entries[1]["evidence"][0]["difference_percent"] == -12.5
    assert entries[1]["history"]["events"] >= 3
    assert data["publication"]["version"] == 1


def test_the_schema_rejects_a_document_with_strings_for_numbers(published):
    data = json.loads(render(published, "json"))
    data["sections"][0]["entries"][0]["quantity"]["value"] = "10,000"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())


def test_json_is_safe_inside_a_script_element(published):
    text = render(published, "json").decode()
    assert "<" not in text and ">" not in text
    assert json.loads(text)["sheet"]["title"] == "Troops <script>x</script>"


def test_a_draft_matches_the_schema_too(published):
    draft = build_content(published["sheet"])
    jsonschema.validate(json.loads(exports.render(draft, "json")), schema())


# --- ClaimReview ----------------------------------------------------------------------------


def test_claimreview_covers_the_claims_with_a_verdict(published, settings):
    data = json.loads(render(published, "claimreview"))
    assert data["@context"] == "https://schema.org"
    reviews = data["@graph"]
    assert [r["claimReviewed"] for r in reviews] == [
        published["claims"][0].statement,
        published["claims"][1].statement,
    ]
    confirmed, disputed = reviews
    for review in reviews:
        assert review["@type"] == "ClaimReview"
        assert review["author"] == {"@type": "Organization", "name": settings.DESK_ORGANISATION}
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["bestRating"] == 5
        assert rating["worstRating"] == 1
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"] == "Officials"
        assert item["firstAppearance"] == item["appearance"][0]
        assert item["appearance"][0]["headline"] == "Camp report"
    assert confirmed["reviewRating"]["alternateName"] == "Confirmed"
    assert confirmed["reviewRating"]["ratingValue"] == 5
    assert disputed["reviewRating"]["alternateName"] == "Disputed"
    assert "url" not in confirmed  # no public address configured


def test_claimreview_links_to_the_published_version_when_the_desk_is_public(
    reporter, editor, source, settings
):
    settings.DESK_PUBLIC_URL = "https://desk.example/"
    desk = desk_sheet(reporter, editor, source)
    version = services.factsheet_publish(sheet=desk["sheet"], by=editor)
    review = json.loads(exports.render(load_content(version), "claimreview"))["@graph"][0]
    assert review["url"] == (
        f"https://desk.example/factsheets/{desk['sheet'].pk}/versions/1/"
        f"#fs-claim-{desk['claims'][0].pk}"
    )


def test_claimreview_never_carries_a_javascript_url(published):
    text = render(published, "claimreview").decode()
    assert "javascript:" not in text.split('"claimReviewed"')[0]
    for review in json.loads(text)["@graph"]:
        for work in review["itemReviewed"]["appearance"]:
            assert work.get("url", "https://").startswith("https://")


# --- Markdown -------------------------------------------------------------------------------


def markdown_html(text: str) -> str:
    md = MarkdownIt("commonmark").use(footnote_plugin).enable(["table", "strikethrough"])
    return md.render(text)


def test_markdown_carries_every_claim_with_footnotes(published):
    text = render(published, "md").decode()
    html = markdown_html(text)
    parsed = parse_html(html)
    body = "".join(parsed.text)
    for claim in published["claims"][:2]:
        assert claim.statement in body
    assert "[^1]:" in text and "[^2]:" in text
    assert 'class="footnote-ref"' in html
    assert "Officials said" in body and "Camp report" in body
    assert "Disputed" in body and "−12.5 %" in body


def test_markdown_payloads_render_as_text(published):
    html = markdown_html(render(published, "md").decode())
    parsed = assert_inert_html(html)
    body = "".join(parsed.text)
    assert "<script>alert(1)</script>" in body
    assert "[click](javascript:alert(1))" in body
    assert "![img](http://evil.invalid/x.png)" in body


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "![i](http://evil.invalid/i.png)",
        "<img src=x onerror=alert(1)>",
        "<https://evil.invalid>",
        "# heading",
        "- item",
        "1. item",
        "*em* __strong__ `code`",
        "a | b",
        "[^1]",
    ],
)
def test_markdown_escape_leaves_plain_text(text):
    html = markdown_html(f"Before {md_escape(text)} after\n\n{md_escape(text)}")
    parsed = parse_html(html)
    assert {tag for tag, _a in parsed.tags} <= {"p"}
    assert text in "".join(parsed.text)


# --- HTML -----------------------------------------------------------------------------------


def test_html_holds_every_claim_and_every_source(published):
    parsed = assert_inert_html(render(published, "html").decode())
    body = " ".join("".join(parsed.text).split())
    for claim in published["claims"][:2]:
        assert claim.statement in body
    assert "Troops <script>x</script>" in body
    assert "Camp report" in body and "Disputed" in body and "Officials said" in body
    assert "more than 10,000 soldiers" in body and "−12.5 %" in body
    assert "Version 1, published" in body
    ids = [attrs.get("id") for _t, attrs in parsed.tags]
    assert "source-1" in ids and "source-2" in ids


def test_html_has_a_print_stylesheet(published):
    text = render(published, "html").decode()
    assert "@media print" in text and "@page" in text


# --- Reproducibility ------------------------------------------------------------------------


def test_a_published_version_regenerates_byte_identical_after_its_claims_change(published, editor):
    before = {fmt: render(published, fmt) for fmt in exports.FORMATS if fmt != "pdf"}
    claim = Claim.objects.get(pk=published["claims"][0].pk)
    services.claim_edit(
        claim=claim, by=editor, expected_version=claim.version, changes={"statement": "Changed"}
    )
    services.factsheet_entry_note(
        entry=published["sheet"].entries.get(claim=claim), by=editor, note="changed"
    )
    version = type(published["version"]).objects.get(pk=published["version"].pk)
    again = {fmt: exports.render(load_content(version), fmt) for fmt in before}
    assert again == before
    assert b"Changed" not in again["csv"]


def test_the_draft_shows_the_change_that_the_version_does_not(published, editor):
    claim = Claim.objects.get(pk=published["claims"][0].pk)
    services.claim_edit(
        claim=claim, by=editor, expected_version=claim.version, changes={"statement": "Changed"}
    )
    assert b"Changed" in exports.render(build_content(published["sheet"]), "csv")


def test_footnote_numbers_follow_the_order_of_first_citation(published):
    sources = published["content"]["sources"]
    assert [s["title"] for s in sources] == ["Camp report", published["hostile"].title]
    assert sources[1]["url"] == ""  # the javascript: URL was dropped


def test_a_short_cell_that_repeats_is_neutralised_in_every_row() -> None:
    rows = [{"statement": "=1+1", "subject": f"row {n}"} for n in range(3)]
    text = "".join(csv_export.write_rows(rows, ["statement", "subject"]))
    read = list(csv.reader(io.StringIO(text)))
    assert [r[0] for r in read[1:]] == ["'=1+1"] * 3
