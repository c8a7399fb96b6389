# Reserved for the audit issue: PostgreSQL triggers that make the history tables append-only.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_role_groups")]

    operations: list = []
