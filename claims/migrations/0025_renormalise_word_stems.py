"""Matching columns recomputed for the normaliser's new stems (issue 13, word forms): an
agent noun in -ator keeps its ending (an operator is not operating); a verb made of an
adjective in -al keeps -ize ("hospitalized" is not the hospital); a verb form whose Snowball
stem is a noun the lexicon counts or names as a thing keeps a verb's mark ("training" is no
train, "terminated" no terminal); a verb done again reaches the verb ("rehired" is hired).
Data only, as 0024 was; going back leaves the columns as they are.
"""

from django.db import migrations


def renormalise(apps, schema_editor):
    from claims.matching.normalize import renormalise_claims

    renormalise_claims(apps.get_model("claims", "Claim"), schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("claims", "0024_renormalise_unseen_pairs")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
