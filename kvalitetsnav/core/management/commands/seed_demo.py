"""Build the demo world (Järva and Skärholmen, a person per role); safe to run again.

After the organisation, people and actions (``core/demo.py``), every other app
with a ``demo`` module gets to add its records: ``<app>.demo.seed() -> str``
builds them idempotently through the app's services and returns a summary line.
"""

import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kvalitetsnav.access.roles import Role
from kvalitetsnav.accounts.validators import DEMO_PASSWORD
from kvalitetsnav.core.demo import SeedResult, seed_demo


class Command(BaseCommand):
    help = (
        "Builds the demo organisation, users and actions through the services (audited). "
        "Idempotent. Refused when the settings say production."
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo refuses to run in production: the demo users share a published "
                "password. Use it only in development, test or a demo installation."
            )
        result = seed_demo()
        self._summary(result)
        for module in self._module_seeders():
            with transaction.atomic():
                self.stdout.write(module.seed())
        self._logins(result)

    @staticmethod
    def _module_seeders():
        for config in apps.get_app_configs():
            if not config.name.startswith("kvalitetsnav.") or config.label == "core":
                continue
            try:
                yield importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise

    def _summary(self, result: SeedResult) -> None:
        if not result.changed_anything:
            self.stdout.write(
                self.style.SUCCESS("The demo world was already complete; nothing changed.")
            )
            return
        self.stdout.write(self.style.SUCCESS(
            f"Demo world ready: {result.nodes_created} org node(s) created, "
            f"{result.nodes_changed} restored, {result.users_created} user(s) created, "
            f"{result.roles_granted} role(s) granted, {result.actions_created} action(s) created."
        ))

    def _logins(self, result: SeedResult) -> None:
        rows = [("username", "role", "where", "password")] + [
            (p.username, str(Role(p.role).label), result.node_names.get(p.node, p.node),
             DEMO_PASSWORD)
            for p in result.people
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        self.stdout.write("")
        self.stdout.write("Demo logins (see docs/demo.md):")
        for index, row in enumerate(rows):
            line = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row))
            self.stdout.write(("  " + line).rstrip())
            if index == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
