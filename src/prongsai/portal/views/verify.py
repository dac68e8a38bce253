"""The public verification page: upload a file or paste a SHA-256, learn what it is (or is not)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from prongsai.portal.verification import SHA256, lookup, normalise, sha256_stream
from prongsai.portal.views.common import public_render


class VerifyForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("ไฟล์ที่ต้องการตรวจสอบ"), required=False)
    sha256 = forms.CharField(
        label=gettext_lazy("หรือวางค่า SHA-256 (๖๔ ตัวอักษร)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "inputmode": "latin"}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        upload = data.get("file")
        text = normalise(str(data.get("sha256") or ""))
        if upload is None and not text:
            raise forms.ValidationError(_("เลือกไฟล์ หรือวางค่า SHA-256 อย่างใดอย่างหนึ่ง"))
        if upload is None and not SHA256.match(text):
            self.add_error("sha256", _("ค่า SHA-256 ต้องเป็นตัวเลขฐานสิบหก ๖๔ ตัว (0-9, a-f)"))
        return data

    def digest(self) -> str:
        upload = self.cleaned_data.get("file")
        if upload is not None:
            return sha256_stream(upload)
        return normalise(self.cleaned_data["sha256"])


@require_http_methods(["GET", "POST"])
def verify_page(request: HttpRequest) -> HttpResponse:
    asked = request.method == "POST" or bool(request.GET.get("sha256"))
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
    else:
        form = VerifyForm(request.GET) if asked else VerifyForm()
    digest = ""
    matches = None
    if asked and form.is_valid():
        digest = form.digest()
        matches = lookup(digest)
    response = public_render(
        request,
        "portal/verify.html",
        title=_("ตรวจสอบเอกสารที่เผยแพร่"),
        description=_("อัปโหลดไฟล์หรือวางค่า SHA-256 เพื่อดูว่าเป็นเอกสารที่หน่วยงานเผยแพร่หรือไม่"),
        path="/verify/",
        form=form,
        digest=digest,
        matches=matches,
        status=400 if asked and form.errors else 200,
    )
    response["Cache-Control"] = "no-store"
    return response
