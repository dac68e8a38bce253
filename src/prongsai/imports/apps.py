from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "prongsai.imports"
    label = "imports"
