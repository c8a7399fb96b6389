"""Matching columns recomputed: the normaliser now reads more counted nouns by kind (troops and
peacekeepers, cows and cattle), unit names written short or plural ("km²", "inches"), money
named without a code, rate bases by kind, acronyms and the words of phrases ("United States").

Data only, no schema change: every claim's derived matching columns (``normal_fields``) are
recomputed in batches, as 0018 did. Going back leaves them as they are (still valid for the
older code, which only reads them).
"""

from django.db import migrations


def renormalise(apps, schema_editor):
    from claims.matching.normalize import renormalise_claims

    renormalise_claims(apps.get_model("claims", "Claim"), schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("claims", "0019_desk_source_count")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
