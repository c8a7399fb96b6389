from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims desk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects the login signal that notes what a new session owes (a second factor).
        from django.db.models.signals import post_migrate

        from claims import twofactor  # noqa: F401
        from claims.matching import indexes
        from claims.search import install_after_migrate

        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="claims-search")
        post_migrate.connect(
            indexes.install_after_migrate, sender=self, dispatch_uid="claims-matching-indexes"
        )
