"""Fill the database with a whole city (or one district) of records, in bulk."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from kvalitetsnav.bench.generate import already_generated, generate
from kvalitetsnav.bench.scales import SCALES


class Command(BaseCommand):
    help = (
        "Fyller databasen med en hel stad (--scale city) eller en stadsdel (--scale district) "
        "för prestandamätning. Kör mot en egen, tom databas."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="district")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale: str, seed: int, **options) -> None:
        if already_generated():
            raise CommandError(
                "This database already holds scale data; use a new database "
                "(make bench BENCH_REGENERATE=1 drops and recreates its own)."
            )
        started = time.perf_counter()
        timings = generate(SCALES[scale], seed=seed, log=lambda line: self.stdout.write(line))
        total = time.perf_counter() - started
        self.stdout.write(
            f"generated {scale} (seed {seed}) in {total:.1f} s; "
            f"{timings['audit entries']} audit entries"
        )
