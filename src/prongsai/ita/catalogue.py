"""ITA catalogues as data: the shipped files, their schema check, and the line an error is on.

A catalogue is one JSON object per ITA year (B.E.): tools and weights, the ten indicators, the
formula, grade bands, the pass mark and the OIT items (see data/catalogues/2566.json). Nothing here
touches the database; `prongsai.ita.services.catalogues` stores versions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from decimal import Decimal
from importlib import resources
from itertools import pairwise
from typing import Any

from django.utils.translation import gettext as _

from prongsai.core.errors import ServiceError

TOOL_CODES = ("IIT", "EIT", "OIT")
FORMULA = {"tool": {"mean"}, "ita": {"weighted_sum"}, "rounding": {"ROUND_HALF_UP"}}
_TOP_REQUIRED = {"year", "pass_mark", "tools", "formula", "indicators", "bands", "oit_items"}
_TOP_OPTIONAL = {"assumed", "bands_assumed", "notes", "sources", "unknown_items", "oit_all_or_nothing"}
_ITEM_REQUIRED = {"code", "title", "indicator", "topic", "contents", "covers", "confirmed"}
_TOPIC = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_STEP = Decimal("0.01")
Path_ = Sequence[str | int]


class CatalogueError(ServiceError):
    """A catalogue file refused; the message names the file and the line."""

    def __init__(self, message: str, filename: str = "", line: int | None = None) -> None:
        where = filename
        if line is not None:
            where = _("%(file)s บรรทัดที่ %(line)s") % {"file": filename or _("ไฟล์"), "line": line}
        super().__init__(f"{where}: {message}" if where else message, "file")
        self.filename = filename
        self.line = line


# --- shipped files ------------------------------------------------------------------------------


def _folder() -> Any:
    return resources.files("prongsai.ita") / "data" / "catalogues"


def shipped_years() -> list[int]:
    return sorted(int(p.name[:-5]) for p in _folder().iterdir() if p.name.endswith(".json") and p.name[:-5].isdigit())


def shipped_text(year: int) -> str | None:
    path = _folder() / f"{year}.json"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def load_text(text: str, filename: str) -> dict[str, Any]:
    """Parse and check a catalogue's JSON text; CatalogueError names the file and line."""
    try:
        content = json.loads(text)
    except json.JSONDecodeError as err:
        message = _("ไม่ใช่ JSON ที่ถูกต้อง (คอลัมน์ %(col)s: %(msg)s)") % {"col": err.colno, "msg": err.msg}
        raise CatalogueError(message, filename, err.lineno) from None
    return validate(content, text=text, filename=filename)


def load_bytes(data: bytes, filename: str) -> dict[str, Any]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CatalogueError(_("ไฟล์ต้องเป็นข้อความ UTF-8"), filename, line) from None
    return load_text(text, filename)


# --- where a value is ---------------------------------------------------------------------------

_WS = re.compile(r"[ \t\n\r]*")


def _ws(text: str, pos: int) -> int:
    m = _WS.match(text, pos)
    return m.end() if m else pos


def locate_line(text: str, path: Path_) -> int:
    """The line (1-based) of the value at `path` in a JSON text, or of the deepest part that exists."""
    decoder = json.JSONDecoder()
    pos = _ws(text, 0)
    try:
        for step in path:
            found: int | None = None
            if text[pos] == "{" and isinstance(step, str):
                p = _ws(text, pos + 1)
                while text[p] == '"':
                    key, p = json.decoder.scanstring(text, p + 1)  # type: ignore[attr-defined]
                    p = _ws(text, _ws(text, p) + 1)  # past the colon
                    if key == step:
                        found = p
                        break
                    _value, p = decoder.raw_decode(text, p)
                    p = _ws(text, p)
                    p = _ws(text, p + 1) if text[p] == "," else p
            elif text[pos] == "[" and isinstance(step, int):
                p, index = _ws(text, pos + 1), 0
                while text[p] != "]":
                    if index == step:
                        found = p
                        break
                    _value, p = decoder.raw_decode(text, p)
                    p = _ws(text, p)
                    p = _ws(text, p + 1) if text[p] == "," else p
                    index += 1
            if found is None:
                break
            pos = found
    except (IndexError, ValueError):
        pass
    return text.count("\n", 0, pos) + 1


# --- the schema check ---------------------------------------------------------------------------


