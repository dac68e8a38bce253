"""Catalogue versions: the shipped file on first use, a superuser's upload or item edit as a new version."""

from __future__ import annotations

import json
from typing import Any

import pytest

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.ita import services
from prongsai.ita.catalogue import CatalogueError
from prongsai.ita.models import Catalogue

from .conftest import World, shipped


def upload(actor: Any, content: dict[str, Any], name: str = "2568.json") -> Catalogue:
    data = json.dumps(content, ensure_ascii=False, indent=2).encode("utf-8")
    return services.upload_catalogue(actor, filename=name, data=data)


def test_the_shipped_file_is_stored_as_version_1_on_first_use(db: Any) -> None:
    assert not Catalogue.objects.exists()
    first = services.active_catalogue(2568)
    assert (first.version, first.is_active, first.uploaded_by, first.source_name) == (1, True, None, "2568.json")
    assert services.active_catalogue(2568) == first
    assert Catalogue.objects.count() == 1


def test_a_corrected_file_becomes_the_active_new_version(root: Any) -> None:
    content = shipped(2568)
    content["oit_items"][4]["title"] = "คู่มือการปฏิบัติงาน"
    second = upload(root, content)
    assert (second.version, second.is_active, second.uploaded_by) == (2, True, root)
    assert services.active_catalogue(2568) == second
    assert list(Catalogue.objects.filter(year=2568).values_list("version", "is_active")) == [(2, True), (1, False)]


def test_a_file_with_an_error_is_refused_with_its_line_and_nothing_is_written(root: Any) -> None:
    content = shipped(2568)
    content["tools"][0]["weight"] = 35
    with pytest.raises(CatalogueError) as caught:
        upload(root, content)
    assert caught.value.message.startswith("2568.json บรรทัดที่ ")
    assert not Catalogue.objects.filter(year=2568).exists()


def test_the_same_content_again_is_not_a_new_version(root: Any) -> None:
    services.active_catalogue(2568)
    with pytest.raises(ServiceError) as caught:
        upload(root, shipped(2568))
    assert "เหมือนฉบับที่ใช้อยู่ (ฉบับที่ 1)" in caught.value.message


def test_a_new_year_can_be_uploaded(root: Any) -> None:
    content = shipped(2569)
    content["year"] = 2570
    assert upload(root, content, "2570.json").version == 1
    assert 2570 in services.catalogue_years()


def test_editing_one_item_makes_a_new_version_and_keeps_the_old(root: Any) -> None:
    edited = services.edit_catalogue_item(root, 2569, "o25", {"confirmed": True, "contents": ["ผลการวิเคราะห์"]})
    assert edited.version == 2
    assert edited.item("O25")["confirmed"] is True and edited.item("O25")["contents"] == ["ผลการวิเคราะห์"]
    assert Catalogue.objects.get(year=2569, version=1).item("O25")["confirmed"] is False


def test_an_item_edit_that_breaks_the_catalogue_is_refused(root: Any) -> None:
    services.active_catalogue(2566)
    with pytest.raises(CatalogueError) as caught:
        services.edit_catalogue_item(root, 2566, "o2", {"topic": "structure"})
    assert 'หัวข้อ "structure" ซ้ำกับรายการที่ 1' in caught.value.message
    assert Catalogue.objects.filter(year=2566).count() == 1


def test_an_organisation_admin_may_not_change_a_catalogue(world: World) -> None:
    with pytest.raises(NotAllowed):
        upload(world.somchai.user, shipped(2568))
    with pytest.raises(NotAllowed):
        services.edit_catalogue_item(world.somchai.user, 2566, "o1", {"confirmed": False})
