"""Send due reminders once, or keep doing so with ``--loop`` (the background worker)."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from kvalitetsnav.core.reminders import send_all


class Command(BaseCommand):
    help = "Sends deadline reminders by e-mail. With --loop, runs as a worker until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running.")
        parser.add_argument(
            "--interval",
            type=int,
            default=300,
            help="Seconds between rounds with --loop (default 300).",
        )

    def handle(self, *args, loop: bool, interval: int, **options):
        while True:
            sent = send_all(timezone.localdate())
            for source, count in sent.items():
                if count:
                    self.stdout.write(f"{source}: {count} reminder(s) sent")
            if not loop:
                self.stdout.write(self.style.SUCCESS(f"{sum(sent.values())} reminder(s) sent."))
                return
            time.sleep(interval)
            # A long-running worker must not hold on to a broken or outdated connection.
            close_old_connections()