class _Checker:
    def __init__(self, text: str | None, filename: str) -> None:
        self.text = text
        self.filename = filename

    def fail(self, path: Path_, message: str) -> CatalogueError:
        line = locate_line(self.text, path) if self.text is not None else None
        return CatalogueError(message, self.filename, line)

    def obj(
        self, value: Any, path: Path_, required: AbstractSet[str], optional: AbstractSet[str] = frozenset()
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, _("%(what)s ต้องเป็นออบเจกต์ JSON") % {"what": _name(path)})
        missing = sorted(required - value.keys())
        if missing:
            raise self.fail(path, _('%(what)s ขาดคีย์ "%(key)s"') % {"what": _name(path), "key": missing[0]})
        extra = sorted(value.keys() - required - optional)
        if extra:
            raise self.fail([*path, extra[0]], _('ไม่รู้จักคีย์ "%(key)s"') % {"key": extra[0]})
        return value

    def list_(self, value: Any, path: Path_) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(path, _("%(what)s ต้องเป็นรายการ (list)") % {"what": _name(path)})
        return value

    def text_(self, value: Any, path: Path_, *, blank: bool = False) -> str:
        if not isinstance(value, str) or (not blank and not value.strip()):
            raise self.fail(path, _("%(what)s ต้องเป็นข้อความที่ไม่ว่าง") % {"what": _name(path)})
        return value

    def int_(self, value: Any, path: Path_, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(
                path, _("%(what)s ต้องเป็นจำนวนเต็ม %(low)s ถึง %(high)s") % {"what": _name(path), "low": low, "high": high}
            )
        return value

    def number(self, value: Any, path: Path_) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            raise self.fail(path, _("%(what)s ต้องเป็นตัวเลข 0 ถึง 100") % {"what": _name(path)})
        return Decimal(str(value))

    def bool_(self, value: Any, path: Path_) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, _("%(what)s ต้องเป็น true หรือ false") % {"what": _name(path)})
        return value


def _name(path: Path_) -> str:
    return "/".join(str(p) for p in path) or _("ทั้งไฟล์")


def validate(content: Any, *, text: str | None = None, filename: str = "") -> dict[str, Any]:
    """Check a catalogue (required keys, types, indicators 1-10, weights = 100, bands, unique codes).

    `text` is the file's JSON text, used to name the line of an error. Returns `content` unchanged.
    """
    c = _Checker(text, filename)
    top = c.obj(content, [], _TOP_REQUIRED, _TOP_OPTIONAL)
    c.int_(top["year"], ["year"], 2550, 2650)
    c.number(top["pass_mark"], ["pass_mark"])
    for key in ("assumed", "bands_assumed", "oit_all_or_nothing"):
        if key in top:
            c.bool_(top[key], [key])
    if "notes" in top:
        c.text_(top["notes"], ["notes"], blank=True)
    for i, source in enumerate(c.list_(top.get("sources", []), ["sources"])):
        c.text_(source, ["sources", i])
    formula = c.obj(top["formula"], ["formula"], {"tool", "ita"}, {"places", "rounding"})
    for key, allowed in FORMULA.items():
        if key in formula and formula[key] not in allowed:
            raise c.fail(["formula", key], _('ไม่รู้จักสูตร "%(v)s"') % {"v": formula[key]})
    if "places" in formula:
        c.int_(formula["places"], ["formula", "places"], 0, 4)

    tools: dict[str, Decimal] = {}
    for i, tool in enumerate(c.list_(top["tools"], ["tools"])):
        tool = c.obj(tool, ["tools", i], {"code", "name", "weight"})
        if tool["code"] not in TOOL_CODES or tool["code"] in tools:
            raise c.fail(["tools", i, "code"], _("เครื่องมือต้องเป็น IIT, EIT และ OIT อย่างละหนึ่งรายการ"))
        c.text_(tool["name"], ["tools", i, "name"])
        tools[tool["code"]] = c.number(tool["weight"], ["tools", i, "weight"])
    if set(tools) != set(TOOL_CODES):
        raise c.fail(["tools"], _("เครื่องมือต้องเป็น IIT, EIT และ OIT อย่างละหนึ่งรายการ"))
    if sum(tools.values()) != 100:
        raise c.fail(
            ["tools"], _("น้ำหนักของ IIT, EIT และ OIT รวมกันต้องเป็น 100 (ได้ %(sum)s)") % {"sum": sum(tools.values())}
        )

    indicator_tool: dict[int, str] = {}
    for i, ind in enumerate(c.list_(top["indicators"], ["indicators"])):
        ind = c.obj(ind, ["indicators", i], {"number", "name", "tool"})
        number = c.int_(ind["number"], ["indicators", i, "number"], 1, 10)
        if number in indicator_tool:
            raise c.fail(["indicators", i, "number"], _("ตัวชี้วัดที่ %(n)s ซ้ำ") % {"n": number})
        c.text_(ind["name"], ["indicators", i, "name"])
        if ind["tool"] not in tools:
            raise c.fail(["indicators", i, "tool"], _("เครื่องมือต้องเป็น IIT, EIT หรือ OIT"))
        indicator_tool[number] = ind["tool"]
    if sorted(indicator_tool) != list(range(1, 11)):
        missing = sorted(set(range(1, 11)) - set(indicator_tool))
        raise c.fail(["indicators"], _("ต้องมีตัวชี้วัดที่ 1 ถึง 10 ครบ (ขาดข้อ %(n)s)") % {"n": missing[0]})
    for code in TOOL_CODES:
        if code not in indicator_tool.values():
            raise c.fail(["indicators"], _("เครื่องมือ %(code)s ไม่มีตัวชี้วัด") % {"code": code})

    _check_bands(c, c.list_(top["bands"], ["bands"]))
    _check_items(c, top, indicator_tool)
    return top


