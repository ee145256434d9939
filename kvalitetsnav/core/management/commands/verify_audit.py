"""Check the audit log's hash chain; exit non-zero if an entry was changed or removed."""

from django.core.management.base import BaseCommand, CommandError

from kvalitetsnav.core.audit import verify_chain
from kvalitetsnav.core.models import AuditEvent


class Command(BaseCommand):
    help = "Verifies the hash chain of the audit log. Exits with status 1 on a break."

    def handle(self, *args, **options):
        breaks = list(verify_chain())
        total = AuditEvent.objects.count()
        if breaks:
            for item in breaks[:50]:
                self.stderr.write(f"entry {item.event_id}: {item.reason}")
            raise CommandError(
                f"The audit log is broken in {len(breaks)} place(s) of {total} entries."
            )
        self.stdout.write(self.style.SUCCESS(f"The audit log is intact: {total} entries verified."))
