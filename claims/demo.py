"""The demo desk: two reports written for Factdesk, their figures, and three demo users.

The first report carries the figures of the report that started the project (see DOMAIN.md),
in our own words. The second corroborates one figure and contradicts another. Everything is
created through the services, so the demo has a real history. Loading twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from claims import services
from claims.audit import audit_context
from claims.models import (
    Channel,
    Claim,
    ClaimState,
    Mention,
    Relation,
    Source,
    SourceKind,
    SourceOrigin,
)
from claims.permissions import Role

DEMO_USERS = (("editor", Role.EDITOR), ("reporter", Role.REPORTER), ("viewer", Role.VIEWER))

REPORT_ONE_TITLE = "Kyiv turns its surrender hotline on North Korean troops in Russia"
REPORT_ONE = """\
KYIV — A Ukrainian hotline that invites Russian troops to give themselves up has been running for more than two years, through a war that has cost tens of thousands of lives. This month it began speaking Korean.

Its new video is addressed to the more than 10,000 North Korean soldiers who, Ukrainian and Western officials say, are in Russia preparing for combat, some of them already near the Kursk front.

The video warns them against joining the hundreds of thousands of Russian soldiers killed or missing since the invasion, and promises decent treatment: the camp it shows has hot meals and beds two to a room. Reporters who toured a Ukrainian military prison in September found tighter quarters, with Russian prisoners held 10 to a small cell.

The Korea Herald reported on Sunday that South Korean intelligence had assessed that Moscow pays Pyongyang US$2,000 a month for each soldier, most of which is unlikely to reach the troops. Russia is also thought to be shipping 700,000 tons of rice to the North under the same deal.

In the Donbas, Russian units pushed forward again, taking more than 400 square kilometres in October. In some sectors they outnumber and outgun the defenders seven or eight to one.

Ukraine's president, Volodymyr Zelensky, has asked allies to respond before more troops are sent. "This is a war of two countries against one," Mr. Zelensky wrote on social media last week.
"""

REPORT_TWO_TITLE = "Map analysts put Russia's October gains lower; Pentagon confirms troop figure"
REPORT_TWO = """\
WASHINGTON — Russian forces took about 350 square kilometres of Ukrainian territory in October, according to the Frontline Mapping Group, which tracks the war from satellite images and verified videos. The group said its figure was lower than some earlier estimates because it counts only ground that both sides' footage confirms.

