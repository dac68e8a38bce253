"""The public verification page: paste a SHA-256 (or upload a file), learn what it is (or is not).

An upload larger than every published file cannot be a published document: it is refused (413) with
a Thai message before its body is read, or as soon as the file part passes the cap (see
portal/verification.py). The upload handlers must be set before the body is parsed, and the CSRF
check parses it: so the view is csrf_exempt on the outside and csrf_protect on the inside, as
Django's documentation on changing upload handlers shows.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from prongsai.core.digits import num
from prongsai.portal.verification import (
    FORM_OVERHEAD,
    SHA256,
    CappedUpload,
    lookup,
    normalise,
    sha256_stream,
    upload_cap,
)
from prongsai.portal.views.common import public_render


class VerifyForm(forms.Form):
    sha256 = forms.CharField(
        label=gettext_lazy("วางค่า SHA-256 ของไฟล์ (๖๔ ตัวอักษร)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "inputmode": "latin"}),
    )
    file = forms.FileField(label=gettext_lazy("หรือเลือกไฟล์ที่ต้องการตรวจสอบ"), required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        upload = data.get("file")
        text = normalise(str(data.get("sha256") or ""))
        if upload is None and not text:
            raise forms.ValidationError(_("วางค่า SHA-256 หรือเลือกไฟล์ อย่างใดอย่างหนึ่ง"))
        if upload is None and not SHA256.match(text):
            self.add_error("sha256", _("ค่า SHA-256 ต้องเป็นตัวเลขฐานสิบหก ๖๔ ตัว (0-9, a-f)"))
        return data

    def digest(self) -> str:
        """The pasted hash when there is one (nothing to read), else the uploaded file's."""
        text = normalise(str(self.cleaned_data.get("sha256") or ""))
        upload = self.cleaned_data.get("file")
        if SHA256.match(text) or upload is None:
            return text
        return sha256_stream(upload)


def _megabytes(size: int) -> str:
    return num(f"{size / (1024 * 1024):.1f}")


def _content_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _page(request: HttpRequest, form: VerifyForm, *, status: int, **extra: Any) -> HttpResponse:
    response = public_render(
        request,
        "portal/verify.html",
        title=_("ตรวจสอบเอกสารที่เผยแพร่"),
        description=_("วางค่า SHA-256 หรืออัปโหลดไฟล์ เพื่อดูว่าเป็นเอกสารที่หน่วยงานเผยแพร่หรือไม่"),
        path="/verify/",
        form=form,
        status=status,
        **extra,
    )
    response["Cache-Control"] = "no-store"
    return response


def _too_large(request: HttpRequest, cap: int) -> HttpResponse:
    message = _(
        "ไฟล์ใหญ่เกิน %(cap)s MB ซึ่งใหญ่กว่าเอกสารทุกฉบับที่เผยแพร่ จึงไม่ใช่เอกสารที่เผยแพร่ "
        "(ระบบไม่ได้อ่านไฟล์นี้) หากต้องการตรวจ ให้วางค่า SHA-256 ของไฟล์แทน"
    ) % {"cap": _megabytes(cap)}
    return _page(request, VerifyForm(), status=413, too_large=message)


@csrf_protect
def _verify(request: HttpRequest, capped: CappedUpload | None, cap: int) -> HttpResponse:
    asked = request.method == "POST" or bool(request.GET.get("sha256"))
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
    else:
        form = VerifyForm(request.GET) if asked else VerifyForm()
    if capped is not None and capped.stopped:
        return _too_large(request, cap)
    digest = ""
    matches = None
    if asked and form.is_valid():
        digest = form.digest()
        matches = lookup(digest)
    return _page(request, form, status=400 if asked and form.errors else 200, digest=digest, matches=matches)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def verify_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _verify(request, None, 0)
    cap = upload_cap()
    if _content_length(request) > cap + FORM_OVERHEAD:
        return _too_large(request, cap)  # the body is never read
    capped = CappedUpload(cap, request)
    try:
        request.upload_handlers = [capped, *request.upload_handlers]
    except AttributeError:  # something read the body before this view: at least do not hash it
        upload = request.FILES.get("file")
        capped.stopped = upload is not None and (upload.size or 0) > cap
    return _verify(request, capped, cap)
