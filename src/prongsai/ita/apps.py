from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ItaConfig(AppConfig):
    name = "prongsai.ita"
    label = "ita"
    verbose_name = _("การประเมิน ITA")

    def ready(self) -> None:
        # The measure form offers the OIT items that assess the plan's fiscal year, and the history
        # names a measure's topics; measures cannot import ita (imports run downwards), so ita hands
        # it the choices.
        from prongsai.ita.years import plan_topic_choices
        from prongsai.measures.oit_topics import set_oit_topic_choices

        set_oit_topic_choices(plan_topic_choices)