def _check_bands(c: _Checker, bands: list[Any]) -> None:
    if not bands:
        raise c.fail(["bands"], _("ต้องมีเกณฑ์ระดับคะแนนอย่างน้อยหนึ่งระดับ"))
    grades: set[str] = set()
    ranges: list[tuple[Decimal, Decimal, int]] = []
    for i, band in enumerate(bands):
        band = c.obj(band, ["bands", i], {"grade", "min", "max"})
        grade = c.text_(band["grade"], ["bands", i, "grade"])
        if grade in grades:
            raise c.fail(["bands", i, "grade"], _('ระดับ "%(g)s" ซ้ำ') % {"g": grade})
        grades.add(grade)
        low, high = c.number(band["min"], ["bands", i, "min"]), c.number(band["max"], ["bands", i, "max"])
        if low > high:
            raise c.fail(["bands", i], _('ระดับ "%(g)s": คะแนนต่ำสุดมากกว่าสูงสุด') % {"g": grade})
        ranges.append((low, high, i))
    ranges.sort(reverse=True)
    if ranges[0][1] != 100:
        raise c.fail(["bands", ranges[0][2], "max"], _("ระดับสูงสุดต้องจบที่ 100"))
    if ranges[-1][0] != 0:
        raise c.fail(["bands", ranges[-1][2], "min"], _("ระดับต่ำสุดต้องเริ่มที่ 0"))
    for (upper_low, _h, _i), (_l, lower_high, lower_i) in pairwise(ranges):
        if upper_low - lower_high != _STEP:
            raise c.fail(
                ["bands", lower_i, "max"],
                _("เกณฑ์ระดับคะแนนต้องต่อเนื่องกัน: %(a)s ต่อจาก %(b)s ไม่ได้ (ต้องห่างกัน 0.01)")
                % {"a": upper_low, "b": lower_high},
            )


def _check_items(c: _Checker, top: dict[str, Any], indicator_tool: dict[int, str]) -> None:
    codes: dict[str, int] = {}
    topics: dict[str, int] = {}
    oit_indicators = sorted(n for n, tool in indicator_tool.items() if tool == "OIT")
    for i, item in enumerate(c.list_(top["oit_items"], ["oit_items"])):
        path: list[str | int] = ["oit_items", i]
        item = c.obj(item, path, _ITEM_REQUIRED, {"note"})
        code = c.text_(item["code"], [*path, "code"]).strip()
        if code.lower() in codes:
            raise c.fail(
                [*path, "code"], _('รหัสข้อ "%(code)s" ซ้ำกับรายการที่ %(n)s') % {"code": code, "n": codes[code.lower()]}
            )
        codes[code.lower()] = i + 1
        c.text_(item["title"], [*path, "title"])
        if item["indicator"] not in oit_indicators or isinstance(item["indicator"], bool):
            raise c.fail(
                [*path, "indicator"],
                _("ข้อ %(code)s: ตัวชี้วัดต้องเป็นตัวชี้วัดของ OIT (%(allowed)s)")
                % {"code": code, "allowed": ", ".join(map(str, oit_indicators))},
            )
        topic = c.text_(item["topic"], [*path, "topic"])
        if not _TOPIC.match(topic):
            raise c.fail(
                [*path, "topic"], _('หัวข้อ "%(t)s" ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข และขีด เช่น no-gift') % {"t": topic}
            )
        if topic in topics:
            raise c.fail([*path, "topic"], _('หัวข้อ "%(t)s" ซ้ำกับรายการที่ %(n)s') % {"t": topic, "n": topics[topic]})
        topics[topic] = i + 1
        for j, part in enumerate(c.list_(item["contents"], [*path, "contents"])):
            c.text_(part, [*path, "contents", j])
        if item["covers"] is not None:
            covers = c.obj(item["covers"], [*path, "covers"], {"fiscal_year_offset", "round"})
            c.int_(covers["fiscal_year_offset"], [*path, "covers", "fiscal_year_offset"], -2, 1)
            if covers["round"] is not None:
                c.int_(covers["round"], [*path, "covers", "round"], 1, 2)
        c.bool_(item["confirmed"], [*path, "confirmed"])
        if "note" in item:
            c.text_(item["note"], [*path, "note"], blank=True)
    for i, code in enumerate(c.list_(top.get("unknown_items", []), ["unknown_items"])):
        if c.text_(code, ["unknown_items", i]).strip().lower() in codes:
            raise c.fail(["unknown_items", i], _('รหัสข้อ "%(code)s" มีอยู่ในรายการแล้ว') % {"code": code})
