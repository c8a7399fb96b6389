"""Matching columns recomputed for the normaliser's new readings (issue 13, unseen pairs), once
for both of stop 22's changes:

- a capital named by its country ("the Spanish capital") reads as the city; more nouns count
  people (educators, instructors, immigrants, ...), and so do doses and ballots; wild animals
  count as animals; transits count ships; "earnings" is a word of its own; a few words read as
  others (a lender a bank, a jackpot the prize, a profit after tax the net one, refugees the
  displaced);
- new stems: an agent noun in -ator keeps its ending (an operator is not operating); a verb made
  of an adjective in -al keeps -ize ("hospitalized" is not the hospital); a verb form whose
  Snowball stem is a noun the lexicon counts or names as a thing keeps a verb's mark
  ("training" is no train, "terminated" no terminal); a verb done again reaches the verb
  ("rehired" is hired).

Data only, as 0018, 0020 and 0023 were: only the claims whose columns change are rewritten;
going back leaves the columns as they are.
"""

from django.db import migrations


def renormalise(apps, schema_editor):
    from claims.matching.normalize import renormalise_claims

    renormalise_claims(apps.get_model("claims", "Claim"), schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("claims", "0024_search_pending_list")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
