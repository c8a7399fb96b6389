"""Matching columns recomputed for the normaliser's new readings: a counted noun the lexicon
gives no kind ("arrivals", "transits", "educators") is no longer a kind of its own
(``count:arrival``) but a count any other count compares with (``count:``; the engine asks
that such a noun be found beside the other figure); cases of a disease count people; and a
few words read as others ("exit poll" a forecast, "completed" finished, "military" defence).
Data only, as 0018 and 0020 were; going back leaves the columns as they are.
"""

from django.db import migrations


def renormalise(apps, schema_editor):
    from claims.matching.normalize import renormalise_claims

    renormalise_claims(apps.get_model("claims", "Claim"), schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("claims", "0022_fewer_claim_indexes")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
