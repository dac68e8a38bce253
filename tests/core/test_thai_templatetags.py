"""The Thai template filters, rendered through Django's template engine."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import timezone
from django.utils.safestring import mark_safe


def render(source: str, **context: object) -> str:
    return Template("{% load thai %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("filter_name", "expected"),
    [
        ("thaidate", "๓๑ มีนาคม ๒๕๖๗"),
        ("thaidate_short", "๓๑ มี.ค. ๖๗"),
        ("thaidatetime", "๓๑ มี.ค. ๖๗"),
        ("bedate_input", "31/03/2567"),
    ],
)
def test_date_filters_show_buddhist_era_dates(filter_name, expected):
    assert render(f"{{{{ d|{filter_name} }}}}", d=date(2024, 3, 31)) == expected


@pytest.mark.parametrize("filter_name", ["thaidate", "thaidate_short", "thaidatetime", "bedate_input", "thaidigits"])
@pytest.mark.parametrize("value", [None, ""])
def test_filters_show_nothing_for_no_value(filter_name, value):
    assert render(f"[{{{{ v|{filter_name} }}}}]", v=value) == "[]"


def test_a_string_that_is_not_a_date_shows_nothing():
    assert render("[{{ v|thaidate }}]", v="เมื่อวาน") == "[]"


def test_datetimes_are_turned_into_local_time_first():
    late_utc = datetime(2024, 3, 31, 20, 30, tzinfo=UTC)  # 1 April 03:30 in Bangkok
    with timezone.override("Asia/Bangkok"):
        assert render("{{ t|thaidatetime }}", t=late_utc) == "๑ เม.ย. ๖๗ ๐๓:๓๐ น."
        assert render("{{ t|thaidate }}", t=late_utc) == "๑ เมษายน ๒๕๖๗"
        assert render("{{ t|bedate_input }}", t=late_utc) == "01/04/2567"
    with timezone.override("UTC"):
        assert render("{{ t|thaidatetime }}", t=late_utc) == "๓๑ มี.ค. ๖๗ ๒๐:๓๐ น."


def test_thaidigits_converts_running_text_but_not_codes():
    assert render("{{ s|thaidigits }}", s="o26 ครั้งที่ 1 พ.ศ. 2567") == "o26 ครั้งที่ ๑ พ.ศ. ๒๕๖๗"
    assert render("{{ n|thaidigits }}", n=85) == "๘๕"


def test_thaidigits_keeps_escaping_and_safety():
    assert render("{{ s|thaidigits }}", s="<b>1</b>") == "&lt;b&gt;๑&lt;/b&gt;"
    assert render("{{ s|thaidigits }}", s=mark_safe("<b>1</b>")) == "<b>๑</b>"
