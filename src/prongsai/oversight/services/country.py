"""The shape of the synthetic country, decided in plain Python from a seed (no database).

Organisations come in the real proportions of local organisation types (ITA.md, "Local
organisations": 76 อบจ., 30 เทศบาลนคร, 190 เทศบาลเมือง, 2,242 เทศบาลตำบล, 5,312 อบต., 2 special =
7,852), scaled by largest remainder for a smaller --orgs, spread over the real 77 provinces (data
file) and fictitious districts ("อำเภอตัวอย่าง ๓"). Every name is fictitious and says so
("อบต.ตัวอย่าง ๑๒๓๔"). Per organisation and year: about ten measures, two rounds of progress, the
report of each round approved on time, late, or not at all, ITA scores and complaints.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from importlib import resources

from prongsai.core import thai
from prongsai.measures.models import ProgressStatus
from prongsai.orgs.models import OrgKind
from prongsai.oversight.lateness import period_end

REAL_COUNTS: list[tuple[str, int]] = [
    (OrgKind.PAO, 76),
    (OrgKind.CITY_MUNI, 30),
    (OrgKind.TOWN_MUNI, 190),
    (OrgKind.SUBDISTRICT_MUNI, 2242),
    (OrgKind.SAO, 5312),
    (OrgKind.SPECIAL, 2),
]
REAL_TOTAL = sum(n for _k, n in REAL_COUNTS)  # 7,852
NAME_PREFIX: dict[str, str] = {
    OrgKind.PAO: "อบจ.ตัวอย่าง",
    OrgKind.CITY_MUNI: "เทศบาลนครตัวอย่าง",
    OrgKind.TOWN_MUNI: "เทศบาลเมืองตัวอย่าง",
    OrgKind.SUBDISTRICT_MUNI: "เทศบาลตำบลตัวอย่าง",
    OrgKind.SAO: "อบต.ตัวอย่าง",
    OrgKind.SPECIAL: "อปท.รูปแบบพิเศษตัวอย่าง",
}
SLUG_PREFIX = "gd-"  # every generated organisation's slug starts with it (and is_demo is set)
BANGKOK = "กรุงเทพมหานคร"
PATTAYA_PROVINCE = "ชลบุรี"

# (title, methods, ITA indicators): typical measures of a local organisation (ITA.md, the seed's eight).
MEASURES: list[tuple[str, list[str], list[int]]] = [
    ("จัดทำข้อตกลงการปฏิบัติราชการระหว่างผู้บังคับบัญชากับผู้ใต้บังคับบัญชา", ["จัดทำข้อตกลงรายบุคคล", "ประชุมติดตามผลทุกเดือน"], [1]),
    ("พัฒนาบุคลากรตามแผนพัฒนาบุคลากร", ["จัดอบรมและศึกษาดูงาน", "ประกาศหลักเกณฑ์การพัฒนาบุคลากร"], [1]),
    ("ประเมินผลการปฏิบัติงานและเลื่อนขั้นเงินเดือนอย่างเป็นธรรม", ["ประกาศหลักเกณฑ์การประเมิน", "ประเมินปีละสองรอบ"], [1, 3]),
    ("ลดขั้นตอนการให้บริการ ณ จุดเดียว (One Stop Service)", ["จัดจุดบริการร่วม", "ประกาศขั้นตอนและระยะเวลา"], [6, 8]),
    ("ให้บริการออนไลน์ (E-Service) และรับเรื่องร้องเรียนออนไลน์", ["เปิดแบบฟอร์มออนไลน์", "ติดตามและตอบกลับทุกเรื่อง"], [7, 8, 9]),
    (
        "ประกาศเจตนารมณ์สุจริตและนโยบายไม่รับของขวัญ (No Gift Policy)",
        ["ผู้บริหารประกาศเจตนารมณ์", "เผยแพร่ประกาศทางเว็บไซต์"],
        [5, 10],
    ),
    ("จัดทำแผนปฏิบัติการป้องกันการทุจริตประจำปี", ["จัดทำแผนและบันทึกในระบบ", "รายงานผลทุกหกเดือน"], [5, 10]),
    ("ส่งเสริมการมีส่วนร่วมของประชาชนในการจัดทำแผนพัฒนาท้องถิ่น", ["จัดประชาคมหมู่บ้าน", "เผยแพร่ผลการประชาคม"], [6, 9]),
    ("เปิดเผยข้อมูลการจัดซื้อจัดจ้างอย่างโปร่งใส", ["ประกาศแผนจัดซื้อจัดจ้าง", "สรุปผลรายเดือน"], [2, 9]),
    ("จัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", ["กำหนดผู้รับผิดชอบ", "รายงานสถิติเรื่องร้องเรียน"], [5, 9]),
    ("ป้องกันผลประโยชน์ทับซ้อน", ["อบรมความรู้เรื่องผลประโยชน์ทับซ้อน", "จัดทำคู่มือ"], [3, 10]),
    ("ประเมินความเสี่ยงการทุจริตและการให้หรือรับสินบน", ["ประเมินความเสี่ยง", "จัดทำมาตรการควบคุม"], [10]),
    ("ใช้ทรัพย์สินของราชการอย่างถูกต้อง", ["ประกาศแนวปฏิบัติการยืมทรัพย์สิน", "ตรวจสอบทะเบียนทรัพย์สิน"], [4]),
    ("ปรับปรุงเว็บไซต์ให้เปิดเผยข้อมูลสาธารณะครบถ้วน", ["ตรวจรายการข้อมูลที่ต้องเปิดเผย", "ปรับปรุงเนื้อหาทุกเดือน"], [9]),
    ("ประชาสัมพันธ์ผลการดำเนินงานผ่านสื่อออนไลน์", ["เผยแพร่ข่าวทางเว็บไซต์และเพจ", "จัดทำจดหมายข่าว"], [7]),
    ("สำรวจความพึงพอใจของผู้รับบริการ", ["สำรวจความพึงพอใจ", "นำผลมาปรับปรุงการให้บริการ"], [6, 8]),
]
RESULTS: dict[str, list[str]] = {
    ProgressStatus.DONE: ["ดำเนินการตามแผนครบถ้วน", "รายงานผลต่อผู้บริหารแล้ว"],
    ProgressStatus.IN_PROGRESS: ["ดำเนินการไปแล้วบางส่วน"],
    ProgressStatus.NOT_STARTED: [],
    ProgressStatus.CANCELLED: ["ยกเลิกเนื่องจากไม่ได้รับงบประมาณ"],
}
# Round 1 (six months) is mostly under way; round 2 (the year) mostly done. Weights in %.
STATUS_WEIGHTS: dict[int, list[tuple[str, int]]] = {
    1: [
        (ProgressStatus.DONE, 40),
        (ProgressStatus.IN_PROGRESS, 45),
        (ProgressStatus.NOT_STARTED, 12),
        (ProgressStatus.CANCELLED, 3),
    ],
    2: [
        (ProgressStatus.DONE, 82),
        (ProgressStatus.IN_PROGRESS, 10),
        (ProgressStatus.NOT_STARTED, 5),
        (ProgressStatus.CANCELLED, 3),
    ],
}
# Mean ITA score per year (NACC: 2566 mean 90.19, 2568 93.82); other years follow the trend.
YEAR_MEAN = {2565: 87.6, 2566: 90.2, 2567: 92.0, 2568: 93.8}
COMPLAINT_SUBJECTS = ["ถนนชำรุด", "ไฟฟ้าส่องสว่างดับ", "ขยะตกค้าง", "น้ำประปาไม่ไหล", "เสียงดังรบกวน", "ขอข้อมูลงบประมาณ"]


def thai_number(n: int) -> str:
    return thai.to_thai_digits(str(n))


def provinces() -> list[str]:
    text = (resources.files("prongsai.oversight") / "data" / "provinces.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def kind_counts(total: int) -> dict[str, int]:
    """The real proportions of types scaled to `total` (largest remainder: the counts add up to `total`)."""
    shares = [(kind, real * total / REAL_TOTAL) for kind, real in REAL_COUNTS]
    counts = {kind: int(share) for kind, share in shares}
    left = total - sum(counts.values())
    for kind, _share in sorted(shares, key=lambda s: s[1] - int(s[1]), reverse=True)[:left]:
        counts[kind] += 1
    return counts


@dataclass
class OrgSpec:
    number: int
    kind: str
    province: str
    district: str
    quality: float  # latent: drives scores, progress and punctuality together

    @property
    def name(self) -> str:
        return f"{NAME_PREFIX[self.kind]} {thai_number(self.number)}"

    @property
    def slug(self) -> str:
        return f"{SLUG_PREFIX}{self.number:05d}"

    @property
    def code(self) -> str:
        return f"DEMO{self.number:05d}"


def layout(total: int, rng: random.Random) -> list[OrgSpec]:
    """Every organisation of the country: type, province, district, in a stable order."""
    counts = kind_counts(total)
    names = provinces()
    ordinary = [p for p in names if p != BANGKOK]
    if total < len(names) * 10:  # a small country: a few provinces, so each holds several organisations
        ordinary = ordinary[: max(2, min(len(ordinary), total // 20))]
    weights = [rng.uniform(0.6, 1.6) for _ in ordinary]
    placed: list[tuple[str, str]] = []
    for i in range(counts[OrgKind.PAO]):
        placed.append((OrgKind.PAO, ordinary[i % len(ordinary)]))
    specials = [BANGKOK, PATTAYA_PROVINCE if PATTAYA_PROVINCE in ordinary else ordinary[-1]]
    for i in range(counts[OrgKind.SPECIAL]):
        placed.append((OrgKind.SPECIAL, specials[i % 2]))
    for ordinary_kind in (OrgKind.CITY_MUNI, OrgKind.TOWN_MUNI, OrgKind.SUBDISTRICT_MUNI, OrgKind.SAO):
        chosen = rng.choices(ordinary, weights=weights, k=counts[ordinary_kind])
        placed.extend((str(ordinary_kind), p) for p in chosen)
    per_province: dict[str, int] = {}
    for _kind, province in placed:
        per_province[province] = per_province.get(province, 0) + 1
    districts = {p: max(2, min(30, round(n / 11))) for p, n in per_province.items()}
    out = []
    for number, (kind, province) in enumerate(placed, start=1):
        central = kind in (OrgKind.PAO, OrgKind.SPECIAL, OrgKind.CITY_MUNI)
        d = 1 if central else rng.randint(1, districts[province])
        word = "เขต" if province == BANGKOK else "อำเภอ"
        out.append(OrgSpec(number, kind, province, f"{word}ตัวอย่าง {thai_number(d)}", rng.gauss(0, 1)))
    return out


@dataclass
class MeasureSpec:
    number: int
    title: str
    methods: list[str]
    indicators: list[int]
    months: list[list[int]]
    departments: list[int]  # indexes into the organisation's departments
    statuses: dict[int, str] = field(default_factory=dict)  # round -> status


def fiscal_months(year: int, first: int = 1, last: int = 12) -> list[list[int]]:
    return [list(thai.month_of_fiscal_index(year, i)) for i in range(first, last + 1)]


def plan_measures(rng: random.Random, org: OrgSpec, year: int, n_departments: int) -> list[MeasureSpec]:
    chosen = sorted(rng.sample(range(len(MEASURES)), rng.randint(8, 12)))
    spans = [(1, 12), (1, 6), (7, 12), (1, 3)]
    out = []
    for number, index in enumerate(chosen, start=1):
        title, methods, indicators = MEASURES[index]
        first, last = spans[rng.randrange(len(spans)) if rng.random() < 0.4 else 0]
        spec = MeasureSpec(
            number=number,
            title=title,
            methods=list(methods),
            indicators=list(indicators),
            months=fiscal_months(year, first, last),
            departments=sorted(rng.sample(range(n_departments), min(n_departments, rng.choice((1, 1, 2))))),
        )
        for round_no, weights in STATUS_WEIGHTS.items():
            # A better organisation finishes more: shift the weight of "done" by its quality.
            w = [max(1.0, pct + (8 * org.quality if status == ProgressStatus.DONE else 0)) for status, pct in weights]
            spec.statuses[round_no] = rng.choices([s for s, _p in weights], weights=w)[0]
        out.append(spec)
    return out


def report_approval(rng: random.Random, org: OrgSpec, year: int, round_no: int, grace_days: int) -> date | None:
    """When the round's report was approved: mostly within the grace period, some late, some never."""
    due = period_end(year, round_no)
    roll = rng.random() - 0.03 * org.quality
    if roll < 0.84:
        return due + timedelta(days=rng.randint(1, grace_days))
    if roll < 0.94:
        return due + timedelta(days=grace_days + rng.randint(1, 90))
    return None


