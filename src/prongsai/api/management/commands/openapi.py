"""`prongsai openapi`: print the API's OpenAPI document (JSON, indent 2, Thai as written)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand
from ninja.responses import NinjaJSONEncoder


def openapi_json() -> str:
    from prongsai.api.urls import api

    return json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder, indent=2, ensure_ascii=False)


class Command(BaseCommand):
    help = "Print the OpenAPI document of /api (the same as /api/openapi.json)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(openapi_json())
