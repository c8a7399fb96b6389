"""Builders for the fact-sheet and export tests: a small desk with hostile text in it."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User

from claims import services
from claims.models import Claim, FactSheet, Source
from claims.tests.conftest import make_claim, make_source

PAYLOAD = (
    '=HYPERLINK("http://evil.invalid/?x","click") <script>alert(1)</script> '
    "[click](javascript:alert(1)) ![img](http://evil.invalid/x.png)"
)
HOSTILE_REPORT = (
    f"The report quoted {PAYLOAD} and said that 350 square kilometres changed hands. "
    "Another official said 12,000 soldiers were there.\n+cmd|' /C calc'!A0 and -2+3 too."
)


def hostile_source(by: User) -> Source:
    return make_source(
        by,
        text=HOSTILE_REPORT,
        title='Report <img src=x onerror=alert(1)> "=1+1"',
        url="javascript:alert(document.cookie)",
        outlet="@Evil =Outlet",
        published_at=datetime(2024, 11, 6, 14, 0, tzinfo=UTC),
    )


def desk_sheet(reporter: User, editor: User, source: Source) -> dict[str, Any]:
    """A sheet with two sections, three claims (one hostile), evidence and verdicts."""
    hostile = hostile_source(reporter)
    a = make_claim(reporter, source, "more than 10,000 soldiers", state="open", editor=editor)
    b = make_claim(
        reporter,
        source,
        "400 square kilometres",
        state="open",
        editor=editor,
        value=Decimal(400),
        qualifier="=",
        unit="km2",
        unit_name="square kilometre",
        dimension="area",
    )
    c = make_claim(
        reporter,
        hostile,
        "350 square kilometres",
        state="open",
        editor=editor,
        value=Decimal(350),
        qualifier="~",
        unit="km2",
        unit_name="square kilometre",
        dimension="area",
    )
    c = services.claim_edit(
        claim=c,
        by=editor,
        expected_version=c.version,
        changes={"statement": PAYLOAD + "\n=SUM(A1)", "subject": "@territory", "as_of": "-Oct"},
    )
    ev = services.evidence_link(
        claim=b, by=editor, relation="contradicts", target_claim=c, note="=lower count"
    )
    services.evidence_link(
        claim=a,
        by=editor,
        relation="corroborates",
        target_source=hostile,
        passage_start=HOSTILE_REPORT.index("12,000"),
        passage_end=HOSTILE_REPORT.index("12,000") + len("12,000 soldiers"),
    )
    b = Claim.objects.get(pk=b.pk)
    b = services.claim_set_verdict(
        claim=b,
        by=editor,
        verdict="disputed",
        reason="<b>Lower</b> [count](javascript:x)",
        expected_version=b.version,
        evidence=[ev],
    )
    a = Claim.objects.get(pk=a.pk)
    a = services.claim_set_verdict(
        claim=a, by=editor, verdict="confirmed", expected_version=a.version
    )
    sheet = services.factsheet_create(by=editor, title="Troops <script>x</script>", summary=PAYLOAD)
    troops = services.factsheet_section_add(sheet=sheet, by=editor, title="=Troops")
    land = services.factsheet_section_add(sheet=sheet, by=editor, title="Territory")
    services.factsheet_claim_add(sheet=sheet, by=editor, claim=a, section=troops, note="-note")
    services.factsheet_claim_add(sheet=sheet, by=editor, claim=b, section=land)
    services.factsheet_claim_add(
        sheet=sheet, by=editor, claim=c, section=land, note=PAYLOAD + "\n  =SUM(A1)"
    )
    return {"sheet": FactSheet.objects.get(pk=sheet.pk), "claims": [a, b, c], "hostile": hostile}


def many_claims(reporter: User, editor: User, n: int) -> list[Claim]:
    """``n`` open claims, each from its own small report."""
    out = []
    for i in range(n):
        text = f"Report {i}: officials counted {1000 + i} soldiers."
        src = make_source(reporter, text=text, title=f"Report {i}")
        out.append(make_claim(reporter, src, f"{1000 + i} soldiers", state="open", editor=editor))
    return out
