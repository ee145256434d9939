"""python manage.py import_decisions FILE --board CODE [--mapping NAME] [--valid-only] [--user NAME]

For scheduled imports from the case system. Exits non-zero when the file is refused,
listing every bad row with its line and what is wrong.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kvalitetsnav.accounts.models import User
from kvalitetsnav.core.models import OrgLevel, OrgNode
from kvalitetsnav.decisions.importer import import_decisions
from kvalitetsnav.decisions.models import ImportMapping


class Command(BaseCommand):
    help = "Import decisions (CSV or Excel) for a board; all or nothing unless --valid-only."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--board", required=True, help="The board's code, e.g. jarva.")
        parser.add_argument("--mapping", help="The name of a saved column mapping.")
        parser.add_argument("--valid-only", action="store_true")
        parser.add_argument(
            "--user",
            help="Who the import is logged as (needs to manage the board's units). "
            "Default: the first active kvalitetsutvecklare or manager of the board.",
        )

    def handle(self, *args, file, board, mapping, valid_only, user, **options):
        node = OrgNode.objects.filter(code=board, level=OrgLevel.NAMND).first()
        if node is None:
            raise CommandError(f"Ingen nämnd med koden {board!r}.")
        columns = None
        if mapping:
            saved = ImportMapping.objects.filter(board=node, name=mapping).first()
            if saved is None:
                raise CommandError(f"Ingen mappning {mapping!r} för {node.name}.")
            columns = saved.columns
        actor = self._actor(node, user)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Filen {file} finns inte.")
        try:
            result = import_decisions(
                actor=actor,
                board=node,
                filename=path.name,
                data=path.read_bytes(),
                columns=columns,
                valid_only=valid_only,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for row_error in result.errors:
            self.stderr.write(str(row_error))
        if result.refused:
            raise CommandError(
                f"Filen importerades inte: {len(result.errors)} felaktiga rader, inget sparat."
            )
        self.stdout.write(
            f"{result.created} nya, {result.updated} ändrade, {result.unchanged} oförändrade, "
            f"{result.skipped} felaktiga rader hoppades över."
        )

    def _actor(self, board: OrgNode, username: str | None) -> User:
        if username:
            actor = User.objects.filter(username=username, is_active=True).first()
            if actor is None:
                raise CommandError(f"Ingen aktiv användare {username!r}.")
            return actor
        ancestors = [
            board.path[:i] for i in range(1, len(board.path) + 1) if board.path[i - 1] == "/"
        ]
        actor = (
            User.objects.filter(
                is_active=True,
                role_assignments__role__in=["kvalitetsutvecklare", "forvaltningsledning"],
                role_assignments__node__path__in=[board.path, *ancestors],
            )
            .order_by("username")
            .first()
        ) or (
            User.objects.filter(
                is_active=True,
                role_assignments__role__in=["kvalitetsutvecklare", "forvaltningsledning"],
                role_assignments__node__path__startswith=board.path,
            )
            .order_by("username")
            .first()
        )
        if actor is None:
            raise CommandError("Ange --user: ingen kvalitetsutvecklare eller ledning hittades.")
        return actor
