"""The LINE Official Account webhook (POST from LINE's servers, signed with the channel secret)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from prongsai.complaints.models import ComplaintSettings
from prongsai.complaints.services.line import handle_events, signature_ok


@csrf_exempt
@require_POST
def webhook(request: HttpRequest, slug: str) -> HttpResponse:
    config = ComplaintSettings.objects.select_related("organization").filter(organization__slug=slug).first()
    if config is None or not config.line_ready:
        raise Http404
    if not signature_ok(config.line_channel_secret, request.body, request.headers.get("X-Line-Signature", "")):
        return HttpResponse("bad signature", status=403, content_type="text/plain")
    handle_events(config, request.body)
    return HttpResponse("ok", content_type="text/plain")
