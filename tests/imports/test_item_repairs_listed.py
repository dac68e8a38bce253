"""A label before a cell's numbered items does not stop the split, and the officer sees what was dropped."""

from __future__ import annotations

from prongsai.imports.readers import read_document

CSV = (
    "ลำดับ,มาตรการ,วิธีการดำเนินการ,ผลการดำเนินการ\n"
    '1,จัดทำประกาศเจตนารมณ์,"ขั้นตอน ๑) จัดทำร่าง ๒) เสนอนายกลงนาม","ผลการดำเนินการ มีดังนี้ : ๑. ลงนามแล้ว ๒. เผยแพร่แล้ว"\n'
)


def test_a_labelled_cell_splits_and_the_dropped_label_is_listed_with_its_place() -> None:
    report = read_document(CSV.encode("utf-8"), filename="measures.csv")
    measure = report.measures[0]
    assert measure.results == ["ลงนามแล้ว", "เผยแพร่แล้ว"]
    assert measure.methods == ["จัดทำร่าง", "เสนอนายกลงนาม"]
    dropped = {r.before: r.place for r in report.repairs if r.kind == "item_label"}
    assert dropped == {
        "ขั้นตอน": "แถวที่ 2 คอลัมน์ 1 (วิธีการดำเนินการ)",
        "ผลการดำเนินการ มีดังนี้ :": "แถวที่ 2 คอลัมน์ 1 (ผลการดำเนินการ)",
    }
    assert any("ตัดหัวข้อที่นำหน้ารายการ" in w and "ผลการดำเนินการ" in w for w in report.warnings)
