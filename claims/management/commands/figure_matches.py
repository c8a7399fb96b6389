"""Print a claim's matches in other reports, best first (``--json``: one JSON array)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from claims.matching import store
from claims.models import Claim


class Command(BaseCommand):
    help = "Figures in other reports that match a claim: same, refines, conflicts, supersedes."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("claim_id", type=int)
        parser.add_argument("--json", action="store_true", help="One JSON array.")

    def handle(self, *args: Any, **options: Any) -> None:
        claim = Claim.objects.filter(pk=options["claim_id"]).first()
        if claim is None:
            raise CommandError(f"There is no claim {options['claim_id']}.")
        found = store.matches_for([claim]).get(claim.pk, [])
        if options["json"]:
            self.stdout.write(json.dumps([store.match_json(m, o) for m, o in found]))
            return
        if not found:
            self.stdout.write(f"No figure in another report matches claim {claim.pk}.")
        for match, other in found:
            self.stdout.write(
                f"{other.pk:>8}  {match.relation:<10}  {match.score:.2f}  {match.reason}"
            )