The U.S. Defense Department said on Monday that it estimates about 10,000 North Korean soldiers have been sent to eastern Russia for training, and that some of them have moved closer to Ukraine.
"""


@dataclass
class DemoFigure:
    key: str
    quote: str
    statement: str
    quantity: dict[str, Any]
    speaker: str = ""
    verb: str = ""
    via: str = ""
    state: str = ClaimState.CANDIDATE
    verdict: str = ""
    reason: str = ""
    evidence: list[tuple[str, str, str]] = field(default_factory=list)  # (relation, key, note)


def _q(**kwargs: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"qualifier": "=", "dimension": "count"}
    for name in ("value", "low", "high"):
        if name in kwargs:
            kwargs[name] = Decimal(str(kwargs[name]))
    base.update(kwargs)
    if "value" in base and "low" not in base:
        base["low"] = base["high"] = base["value"] if base["qualifier"] == "=" else None
        if base["qualifier"] in (">", ">="):
            base["low"], base["high"] = base["value"], None
        elif base["qualifier"] in ("<", "<="):
            base["low"], base["high"] = None, base["value"]
    return base


REPORT_ONE_FIGURES = [
    DemoFigure(
        key="soldiers",
        quote="more than 10,000 North Korean soldiers",
        statement="More than 10,000 North Korean soldiers are training in Russia.",
        quantity=_q(
            value=10000,
            qualifier=">",
            unit="soldier",
            unit_name="soldier",
            subject="North Korean soldiers training in Russia",
            as_of="November 2024",
        ),
        state=ClaimState.OPEN,
        verdict="confirmed",
        evidence=[(Relation.CORROBORATES, "pentagon", "The Pentagon's estimate matches.")],
    ),
    DemoFigure(
        key="pay",
        quote="US$2,000 a month for each soldier",
        statement="Moscow pays Pyongyang US$2,000 a month for each North Korean soldier.",
        quantity=_q(
            value=2000,
            unit="USD",
            unit_name="dollar",
            dimension="currency",
            currency="USD",
            per="month per soldier",
            subject="Russian payment to North Korea per soldier",
        ),
        speaker="South Korean intelligence",
        verb="assessed",
        via="The Korea Herald",
        state=ClaimState.OPEN,
    ),
    DemoFigure(
        key="area",
        quote="more than 400 square kilometres in October",
        statement="Russian forces gained more than 400 square kilometres in October.",
        quantity=_q(
            value=400,
            qualifier=">",
            unit="km2",
            unit_name="square kilometre",
            dimension="area",
            subject="territory gained by Russian forces",
            as_of="October 2024",
        ),
        state=ClaimState.OPEN,
        verdict="disputed",
        reason="Frontline Mapping Group counts about 350 km² of confirmed gains for October.",
        evidence=[(Relation.CONTRADICTS, "mapping", "Satellite-based count is 12.5 % lower.")],
    ),
    DemoFigure(
        key="ratio",
        quote="seven or eight to one",
        statement="In parts of the front, Russian forces outnumber and outgun Ukraine's by seven "
        "or eight to one.",
        quantity=_q(
            low=7,
            high=8,
            unit="ratio",
            unit_name="to one",
            dimension="ratio",
            subject="Russian advantage in troops and equipment",
        ),
    ),
    DemoFigure(
        key="rice",
        quote="700,000 tons of rice",
        statement="Russia is believed to be sending North Korea 700,000 tonnes of rice.",
        quantity=_q(
            value=700000,
            unit="t",
            unit_name="tonne",
            dimension="mass",
            subject="rice sent by Russia to North Korea",
        ),
    ),
    DemoFigure(
        key="lives",
        quote="tens of thousands of lives",
        statement="The war has cost tens of thousands of lives.",
        quantity=_q(
            low=10000,
            high=100000,
            qualifier="~",
            unit="life",
            unit_name="life",
            subject="lives lost in the war",
        ),
        state=ClaimState.OPEN,
        verdict="unverifiable",
        reason="No count of deaths on both sides is published; the order of magnitude is all "
        "that can be said.",
    ),
    DemoFigure(
        key="losses",
        quote="hundreds of thousands of Russian soldiers",
        statement="Hundreds of thousands of Russian soldiers have been killed or are missing.",
        quantity=_q(
            low=100000,
            high=1000000,
            qualifier="~",
            unit="soldier",
            unit_name="soldier",
            subject="Russian soldiers killed or missing",
        ),
    ),
    DemoFigure(
        key="duration",
        quote="more than two years",
        statement="The surrender hotline has run for more than two years.",
        quantity=_q(
            value=2,
            qualifier=">",
            unit="year",
            unit_name="year",
            dimension="duration",
            subject="time the hotline has run",
        ),
        state=ClaimState.REJECTED,
    ),
    DemoFigure(
        key="cell",
        quote="10 to a small cell",
        statement="Some Russian prisoners were held 10 to a small cell.",
        quantity=_q(
            value=10,
            unit="prisoner",
            unit_name="prisoner",
            per="cell",
            subject="Russian prisoners per cell",
            as_of="September 2024",
        ),
    ),
    DemoFigure(
        key="room",
        quote="two to a room",
        statement="The camp shown in the video has beds two to a room.",
        quantity=_q(
            value=2,
            unit="bed",
            unit_name="bed",
            per="room",
            subject="beds per room in the camp shown",
        ),
        state=ClaimState.REJECTED,
    ),
    DemoFigure(
        key="countries",
        quote="two countries against one",
        statement="Volodymyr Zelensky: this is a war of two countries against one.",
        quantity=_q(
            value=2,
            unit="ratio",
            unit_name="to one",
            dimension="ratio",
            subject="countries fighting Ukraine",
        ),
        speaker="Volodymyr Zelensky",
        verb="wrote",
    ),
]

REPORT_TWO_FIGURES = [
    DemoFigure(
        key="mapping",
        quote="about 350 square kilometres",
        statement="Russian forces took about 350 square kilometres in October.",
        quantity=_q(
            value=350,
            qualifier="~",
            unit="km2",
            unit_name="square kilometre",
            dimension="area",
            subject="territory gained by Russian forces",
            as_of="October 2024",
        ),
        speaker="Frontline Mapping Group",
        verb="according to",
        state=ClaimState.OPEN,
    ),
    DemoFigure(
        key="pentagon",
        quote="about 10,000 North Korean soldiers",
        statement="About 10,000 North Korean soldiers have been sent to eastern Russia.",
        quantity=_q(
            value=10000,
            qualifier="~",
            unit="soldier",
            unit_name="soldier",
            subject="North Korean soldiers sent to Russia",
        ),
        speaker="U.S. Defense Department",
        verb="estimates",
        state=ClaimState.OPEN,
    ),
]


def _ensure_users(password: str) -> dict[str, Any]:
    from claims.management.commands.create_desk_user import set_up_user

    user_model = get_user_model()
    users = {}
    for name, role in DEMO_USERS:
        user = user_model.objects.filter(username=name).first()
        if user is None or not user.check_password(password):
            set_up_user(username=name, role=role, password=password, check_password=False)
        users[name] = user_model.objects.get(username=name)
    return users


def _add_report(
    *, title: str, text: str, outlet: str, url: str, published: datetime, by: Any
) -> Source:
    return services.source_create(
        by=by,
        text=text,
        title=title,
        origin=SourceOrigin.DEMO,
        url=url,
        outlet=outlet,
        published_at=published,
        kind=SourceKind.NEWS,
        language="en",
        extract=False,
    ).source


def _add_figures(source: Source, figures: list[DemoFigure], reporter: Any) -> dict[str, Claim]:
    claims: dict[str, Claim] = {}
    for fig in figures:
        start = source.text.index(fig.quote)
        end = start + len(fig.quote)
        existing = Mention.objects.filter(source=source, start=start, end=end).first()
        if existing is not None:
            claims[fig.key] = existing.claim
            continue
        claims[fig.key] = services.claim_create(
            by=reporter,
            source=source,
            start=start,
            end=end,
            quote=fig.quote,
            statement=fig.statement,
            quantity=fig.quantity,
            speaker=fig.speaker,
            verb=fig.verb,
            via=fig.via,
            score=0.9,
        )
    return claims


def _review(figures: list[DemoFigure], claims: dict[str, Claim], editor: Any) -> None:
    for fig in figures:
        claim = Claim.objects.get(pk=claims[fig.key].pk)
        if claim.state != ClaimState.CANDIDATE or fig.state == ClaimState.CANDIDATE:
            continue  # already reviewed on an earlier run, or meant to wait for review
        if fig.state == ClaimState.OPEN:
            claim = services.claim_accept(claim=claim, by=editor, expected_version=claim.version)
        elif fig.state == ClaimState.REJECTED:
            services.claim_reject(
                claim=claim,
                by=editor,
                expected_version=claim.version,
                reason="Background detail, not a figure the desk tracks.",
            )
            continue
        evidence = [
            services.evidence_link(
                claim=claim,
                by=editor,
                relation=relation,
                target_claim=claims[target_key],
                note=note,
            )
            for relation, target_key, note in fig.evidence
        ]
        if fig.verdict:
            services.claim_set_verdict(
                claim=claim,
                by=editor,
                verdict=fig.verdict,
                reason=fig.reason,
                expected_version=claim.version,
                evidence=evidence,
            )


def load_demo(*, password: str) -> dict[str, int]:
    """Create the demo desk, or leave it as it is if it is already there."""
    with audit_context(channel=Channel.COMMAND, label="command:load_demo"), transaction.atomic():
        users = _ensure_users(password)
        reporter, editor = users["reporter"], users["editor"]
        one = _add_report(
            title=REPORT_ONE_TITLE,
            text=REPORT_ONE,
            outlet="The Northern Dispatch",
            url="https://dispatch.example/2024/11/kyiv-hotline-north-korean-troops",
            published=datetime(2024, 11, 5, 9, 30, tzinfo=UTC),
            by=reporter,
        )
        two = _add_report(
            title=REPORT_TWO_TITLE,
            text=REPORT_TWO,
            outlet="Harbour Post",
            url="https://harbourpost.example/world/october-gains-estimate",
            published=datetime(2024, 11, 6, 14, 0, tzinfo=UTC),
            by=reporter,
        )
        claims = _add_figures(two, REPORT_TWO_FIGURES, reporter)
        claims.update(_add_figures(one, REPORT_ONE_FIGURES, reporter))
        _review(REPORT_TWO_FIGURES, claims, editor)
        _review(REPORT_ONE_FIGURES, claims, editor)
        services.factsheets.factsheet_load_demo(by=editor)  # the published demo fact sheet
    return {"sources": 2, "claims": len(claims), "users": len(users)}
