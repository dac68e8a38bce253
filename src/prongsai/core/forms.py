"""Form fields shared by every app."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.utils.translation import pgettext_lazy

from prongsai.core.thai import ThaiDateError, format_date_numeric, parse_date


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
        self.widget.attrs.setdefault("placeholder", pgettext_lazy("date field", "เช่น ๓๑/๓/๖๗"))
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
            return parse_date(text)
        except ThaiDateError as err:
            raise forms.ValidationError(str(err), code="invalid") from None

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return format_date_numeric(value)
        return value
