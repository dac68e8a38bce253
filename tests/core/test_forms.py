"""ThaiDateField: typed Thai dates in, a date out, Thai messages for mistakes."""

from datetime import date

from django import forms

from prongsai.core.forms import ThaiDateField


class DueForm(forms.Form):
    due = ThaiDateField()
    reported = ThaiDateField(required=False)


def test_a_thai_date_cleans_to_a_date():
    form = DueForm(data={"due": " ๓๑ มี.ค. ๖๗ ", "reported": "31/03/2567"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"due": date(2024, 3, 31), "reported": date(2024, 3, 31)}


def test_an_optional_date_left_blank_is_none():
    form = DueForm(data={"due": "2024-03-31", "reported": "  "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reported"] is None


def test_a_required_date_left_blank_is_refused():
    form = DueForm(data={"due": ""})
    assert not form.is_valid()
    assert "due" in form.errors


def test_a_date_that_does_not_exist_is_refused_with_a_thai_message():
    form = DueForm(data={"due": "๓๑ ก.พ. ๖๗"})
    assert not form.is_valid()
    assert "วันที่ ๓๑ ก.พ. ๒๕๖๗ ไม่มีอยู่จริง" in form.errors["due"][0]


def test_unreadable_text_is_refused_and_shown_back_as_typed():
    form = DueForm(data={"due": "abc"})
    assert not form.is_valid()
    assert 'อ่านวันที่ "abc" ไม่ได้' in form.errors["due"][0]
    assert 'value="abc"' in str(form["due"])


def test_a_date_is_prefilled_as_a_buddhist_era_numeric_date_in_a_text_input():
    html = str(DueForm(initial={"due": date(2024, 3, 31)})["due"])
    assert 'type="text"' in html
    assert 'value="31/03/2567"' in html
    assert 'placeholder="เช่น ๓๑/๓/๖๗"' in html
    assert "inputmode" not in html


def test_an_unchanged_initial_date_is_not_a_change():
    form = DueForm(initial={"due": date(2024, 3, 31)}, data={"due": "31/03/2567"})
    assert not form.has_changed()
