from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "prongsai.deadlines"
    label = "deadlines"
    verbose_name = _("กำหนดการ")

    def ready(self) -> None:
        # The dates every organisation has: the two rounds of the fiscal year (see registry.py).
        from prongsai.deadlines import rounds  # noqa: F401
