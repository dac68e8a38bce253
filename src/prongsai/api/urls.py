"""The JSON API: mounted at /api/ (`path("api/", include("prongsai.api.urls"))`), docs at /api/docs."""

from __future__ import annotations

from typing import Any

from django.urls import path
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from prongsai.api.auth import api_auth
from prongsai.api.docs import LocalSwagger, docs_asset
from prongsai.api.errors import install_error_handlers
from prongsai.api.routers import cases, measures, measures_write, orgs, plans


class ThaiJSONRenderer(JSONRenderer):
    """UTF-8 JSON with Thai as written (not \\u escapes): smaller and readable."""

    json_dumps_params = {"ensure_ascii": False}


class ProngsaiAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        # Short, stable operation ids (list_plans, get_measure) for generated clients.
        return str(operation.view_func.__name__)


api = ProngsaiAPI(
    title="Prongsai API",
    version="1",
    description="อ่านและบันทึกแผนมาตรการ ผลการดำเนินการ หลักฐาน และเรื่องร้องเรียนของหน่วยงานที่คุณเป็นสมาชิก "
    "(Authorization: Bearer <โทเค็น> หรือเซสชันที่เข้าสู่ระบบแล้ว; เซสชันต้องส่ง X-CSRFToken เมื่อบันทึก)",
    urls_namespace="api",
    docs=LocalSwagger(),
    docs_url="/docs",
    auth=api_auth,
    renderer=ThaiJSONRenderer(),
)
install_error_handlers(api)
api.add_router("/orgs", orgs.router)
api.add_router("/plans", plans.router)
api.add_router("/measures", measures.router)  # with the writes of measures_write on the same paths
api.add_router("/evidence", measures_write.evidence_router)
api.add_router("/orgs", cases.org_router)
api.add_router("/cases", cases.router)
api.add_router("/public", "prongsai.api.routers.complaints.router")

urlpatterns = [
    path("docs/assets/<str:name>", docs_asset, name="api-docs-asset"),
    path("", api.urls),
]
