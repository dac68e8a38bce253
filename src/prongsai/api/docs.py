"""The interactive docs at /api/docs: Swagger UI from django-ninja's own files, never from a CDN.

django-ninja renders its local template only when "ninja" is in INSTALLED_APPS and otherwise
falls back to a CDN page; this page needs neither: it serves the package's files itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ninja
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template import engines
from django.urls import reverse
from ninja.openapi.docs import Swagger

if TYPE_CHECKING:
    from ninja import NinjaAPI

NINJA_STATIC = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = {
    "swagger-ui.css": "text/css; charset=utf-8",
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui-init.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
    "favicon.png": "image/png",
}

PAGE = """<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<link rel="stylesheet" href="{{ assets.css }}">
<link rel="icon" href="{{ assets.favicon }}" type="image/svg+xml">
</head>
<body data-csrf-token="{{ csrf_token }}" data-api-csrf="true">
{{ swagger_settings|json_script:"swagger-settings" }}
<div id="swagger-ui"></div>
<script src="{{ assets.bundle }}"></script>
<script src="{{ assets.init }}"></script>
</body>
</html>
"""


def asset_url(name: str) -> str:
    return reverse("api-docs-asset", kwargs={"name": name})


class LocalSwagger(Swagger):
    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {
            "title": api.title,
            # json_script escapes it for the page; swagger-ui-init.js parses it back.
            "swagger_settings": json.loads(json.dumps(settings)),
            "assets": {
                "css": asset_url("swagger-ui.css"),
                "favicon": asset_url("favicon.svg"),
                "bundle": asset_url("swagger-ui-bundle.js"),
                "init": asset_url("swagger-ui-init.js"),
            },
        }
        html = engines["django"].from_string(PAGE).render(context, request)
        return HttpResponse(html, content_type="text/html; charset=utf-8")


def docs_asset(request: HttpRequest, name: str) -> FileResponse:
    """One of the few files the docs page needs, straight from the installed django-ninja."""
    if name not in ASSETS:
        raise Http404
    response = FileResponse((NINJA_STATIC / name).open("rb"), content_type=ASSETS[name])
    response["Cache-Control"] = "public, max-age=86400"
    return response
