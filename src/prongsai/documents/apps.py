from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "prongsai.documents"
    label = "documents"

    def ready(self) -> None:
        # The reports' steps of the year's checklist (deadlines/steps.py).
        from prongsai.documents import steps  # noqa: F401
