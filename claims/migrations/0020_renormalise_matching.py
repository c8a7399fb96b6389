"""Matching columns recomputed: the normaliser now reads more counted nouns by kind (troops and
peacekeepers, cows and cattle), unit names written short or plural ("km²", "inches"), money
named without a code, rate bases by kind, acronyms and the words of phrases ("United States").

Data only, no schema change: every claim's derived matching columns (``normal_fields``) are
recomputed in batches, as 0018 did. Going back leaves them as they are (still valid for the
older code, which only reads them).
"""

from django.db import migrations


def renormalise(apps, schema_editor):
    from claims.matching.normalize import normal_fields

    Claim = apps.get_model("claims", "Claim")
    have = {f.name for f in Claim._meta.get_fields()}
    fields = [name for name in normal_fields(Claim(value=1)) if name in have]
    batch = []
    for claim in Claim.objects.order_by("pk").iterator(chunk_size=2000):
        for name, value in normal_fields(claim).items():
            if name in have:
                setattr(claim, name, value)
        batch.append(claim)
        if len(batch) >= 2000:
            Claim.objects.bulk_update(batch, fields)
            batch = []
    if batch:
        Claim.objects.bulk_update(batch, fields)


class Migration(migrations.Migration):
    dependencies = [("claims", "0019_desk_source_count")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
