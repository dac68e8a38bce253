"""JSON errors with real status codes: 401, 403, 404 (missing and foreign alike), 409, 400, 413, 429."""

from __future__ import annotations

from django.core.exceptions import BadRequest, PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled

from prongsai.core.errors import ConflictError, NotAllowed, ServiceError


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = api.create_response(
            request,
            {"detail": _("ต้องยืนยันตัวตน: เข้าสู่ระบบ หรือส่งส่วนหัว Authorization: Bearer <โทเค็น>")},
            status=401,
        )
        response["WWW-Authenticate"] = 'Bearer realm="prongsai"'
        return response

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = api.create_response(request, {"detail": str(exc)}, status=429)
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": "ไม่พบ"}, status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        # The refusal's own Thai words when it has them (as the web's 403 page shows them), e.g. an
        # overseer asking for one case (complaints.access.StatisticsOnly).
        return api.create_response(request, {"detail": str(exc) or _("คุณไม่มีสิทธิ์ทำรายการนี้")}, status=403)

    # The services' refusals, in their own Thai words.
    @api.exception_handler(ConflictError)
    def conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
        body = {"detail": exc.message, "current": exc.current, "submitted": exc.submitted}
        return api.create_response(request, body, status=409)

    @api.exception_handler(NotAllowed)
    def not_allowed(request: HttpRequest, exc: NotAllowed) -> HttpResponse:
        return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=403)

    @api.exception_handler(ServiceError)
    def refused(request: HttpRequest, exc: ServiceError) -> HttpResponse:
        return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)

    # Bodies Django cannot read. Django answers these 400 itself, but django-ninja turns every
    # exception into a 500 page when DEBUG is on: answered here, they are the same JSON either way.
    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return api.create_response(request, {"detail": _("คำขอมีขนาดใหญ่เกินที่รับได้")}, status=413)

    @api.exception_handler(MultiPartParserError)
    @api.exception_handler(BadRequest)
    @api.exception_handler(SuspiciousOperation)
    def bad_request(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(request, {"detail": _("อ่านเนื้อหาคำขอไม่ได้")}, status=400)
