"""Matching columns recomputed for the normaliser's new readings (issue 13, unseen pairs): a
capital named by its country ("the Spanish capital") reads as the city; more nouns count
people (educators, instructors, immigrants, ...), and so do doses and ballots (one a person);
wild animals count as animals; transits count ships; "earnings" is a word of its own; and a
few words read as others (a lender a bank, a jackpot the prize, a profit after tax the net
one, refugees the displaced). Data only, as 0018, 0020 and 0023 were; going back leaves the
columns as they are.
"""

from django.db import migrations


def renormalise(apps, schema_editor):
    from claims.matching.normalize import renormalise_claims

    renormalise_claims(apps.get_model("claims", "Claim"), schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("claims", "0023_renormalise_counted_nouns")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
