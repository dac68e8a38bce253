from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "prongsai.orgs"
    label = "orgs"
