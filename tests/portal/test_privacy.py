"""Personal data found before publishing: Thai ID numbers (check digit), phones, e-mails, with places."""

from __future__ import annotations

from prongsai.portal import privacy

from .conftest import CITIZEN_ID


def test_a_valid_id_number_is_found_with_and_without_dashes_or_spaces() -> None:
    for written in ("1103700248668", CITIZEN_ID, "1 1037 00248 66 8"):
        assert privacy.find(f"ผู้ร้อง {written} ขอรับบริการ") == [(privacy.ID, written)], written


def test_an_id_number_in_thai_digits_is_found() -> None:
    thai = "๑-๑๐๓๗-๐๐๒๔๘-๖๖-๘"
    assert privacy.find(f"เลขประจำตัว {thai}") == [(privacy.ID, thai)]


def test_a_wrong_check_digit_is_not_reported() -> None:
    assert privacy.find("เลขที่ 1-1037-00248-66-1 และ 1103700248661") == []


def test_thirteen_digits_inside_a_longer_number_are_not_an_id() -> None:
    assert privacy.find("รหัส 911037002486680") == []


def test_phone_numbers_and_e_mail_addresses_are_found() -> None:
    found = privacy.find("โทร 081-234-5678 หรือ 038 123 456 หรือ +66 81 234 5678 อีเมล somchai.j@example.go.th")
    assert found == [
        (privacy.PHONE, "081-234-5678"),
        (privacy.PHONE, "038 123 456"),
        (privacy.PHONE, "+66 81 234 5678"),
        (privacy.EMAIL, "somchai.j@example.go.th"),
    ]


def test_years_amounts_and_dates_are_not_phone_numbers() -> None:
    assert privacy.find("ปีงบประมาณ 2568 งบ 120,000 บาท วันที่ 01-10-2567 ครั้งที่ 12") == []


def test_each_finding_names_its_place_in_the_document() -> None:
    data = {
        "kind": "report",
        "title": "รายงาน",
        "rows": [{"number": 3, "title": "มาตรการ", "results": ["ทำแล้ว", f"ผู้ร้อง {CITIZEN_ID}"], "suggestions": ""}],
        "signatures": [{"role": "ผู้รายงาน", "name": "สมชาย", "position": "โทร 0812345678"}],
        "identifier": "1103700248668",  # not printed text: never scanned
    }
    findings = privacy.scan_data(data)
    assert [(f.kind, f.place, f.path) for f in findings] == [
        (privacy.ID, "มาตรการที่ 3 · ผลการดำเนินการ ข้อ 2", "rows.0.results.1"),
        (privacy.PHONE, "ผู้ลงนาม (ผู้รายงาน)", "signatures.0.position"),
    ]


def test_masking_changes_the_public_copy_only() -> None:
    data = {"kind": "report", "rows": [{"number": 1, "results": [f"ผู้ร้อง {CITIZEN_ID} โทร 081-234-5678"]}]}
    findings = privacy.scan_data(data)
    public = privacy.masked(data, [f for f in findings if f.kind == privacy.ID])
    assert public["rows"][0]["results"][0] == "ผู้ร้อง X-XXXX-XXXXX-XX-X โทร 081-234-5678"
    assert data["rows"][0]["results"][0] == f"ผู้ร้อง {CITIZEN_ID} โทร 081-234-5678"
    assert privacy.mask_value(privacy.EMAIL, "somchai@example.go.th") == "sXXXXXX@example.go.th"


def test_a_pdf_without_a_text_layer_is_not_checked(tmp_path: object) -> None:
    assert privacy.bytes_text(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "pdf") is None
    assert privacy.bytes_text(b"\x89PNG\r\n\x1a\n", "png") is None
    assert privacy.bytes_text("โทร 081-234-5678".encode(), "txt") == "โทร 081-234-5678"
