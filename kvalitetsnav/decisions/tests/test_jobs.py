"""Import jobs: run in the background with progress, fail with rows named, never run twice."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kvalitetsnav.core.audit import verify_chain
from kvalitetsnav.decisions import importer, jobs
from kvalitetsnav.decisions.models import Decision, ImportJob, ImportJobStatus

from . import factories as f
from .test_import import GOOD, csv_bytes

BAD_ROW = "B-3;hemtjanst-a;SoL;Hemtjänst;2025-03-10;K;1950;2025-02-01;;;;"


def queue(world, data, **kwargs):
    f.kind()
    return jobs.job_create(
        actor=world.quality_a, board=world.board_a, filename="beslut.csv", data=data, **kwargs
    )


def status(job):
    job.refresh_from_db()
    return job.status


@pytest.mark.django_db
def test_a_job_runs_to_done_counting_its_progress_and_forgets_the_file(world, monkeypatch):
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 1)
    seen = []
    original = importer.import_decisions

    def spy(**kwargs):
        report = kwargs["progress"]

        def progress(done, total):
            report(done, total)
            seen.append(ImportJob.objects.values_list("status", "rows_done", "rows_total").get())

        return original(**{**kwargs, "progress": progress})

    monkeypatch.setattr(importer, "import_decisions", spy)
    job = queue(world, csv_bytes(GOOD))
    assert jobs.run(job.pk)
    assert seen == [("running", 1, 2), ("running", 2, 2), ("running", 2, 2)]
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total, job.attempts) == ("done", 2, 2, 1)
    assert job.result["created"] == 2 and job.result["errors"] == []
    assert bytes(job.data) == b"" and job.finished_at
    assert Decision.objects.count() == 2
    assert list(verify_chain()) == []


@pytest.mark.django_db
def test_a_bad_file_fails_with_every_bad_row_named_and_nothing_written(world):
    job = queue(world, csv_bytes([*GOOD, BAD_ROW]))
    jobs.run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED and job.result["refused"]
    assert job.result["errors"] == [
        {
            "line": 4,
            "reference": "B-3",
            "messages": ["Verkställt kan inte ligga före beslutsdatum."],
        }
    ]
    assert Decision.objects.count() == 0


@pytest.mark.django_db
def test_valid_only_writes_the_good_rows_and_reports_the_rest(world):
    job = queue(world, csv_bytes([*GOOD, BAD_ROW]), valid_only=True)
    jobs.run(job.pk)
    job.refresh_from_db()
    assert job.status == "done" and job.result["created"] == 2
    assert [e["line"] for e in job.result["errors"]] == [4]


@pytest.mark.django_db
def test_a_file_without_the_needed_columns_fails_with_a_message(world):
    job = queue(world, b"id;datum\r\n1;2025-01-01\r\n")
    jobs.run(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "Kolumner saknas i filen" in job.result["message"]


@pytest.mark.django_db
def test_a_job_can_be_claimed_once_only(world):
    job = queue(world, csv_bytes(GOOD))
    assert jobs.claim(job.pk, "first")
    assert not jobs.claim(job.pk, "second")
    assert not jobs.run(job.pk)  # running already: a second runner does nothing
    assert Decision.objects.count() == 0
    assert ImportJob.objects.get(pk=job.pk).claim_token == "first"


@pytest.mark.django_db
def test_a_finished_job_is_not_run_again(world):
    job = queue(world, csv_bytes(GOOD))
    assert jobs.run(job.pk)
    assert not jobs.run(job.pk)
    assert ImportJob.objects.get(pk=job.pk).attempts == 1


@pytest.mark.django_db
def test_a_runner_that_lost_its_job_writes_nothing(world, monkeypatch):
    """A job restarted under a runner that was only slow: the slow one's writes roll back."""
    job = queue(world, csv_bytes(GOOD))
    original = importer.import_decisions

    def taken_over(**kwargs):
        def before_commit(result):
            ImportJob.objects.filter(pk=job.pk).update(claim_token="someone-else")
            kwargs["before_commit"](result)

        return original(**{**kwargs, "before_commit": before_commit})

    monkeypatch.setattr(importer, "import_decisions", taken_over)
    assert not jobs.run(job.pk)
    assert Decision.objects.count() == 0
    assert status(job) == "running"


