"""Form fields shared by every app, and the form renderer that writes Django's own messages' numbers
in the request's digit style (core/digits.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy, pgettext_lazy

from prongsai.core.digits import digits, lazy_digits, thai_digits
from prongsai.core.thai import ThaiDateError, format_date_numeric, parse_date

# Django's messages whose only numbers are limits and lengths ("at most 200 characters (it has 250)"):
# nothing typed is quoted in them, so all their digits are the application's.
NUMBER_MESSAGES = frozenset(
    {"max_length", "min_length", "max_value", "min_value", "step_size", "max_digits", "max_decimal_places",
     "max_whole_digits", "max_upload_size", "password_too_short"}
)  # fmt: skip


def _shown_error(error: Any) -> Any:
    if isinstance(error, ValidationError):
        message = next(iter(error))
        return digits(message) if error.code in NUMBER_MESSAGES else message
    return error


class FormRenderer(DjangoTemplates):
    """settings.FORM_RENDERER: Django's own limit messages (max_length, min_value, …) in the request's
    digits; every other message is shown as its form or service wrote it."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        errors = context.get("errors")
        if isinstance(errors, ErrorList):
            context = {**context, "errors": [_shown_error(error) for error in errors.data]}
        return super().render(template_name, context, request=request)


class ThaiDateField(forms.CharField):
    """A date typed the Thai way: "๓๑/๓/๖๗", "31/03/2567", "๓๑ มี.ค. ๖๗", "๓๑ มีนาคม ๒๕๖๗", ISO.

    A plain text input (people type month names, so no numeric keypad); cleans to a ``date``,
    or None when left blank and not required. Errors are Thai messages from ``parse_date``.
    A date value is shown as "31/03/2567".
    """

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("strip", True)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("placeholder", lazy_digits(pgettext_lazy("date field", "เช่น ๓๑/๓/๖๗")))
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_date(text, thai_digits=thai_digits())
        except ThaiDateError as err:
            raise forms.ValidationError(str(err), code="invalid") from None

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return format_date_numeric(value)
        return value


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form with the rule said in Thai (Django's own help text is a list in English)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = lazy_digits(
            gettext_lazy("อย่างน้อย ๑๐ ตัวอักษร และไม่ใช่รหัสผ่านที่คาดเดาง่าย")  # as on the invitation's form
        )
