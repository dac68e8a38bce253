"""prongsai add-overseer USERNAME --national | --province NAME [--district NAME]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core.errors import ServiceError
from prongsai.orgs.models import OversightLevel
from prongsai.orgs.services import add_oversight, system_user


class Command(BaseCommand):
    help = "Give a person read-only oversight of a district, a province or the whole country."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--national", action="store_true")
        parser.add_argument("--province", default="")
        parser.add_argument("--district", default="")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["national"]:
            level = OversightLevel.NATIONAL
        elif opts["district"]:
            level = OversightLevel.DISTRICT
        elif opts["province"]:
            level = OversightLevel.PROVINCE
        else:
            raise CommandError("ระบุ --national หรือ --province ชื่อจังหวัด [--district ชื่ออำเภอ]")
        try:
            oversight = add_oversight(
                system_user(),
                username=opts["username"],
                level=level,
                province=opts["province"],
                district=opts["district"],
            )
        except ServiceError as err:
            raise CommandError(err.message) from None
        self.stdout.write(
            f"{oversight.user.username}: {oversight.get_level_display()} {oversight.province} {oversight.district}"
        )
