"""Which part of the country a dashboard page shows, and whether the person asking may see it.

A page is the whole country, one province or one district. Its rows are the next level down:
provinces, districts, or (in a district) the organisations themselves. A person sees a page only
through an active Oversight that covers it (orgs.Oversight): a national overseer every page, a
province overseer their province and its districts, a district overseer their district. Everyone
else — members without oversight, overseers of elsewhere — gets 404, as for anything foreign.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.db.models import Q
from django.http import Http404
from django.utils.translation import pgettext

from prongsai.core import thai
from prongsai.orgs.models import Oversight, OversightLevel

NATIONAL: str = OversightLevel.NATIONAL
PROVINCE: str = OversightLevel.PROVINCE
DISTRICT: str = OversightLevel.DISTRICT
_LEADING_VOWELS = "เแโใไ"
_WORDS = re.compile(r"(\D+)|(\d+)")


def thai_key(text: str) -> tuple[Any, ...]:
    """A sort key that files Thai words under their first consonant (เชียงใหม่ under ช), as dictionaries
    do, and numbers by value (ตัวอย่าง ๓ before ตัวอย่าง ๑๖)."""
    parts: list[Any] = []
    for word, number in _WORDS.findall(thai.to_arabic_digits(text)):
        if number:
            parts.append((1, int(number), ""))
        else:
            moved = word[1] + word[0] + word[2:] if len(word) > 1 and word[0] in _LEADING_VOWELS else word
            parts.append((0, 0, moved))
    return tuple(parts)


@dataclass(frozen=True)
class Scope:
    level: str
    province: str = ""
    district: str = ""

    def filter(self, prefix: str = "") -> Q:
        """The organisations of the scope, seen through `prefix` (e.g. "organization__")."""
        if self.level == NATIONAL:
            return Q()
        if self.level == PROVINCE:
            return Q(**{f"{prefix}province": self.province})
        return Q(**{f"{prefix}province": self.province, f"{prefix}district": self.district})

    def group(self, prefix: str = "") -> str:
        """The field that names a row: province, district, or the organisation itself."""
        return prefix + {NATIONAL: "province", PROVINCE: "district"}.get(self.level, "id")

    @property
    def rows_are_orgs(self) -> bool:
        return self.level == DISTRICT

    @property
    def row_label(self) -> str:
        if self.level == NATIONAL:
            return pgettext("oversight", "จังหวัด")
        if self.level == PROVINCE:
            return pgettext("oversight", "อำเภอ")
        return pgettext("oversight", "หน่วยงาน")

    @property
    def title(self) -> str:
        if self.level == NATIONAL:
            return pgettext("oversight", "ทั้งประเทศ")
        if self.level == PROVINCE:
            return pgettext("oversight", "จังหวัด%(p)s") % {"p": self.province}
        return pgettext("oversight", "%(d)s จังหวัด%(p)s") % {"d": self.district, "p": self.province}

    @property
    def path(self) -> str:
        """The page's address (without the query string)."""
        if self.level == NATIONAL:
            return "/oversight/"
        if self.level == PROVINCE:
            return f"/oversight/p/{quote(self.province, safe='')}/"
        return f"/oversight/p/{quote(self.province, safe='')}/d/{quote(self.district, safe='')}/"

    def child(self, key: str) -> Scope:
        if self.level == NATIONAL:
            return Scope(PROVINCE, province=key)
        return Scope(DISTRICT, province=self.province, district=key)

    def breadcrumbs(self) -> list[Scope]:
        crumbs = [Scope(NATIONAL)]
        if self.level in (PROVINCE, DISTRICT):
            crumbs.append(Scope(PROVINCE, province=self.province))
        if self.level == DISTRICT:
            crumbs.append(self)
        return crumbs


def covers(oversight: Oversight, scope: Scope) -> bool:
    if oversight.level == NATIONAL:
        return True
    if oversight.level == PROVINCE:
        return scope.level != NATIONAL and scope.province == oversight.province
    return scope.level == DISTRICT and (scope.province, scope.district) == (oversight.province, oversight.district)


def home_scope(oversight: Oversight) -> Scope:
    return Scope(oversight.level, province=oversight.province, district=oversight.district)


def oversights_of(user: Any) -> list[Oversight]:
    """The person's active oversights, widest first (one query); [] for anyone else."""
    if not getattr(user, "is_authenticated", False):
        return []
    order = {NATIONAL: 0, PROVINCE: 1, DISTRICT: 2}
    found = list(Oversight.objects.active().filter(user=user))
    return sorted(found, key=lambda o: (order.get(o.level, 3), o.province, o.district))


def scope_for(user: Any, scope: Scope | None = None) -> tuple[Scope, list[Oversight]]:
    """The page `scope` (None: the person's widest) if an active oversight covers it, else 404."""
    oversights = oversights_of(user)
    if not oversights:
        raise Http404
    if scope is None:
        return home_scope(oversights[0]), oversights
    if not scope.province.strip() and scope.level != NATIONAL:
        raise Http404
    if not any(covers(o, scope) for o in oversights):
        raise Http404
    return scope, oversights
