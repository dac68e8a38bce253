from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "prongsai.complaints"
    label = "complaints"
    verbose_name = "เรื่องร้องเรียน"