@pytest.mark.django_db
def test_a_job_whose_process_died_is_stale_and_the_worker_restarts_it(world):
    job = queue(world, csv_bytes(GOOD))
    assert jobs.claim(job.pk, "died")
    old = timezone.now() - dt.timedelta(minutes=10)
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=old)
    assert list(ImportJob.objects.stale(timezone.now())) == [job]
    call_command("send_reminders")  # the worker
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 2)
    assert Decision.objects.count() == 2


@pytest.mark.django_db
def test_a_running_job_with_a_fresh_heartbeat_cannot_be_restarted(world):
    job = queue(world, csv_bytes(GOOD))
    jobs.claim(job.pk, "alive")
    assert not jobs.restart(actor=world.quality_a, job=job)
    assert status(job) == "running"


@pytest.mark.django_db
def test_a_job_that_keeps_dying_is_failed_by_the_worker(world):
    job = queue(world, csv_bytes(GOOD))
    old = timezone.now() - dt.timedelta(minutes=10)
    ImportJob.objects.filter(pk=job.pk).update(status="running", attempts=3, heartbeat_at=old)
    jobs.run_pending()
    job.refresh_from_db()
    assert job.status == "failed" and "upprepade gånger" in job.result["message"]


@pytest.mark.django_db
def test_a_large_file_is_queued_and_the_page_shows_a_progress_bar(client, world, monkeypatch):
    f.kind()
    monkeypatch.setattr(jobs, "INLINE_BYTES", 10)
    client.force_login(world.quality_a)
    upload = _upload(csv_bytes(GOOD))
    response = client.post(reverse("decisions:import"), {"board": "namnd-a", "file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "<progress" in page and 'hx-trigger="every 2s"' in page
    jobs.run(job.pk)  # what the thread started on commit does
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    text = fragment.content.decode()
    assert "Importen är klar" in text and "hx-trigger" not in text and "<html" not in text


@pytest.mark.django_db
def test_a_small_file_is_imported_at_once_and_listed_among_recent_imports(client, world):
    f.kind()
    client.force_login(world.quality_a)
    response = client.post(
        reverse("decisions:import"), {"board": "namnd-a", "file": _upload(csv_bytes(GOOD))}
    )
    text = response.content.decode()
    assert "Importen är klar" in text and "Senaste importer" in text
    assert ImportJob.objects.get().status == "done"


@pytest.mark.django_db
def test_a_stale_job_page_offers_a_restart_that_queues_it(client, world, monkeypatch):
    job = queue(world, csv_bytes(GOOD))
    jobs.claim(job.pk, "died")
    ImportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - dt.timedelta(minutes=10)
    )
    client.force_login(world.quality_a)
    assert "Starta om importen" in client.get(job.get_absolute_url()).content.decode()
    started = []
    monkeypatch.setattr(jobs, "start_in_thread", started.append)
    response = client.post(reverse("decisions:import_job_restart", args=[job.pk]))
    assert response.status_code == 302 and started == [job.pk]
    assert status(job) == "queued"


def _upload(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("beslut.csv", data, content_type="text/csv")


@pytest.mark.django_db
def test_the_api_reports_a_jobs_progress_and_every_bad_row(world, client):
    from kvalitetsnav.accounts import services as account_services

    job = queue(world, csv_bytes([*GOOD, BAD_ROW]))
    _, token = account_services.api_token_create(actor=None, user=world.quality_a, name="t")
    url = f"/api/v1/decisions/import-jobs/{job.pk}"
    headers = {"Authorization": f"Bearer {token}"}
    queued = client.get(url, headers=headers).json()
    assert (queued["status"], queued["rows_total"], queued["errors"]) == ("queued", 0, [])
    jobs.run(job.pk)
    failed = client.get(url, headers=headers).json()
    assert failed["status"] == "failed" and failed["refused"]
    assert failed["errors"][0]["line"] == 4 and failed["rows_done"] == 3


@pytest.mark.django_db
def test_a_job_queued_long_ago_that_nobody_picked_up_can_be_started_again(world):
    job = queue(world, csv_bytes(GOOD))
    assert not job.is_stale(timezone.now())
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=10))
    job.refresh_from_db()
    assert job.is_stale(timezone.now())
    assert jobs.restart(actor=world.quality_a, job=job)
    assert jobs.run(job.pk) and status(job) == "done"