def ita_scores(rng: random.Random, org: OrgSpec, year: int) -> dict[int, Decimal]:
    mean = YEAR_MEAN.get(year, min(95.0, 87.6 + 2.0 * (year - 2565)))
    level = mean + 6.0 * org.quality + rng.gauss(0, 2.5)
    # OIT (9, 10) swings widest: a website item is all or nothing.
    spread = {9: 7.0, 10: 7.0, 7: 4.0}
    scores = {}
    for n in range(1, 11):
        value = min(100.0, max(20.0, level + rng.gauss(0, spread.get(n, 3.0)) - (1.5 if n in (9, 10, 7) else 0)))
        scores[n] = Decimal(f"{value:.2f}")
    return scores


@dataclass
class CaseSpec:
    kind_index: int  # into the default kinds (index 1 is the corruption report)
    subject: str
    received_at: datetime
    status: str
    channel: str


def complaints(
    rng: random.Random, year: int, now: datetime, channels: Sequence[str], statuses: Sequence[str]
) -> list[CaseSpec]:
    """0-6 cases in the fiscal year (none after `now`), about one in ten a corruption report."""
    first, last = thai.fiscal_year_bounds(year)
    span = (last - first).days
    out = []
    for _ in range(rng.choice((0, 0, 1, 1, 2, 2, 3, 4, 6))):
        day = first + timedelta(days=rng.randint(0, span))
        at = datetime(day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59), tzinfo=now.tzinfo)
        if at > now:
            continue
        kind_index = 1 if rng.random() < 0.1 else rng.choice((0, 0, 2, 3, 4))
        subject = "แจ้งเบาะแส (ตัวอย่าง)" if kind_index == 1 else f"{rng.choice(COMPLAINT_SUBJECTS)} (ตัวอย่าง)"
        out.append(CaseSpec(kind_index, subject, at, rng.choice(statuses), rng.choice(channels)))
    out.sort(key=lambda c: c.received_at)
    return out
