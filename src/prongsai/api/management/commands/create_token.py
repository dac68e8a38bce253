"""`prongsai create-token USERNAME --name NAME`: make an API token and print it, this once only."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.api.services import create_token
from prongsai.core.errors import ServiceError


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it once (only its hash is kept)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="what the token is for, e.g. 'monthly report script'")

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f'ไม่พบผู้ใช้ "{options["username"]}"')
        try:
            api_token, token = create_token(user, options["name"])
        except ServiceError as exc:
            raise CommandError(exc.message) from None
        self.stderr.write(
            f'สร้างโทเค็น "{api_token.name}" ({api_token.prefix}…) ให้ {user.get_username()} แล้ว: เก็บไว้ให้ดี โทเค็นจะไม่แสดงอีก'
        )
        self.stdout.write(token)
