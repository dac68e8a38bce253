from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "prongsai.orgs"
    label = "orgs"

    def ready(self) -> None:
        # Every app's services module registers its grants with the "ends with the membership" hook
        # (orgs/grants.py) when imported: import them all now, before any membership can end.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("services")
        from prongsai.orgs import invitations  # noqa: F401  (registers "invitations sent")
