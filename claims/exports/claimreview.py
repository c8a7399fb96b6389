"""schema.org ClaimReview (JSON-LD) for the claims on the sheet that carry a verdict.

One ``ClaimReview`` per reviewed claim, in a ``@graph``: ``claimReviewed`` is the statement,
``itemReviewed`` a ``Claim`` whose ``author`` is the first named speaker and whose
``appearance``/``firstAppearance`` are the reports it appears in (earliest first),
``reviewRating`` carries the verdict's label as ``alternateName`` on a 1-5 scale (5 =
confirmed, 3 = unverifiable, 2 = misleading, 1 = disputed), ``author`` is the desk's
organisation. ``datePublished`` is the version's publication date (the verdict's date for a
draft); ``url`` points at the published version when the desk has a public address
(``DESK_PUBLIC_URL``). Claims without a verdict are left out: there is no review to publish.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from claims.exports.content import date_text, figure_line, iter_entries, sources_by_ref
from claims.exports.json import dumps

RATINGS = {"confirmed": 5, "unverifiable": 3, "misleading": 2, "disputed": 1}
BEST, WORST = 5, 1


def _party(entity: Mapping[str, Any]) -> dict[str, Any]:
    kind = "Person" if entity.get("kind") == "person" else "Organization"
    return {"@type": kind, "name": entity["name"]}


def _appearance(source: Mapping[str, Any]) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": source["title"]}
    if source["url"]:
        work["url"] = source["url"]
    if source["published_at"]:
        work["datePublished"] = date_text(source["published_at"])
    if source["outlet"]:
        work["publisher"] = {"@type": "Organization", "name": source["outlet"]}
    return work


def reviews(content: Mapping[str, Any]) -> list[dict[str, Any]]:
    publication = content.get("publication")
    desk = content["desk"]
    sources = sources_by_ref(content)
    organisation: dict[str, Any] = {"@type": "Organization", "name": desk["organisation"]}
    if desk.get("public_url"):
        organisation["url"] = desk["public_url"]
    out = []
    for _section, entry in iter_entries(content):
        verdict = entry["verdict"]
        if verdict["value"] not in RATINGS:
            continue
        refs: list[int] = []
        for m in entry["mentions"]:
            if m["source_ref"] not in refs:
                refs.append(m["source_ref"])
        appearances = [_appearance(sources[ref]) for ref in refs]
        # the figure as the desk reads it ("down from US$1,870 to US$1,795 per ounce")
        item: dict[str, Any] = {"@type": "Claim", "description": figure_line(entry["quantity"])}
        speaker = next((m["speaker"] for m in entry["mentions"] if m["speaker"]), None)
        if speaker:
            item["author"] = _party(speaker)
        if appearances:
            item["appearance"] = appearances
            item["firstAppearance"] = appearances[0]
            if appearances[0].get("datePublished"):
                item["datePublished"] = appearances[0]["datePublished"]
        rating: dict[str, Any] = {
            "@type": "Rating",
            "ratingValue": RATINGS[verdict["value"]],
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": verdict["label"],
        }
        if verdict["reason"]:
            rating["ratingExplanation"] = verdict["reason"]
        # The evidence the desk weighed, each with its report, outlet and date.
        citations = [
            _appearance(sources[ev["source_ref"]])
            for ev in entry["evidence"]
            if ev.get("source_ref") and ev["source_ref"] in sources
        ]
        review: dict[str, Any] = {
            "@type": "ClaimReview",
            "claimReviewed": entry["statement"],
            "itemReviewed": item,
            "reviewRating": rating,
            "author": organisation,
            "datePublished": date_text(
                publication["published_at"] if publication else verdict["decided_at"]
            ),
        }
        if citations:
            review["citation"] = citations
        if publication and desk.get("public_url"):
            review["url"] = (
                f"{desk['public_url']}/factsheets/{content['sheet']['id']}/versions/"
                f"{publication['version']}/#fs-claim-{entry['claim_id']}"
            )
        out.append(review)
    return out


def render(content: Mapping[str, Any]) -> bytes:
    return dumps({"@context": "https://schema.org", "@graph": reviews(content)}).encode("utf-8")
