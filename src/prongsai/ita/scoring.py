"""The ITA formula, read from a year's catalogue. Pure: no database, no Django.

Each tool (IIT, EIT, OIT) is the mean of its indicators that are present; its share is the tool's
score times its weight / 100; the ITA score is the sum of the shares, rounded to two decimals
(ROUND_HALF_UP on Decimal), and the grade is read from the rounded score. Tool scores and shares
are computed unrounded and rounded only for the result, so the shares shown may add up to the ITA
score ±0.01, as in NACC's own tables. A tool with none of its indicators present is None; the ITA
score, grade and pass need all three tools.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

TOOLS = ("IIT", "EIT", "OIT")


@dataclass(frozen=True)
class Spec:
    """The parts of a catalogue the formula needs, read once."""

    year: int
    weights: dict[str, Decimal]
    tool_indicators: dict[str, tuple[int, ...]]
    bands: tuple[tuple[str, Decimal, Decimal], ...]  # (grade, min, max), highest first
    pass_mark: Decimal
    places: int

    @classmethod
    def of(cls, catalogue: Any) -> Spec:
        """A Spec from a Spec, a catalogue's content (dict) or anything with `.content` (the model)."""
        if isinstance(catalogue, Spec):
            return catalogue
        content: Mapping[str, Any] = catalogue if isinstance(catalogue, Mapping) else catalogue.content
        tool_indicators = {
            code: tuple(sorted(i["number"] for i in content["indicators"] if i["tool"] == code)) for code in TOOLS
        }
        bands = sorted(
            ((b["grade"], Decimal(str(b["min"])), Decimal(str(b["max"]))) for b in content["bands"]),
            key=lambda band: band[1],
            reverse=True,
        )
        return cls(
            year=int(content["year"]),
            weights={t["code"]: Decimal(str(t["weight"])) for t in content["tools"]},
            tool_indicators=tool_indicators,
            bands=tuple(bands),
            pass_mark=Decimal(str(content["pass_mark"])),
            places=int(content["formula"].get("places", 2)),
        )

    def quantize(self, value: Decimal) -> Decimal:
        return value.quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP)

    def tool_of(self, indicator: int) -> str:
        return next(code for code, numbers in self.tool_indicators.items() if indicator in numbers)


@dataclass(frozen=True)
class Result:
    iit: Decimal | None
    eit: Decimal | None
    oit: Decimal | None
    iit_share: Decimal | None
    eit_share: Decimal | None
    oit_share: Decimal | None
    ita: Decimal | None
    grade: str | None
    passed: bool | None
    missing: tuple[int, ...] = ()  # indicators with no score: their tool's mean leaves them out

    @property
    def complete(self) -> bool:
        return not self.missing

    def tool(self, code: str) -> Decimal | None:
        return {"IIT": self.iit, "EIT": self.eit, "OIT": self.oit}[code]

    def share(self, code: str) -> Decimal | None:
        return {"IIT": self.iit_share, "EIT": self.eit_share, "OIT": self.oit_share}[code]


def grade_for(catalogue: Any, score: Decimal) -> str | None:
    """The grade of a score, rounded first the way the formula rounds; None outside every band."""
    spec = Spec.of(catalogue)
    rounded = spec.quantize(Decimal(score))
    return next((grade for grade, low, high in spec.bands if low <= rounded <= high), None)


def compute(catalogue: Any, scores: Mapping[int, Decimal]) -> Result:
    """IIT/EIT/OIT (0-100), their weighted shares, the ITA score, grade and pass from indicator scores.

    `scores` maps indicator numbers (1-10) to Decimal scores; absent or None means not known.
    """
    spec = Spec.of(catalogue)
    tools: dict[str, Decimal | None] = {}
    shares: dict[str, Decimal | None] = {}
    missing: list[int] = []
    for code in TOOLS:
        values = []
        for number in spec.tool_indicators[code]:
            value = scores.get(number)
            if value is None:
                missing.append(number)
            else:
                values.append(Decimal(value))
        mean = sum(values, Decimal(0)) / len(values) if values else None
        tools[code] = mean
        shares[code] = None if mean is None else mean * spec.weights[code] / 100
    ita: Decimal | None = None
    grade: str | None = None
    passed: bool | None = None
    if all(share is not None for share in shares.values()):
        ita = spec.quantize(sum((s for s in shares.values() if s is not None), Decimal(0)))
        grade = grade_for(spec, ita)
        passed = ita >= spec.pass_mark

    def q(value: Decimal | None) -> Decimal | None:
        return None if value is None else spec.quantize(value)

    return Result(
        iit=q(tools["IIT"]),
        eit=q(tools["EIT"]),
        oit=q(tools["OIT"]),
        iit_share=q(shares["IIT"]),
        eit_share=q(shares["EIT"]),
        oit_share=q(shares["OIT"]),
        ita=ita,
        grade=grade,
        passed=passed,
        missing=tuple(sorted(missing)),
    )
