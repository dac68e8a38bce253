from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "prongsai.portal"
    label = "portal"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, post_save

        from prongsai.portal import cache, triggers

        # Every history table (and the publication log) gets its append-only triggers after each
        # migrate, so the history tables of apps migrated later are covered too (triggers.py).
        post_migrate.connect(triggers.install_after_migrate, sender=self)
        # Public pages show the organisation's name and the ITA catalogues: a change to either
        # makes the cached pages stale (cache.py).
        post_save.connect(cache.bump_on_save, sender="orgs.Organization", dispatch_uid="portal-org-saved")
        post_save.connect(cache.bump_on_save, sender="ita.Catalogue", dispatch_uid="portal-catalogue-saved")
        # The ITA checklist shows an item as "published" when its material is on the public page.
        from prongsai.ita.checklist import register_published_lookup
        from prongsai.portal.checklist import published_lookup

        register_published_lookup(published_lookup)
        # The publishing steps of the year's checklist (deadlines/steps.py).
        from prongsai.portal import steps  # noqa: F401
