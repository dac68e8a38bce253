"""The request's digit style (core/digits.py), its template filters and Django's own form messages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.template import Context, Template
from django.utils import translation
from django.utils.text import format_lazy

from prongsai.core import digits
from prongsai.core.digits import LazyNum, lazy_digits, num, positions, style


def render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


def test_thai_is_the_default_and_a_style_is_undone_at_the_end_of_its_block() -> None:
    assert digits.thai_digits()
    with style(False):
        assert not digits.thai_digits()
        with style(True):
            assert digits.thai_digits()
        assert not digits.thai_digits()
    assert digits.thai_digits()


def test_num_writes_one_number_either_way() -> None:
    assert num(9) == "๙" and num(97620, grouping=True) == "๙๗,๖๒๐" and num(Decimal("85.50")) == "๘๕.๕๐"
    assert num(None) == "" and num("๑.๕") == "๑.๕"
    with style(False):
        assert num(9) == "9" and num(97620, grouping=True) == "97,620" and num("๑.๕") == "1.5"


def test_digits_keeps_codes_addresses_and_latin_words() -> None:
    text = "ข้อ o26 ครั้งที่ 1 ดู https://example.go.th/a1/2 หรือ a1@example.go.th ไฟล์ A4 SHA-256"
    assert digits.digits(text) == "ข้อ o26 ครั้งที่ ๑ ดู https://example.go.th/a1/2 หรือ a1@example.go.th ไฟล์ A4 SHA-๒๕๖"
    with style(False):
        assert digits.digits("รอบ ๖ เดือน ข้อ o26") == "รอบ 6 เดือน ข้อ o26"


def test_positions_changes_only_the_places_a_message_names() -> None:
    message = 'บรรทัดที่ 12: ชื่อหน่วยงานสะกดว่า "อบต. 2 แห่ง" · แถวที่ 5 คอลัมน์ 3 · ตาราง 2 · หน้า 4'
    assert positions(message) == 'บรรทัดที่ ๑๒: ชื่อหน่วยงานสะกดว่า "อบต. 2 แห่ง" · แถวที่ ๕ คอลัมน์ ๓ · ตาราง ๒ · หน้า ๔'
    with style(False):
        assert positions("บรรทัดที่ ๑๒: ๓ คน") == "บรรทัดที่ 12: ๓ คน"


def test_lazy_text_is_written_in_the_style_of_the_request_that_shows_it() -> None:
    help_text = lazy_digits("เช่น ๓๑/๓/๖๗")
    limit = format_lazy("ไม่เกิน {n} ตัวอักษร", n=LazyNum(1000, grouping=True))
    assert str(help_text) == "เช่น ๓๑/๓/๖๗" and str(limit) == "ไม่เกิน ๑,๐๐๐ ตัวอักษร"
    with style(False):
        assert str(help_text) == "เช่น 31/3/67" and str(limit) == "ไม่เกิน 1,000 ตัวอักษร"


def test_the_english_interface_writes_arabic_digits_whatever_the_setting() -> None:
    with translation.override("en"):
        assert num(6) == "6" and digits.digits("๖-month round") == "6-month round"
    with translation.override("th"):
        assert num(6) == "๖"


def test_the_filters_follow_the_style() -> None:
    source = (
        "{{ d|thaidate }} · {{ d|thaidate_short }} · {{ n|num }} · {{ big|num:',' }} · {{ s|thaidigits }}"
        " · {{ d|bedate_input }}"
    )
    values = {"d": date(2024, 3, 31), "n": 9, "big": 97620, "s": "รอบ ๖ เดือน o26"}
    assert render(source, **values) == "๓๑ มีนาคม ๒๕๖๗ · ๓๑ มี.ค. ๖๗ · ๙ · ๙๗,๖๒๐ · รอบ ๖ เดือน o26 · 31/03/2567"
    with style(False):
        assert render(source, **values) == "31 มีนาคม 2567 · 31 มี.ค. 67 · 9 · 97,620 · รอบ 6 เดือน o26 · 31/03/2567"
    assert render("[{{ v|num }}]", v=None) == "[]" and render("{% digit_style %}") == "thai"


class Limits(forms.Form):
    name = forms.CharField(max_length=5)
    year = forms.IntegerField(min_value=2550)
    kind = forms.ChoiceField(choices=[("a", "a")])


def test_djangos_own_limit_messages_follow_the_style_and_typed_values_stay() -> None:
    form = Limits({"name": "ก" * 12, "year": "2400", "kind": "b12"})
    assert not form.is_valid()
    name, year, kind = (str(form[f].errors) for f in ("name", "year", "kind"))
    assert "๕" in name and "๑๒" in name and "5" not in name
    assert "๒๕๕๐" in year
    assert "b12" in kind  # the value as typed
    with style(False):
        assert "2550" in str(Limits({"year": "1"})["year"].errors)
