from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "prongsai.oversight"
    label = "oversight"
    verbose_name = "Oversight"
    default_auto_field = "django.db.models.BigAutoField"
