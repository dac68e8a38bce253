from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "prongsai.measures"
    label = "measures"

    def ready(self) -> None:
        # The plan's steps of the year's checklist (deadlines/steps.py).
        from prongsai.measures import steps  # noqa: F401
