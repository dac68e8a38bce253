"""prongsai ita-score --year YEAR [--json] < scores.csv

Reads "indicator,score" lines from stdin (Thai or Arabic digits; blank lines and # comments
skipped) and prints IIT, EIT, OIT (0-100), the ITA score and grade from the year's catalogue.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.core.digits import digits, num
from prongsai.core.errors import ServiceError
from prongsai.core.thai import to_arabic_digits
from prongsai.ita.scoring import compute
from prongsai.ita.services import active_catalogue
from prongsai.ita.sheets import check_score, indicator_label


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


class Command(BaseCommand):
    help = "Compute an ITA score from indicator scores read from stdin (lines: indicator,score)."
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="ITA year B.E., e.g. 2568")
        parser.add_argument("--json", action="store_true", help='print {"iit","eit","oit","ita","grade"}')

    def handle(self, *args: Any, **opts: Any) -> None:
        stream = opts.get("stdin") or sys.stdin
        scores: dict[int, Decimal] = {}
        for line_no, raw in enumerate(stream, start=1):
            line = to_arabic_digits(raw).strip()
            if not line or line.startswith("#"):
                continue
            indicator, _sep, value = (part.strip() for part in line.partition(","))
            if not indicator.isdigit() or not 1 <= int(indicator) <= 10:
                raise CommandError(
                    digits(_('บรรทัดที่ %(line)s: "%(value)s" ไม่ใช่ตัวชี้วัดที่ 1 ถึง 10 (ใช้รูปแบบ ตัวชี้วัด,คะแนน)'))
                    % {"line": num(line_no), "value": indicator}
                )
            number = int(indicator)
            if number in scores:
                where = {"line": num(line_no), "ind": indicator_label(number)}
                raise CommandError(_("บรรทัดที่ %(line)s: %(ind)s ซ้ำ") % where)
            try:
                place = _("บรรทัดที่ %(line)s %(ind)s") % {"line": num(line_no), "ind": indicator_label(number)}
                score = check_score(value, place)
            except ServiceError as err:
                raise CommandError(err.message) from None
            if score is not None:
                scores[number] = score
        try:
            catalogue = active_catalogue(opts["year"])
        except ServiceError as err:
            raise CommandError(err.message) from None
        result = compute(catalogue, scores)
        if opts["json"]:
            payload = {
                "iit": _number(result.iit),
                "eit": _number(result.eit),
                "oit": _number(result.oit),
                "ita": _number(result.ita),
                "grade": result.grade,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return

        def shown(value: object) -> str:
            return "—" if value is None else str(value)

        for code in ("IIT", "EIT", "OIT"):
            line = _("%(tool)s %(score)s (ถ่วงน้ำหนัก %(share)s)")
            self.stdout.write(
                line % {"tool": code, "score": shown(result.tool(code)), "share": shown(result.share(code))}
            )
        self.stdout.write(
            _("ITA %(score)s ระดับ %(grade)s") % {"score": shown(result.ita), "grade": shown(result.grade)}
        )
        if result.missing:
            missing = ", ".join(map(num, result.missing))
            self.stdout.write(_("ไม่มีคะแนนของตัวชี้วัดที่ %(list)s") % {"list": missing})
