"""Create an API bearer token for a user: ``manage.py api_token USERNAME [--name NAME]``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kvalitetsnav.accounts.models import ApiToken, User
from kvalitetsnav.accounts.services import api_token_create


class Command(BaseCommand):
    help = (
        "Creates an API token for USERNAME and prints it, alone, on standard output. "
        "Only its hash is stored: the token cannot be shown again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--name", default="", help="What the token is for, e.g. the integration's name."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user with the username {username!r}.") from None
        if not user.is_active:
            raise CommandError(
                f"The user {username!r} is not active; a token for them would not work."
            )
        max_name = ApiToken._meta.get_field("name").max_length
        if len(options["name"]) > max_name:
            raise CommandError(f"The name may be at most {max_name} characters.")
        token, raw = api_token_create(actor=None, user=user, name=options["name"])
        self.stdout.write(raw)
        self.stderr.write(
            f"Token {token.prefix}… created for {username}. Keep it secret; it is shown only once."
        )
