from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Scale data and benchmarks: `manage.py generate_scale_data` and `manage.py run_benchmarks`."""

    name = "kvalitetsnav.bench"
    label = "bench"
    verbose_name = "Prestandamätning"
