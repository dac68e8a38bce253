"""The English catalogue: complete, compiled, and used once the person picks English with the switch."""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.test.signals import setting_changed
from django.utils import translation

from prongsai.measures import services as measures
from prongsai.orgs.services import add_member, create_organization, system_user

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
THAI = re.compile("[\u0e00-\u0e7f]")
PLACEHOLDER = re.compile(r"%\([A-Za-z_]+\)[-+ #0-9.]*[sdif]|%%")


@pytest.fixture(scope="session")
def english_catalogue() -> Path:
    """`make install` compiles the catalogue; compile it here too when the .mo is missing or older than the .po."""
    if COMPILED.exists() and COMPILED.stat().st_mtime >= CATALOGUE.stat().st_mtime:
        return COMPILED
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail("msgfmt not found: install Debian's gettext package or run `make install`")
    # Parallel workers may compile at the same time: each writes its own file, then swaps it in whole.
    partial = COMPILED.with_name(f"{COMPILED.name}.{os.getpid()}.tmp")
    subprocess.run([msgfmt, "--check-format", "-o", str(partial), str(CATALOGUE)], check=True)
    partial.replace(COMPILED)
    # Forget any English catalogue loaded before the .mo was (re)written, the way Django does when
    # LOCALE_PATHS changes.
    gettext._translations.clear()  # type: ignore[attr-defined]
    setting_changed.send(sender=type(settings), setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=True)
    return COMPILED


@pytest.fixture(autouse=True)
def back_to_thai() -> Iterator[None]:
    """The locale middleware activates the cookie's language for the thread and leaves it active: put Thai back
    so that tests running after these in the same process do not get English messages."""
    yield
    translation.deactivate()


@pytest.fixture
def english(english_catalogue: Path, db: Any) -> Iterator[Client]:
    client = Client()
    r = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert r.status_code == 302
    yield client


def _unquote(text: str) -> str:
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], text[1:-1])


def read_po(path: Path) -> list[dict[str, Any]]:
    """Entries of a .po file: keyword (msgctxt, msgid, msgid_plural, msgstr, msgstr[n]) -> text, plus flags."""
    entries: list[dict[str, Any]] = []
    entry: dict[str, Any] = {}
    key = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if line.startswith("#,"):
            if "msgid" in entry:
                entries.append(entry)
                entry = {}
            entry.setdefault("flags", set()).update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#") or not line:
            if "msgid" in entry:
                entries.append(entry)
                entry = {}
        elif line.startswith('"'):
            entry[key] += _unquote(line)
        else:
            key, _space, value = line.partition(" ")
            if key in ("msgctxt", "msgid") and "msgid" in entry:
                entries.append(entry)
                entry = {}
            entry[key] = _unquote(value)
    return entries


def test_every_message_has_an_english_translation() -> None:
    entries = read_po(CATALOGUE)
    messages = [e for e in entries if e["msgid"]]
    assert len(messages) > 300
    for e in messages:
        translations = [value for key, value in e.items() if key.startswith("msgstr")]
        assert translations, e["msgid"]
        assert all(translations), f"untranslated: {e['msgid']!r}"
        assert "fuzzy" not in e.get("flags", set()), f"fuzzy: {e['msgid']!r}"
        for text in translations:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(e["msgid"])), e["msgid"]
    header = next(e for e in entries if not e["msgid"])
    assert "Language: en\n" in header["msgstr"]
    assert "fuzzy" not in header.get("flags", set())


def test_the_login_page_is_english(english: Client) -> None:
    page = english.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in page
    assert "Log in" in page
    assert "Username" in page and "Password" in page
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert heading is not None
    assert heading.group(1).strip() == "Log in"
    assert not THAI.search(heading.group(1))


def test_the_organisation_home_is_english(english: Client) -> None:
    system = system_user()
    org = create_organization(system, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng")
    admin, _pw = add_member(None, system, organization=org, username="somchai", role="admin", password="pw-12345678")
    measures.create_plan(admin, admin.user, fiscal_year=2568)

    thai = Client()
    thai.force_login(admin.user)
    page = thai.get("/o/klaeng/?year=2568").content.decode()
    assert "เพิ่มมาตรการ" in page  # Thai stays the default
    assert '<strong data-testid="plan-status">ร่าง</strong>' in page

    english.force_login(admin.user)
    page = english.get("/o/klaeng/?year=2568").content.decode()
    assert '<html lang="en">' in page
    assert "Add measure" in page
    assert "เพิ่มมาตรการ" not in page
    assert '<strong data-testid="plan-status">Draft</strong>' in page
    assert "Plan status" in page
    assert "6-month round" in page
