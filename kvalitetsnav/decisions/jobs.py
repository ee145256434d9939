"""Import jobs: a large file is imported in the background with its progress counted.

A job is run by whoever claims it first with a conditional UPDATE (``status`` from
queued to running, with a fresh ``claim_token``), so it never runs twice: the thread
started when the file was sent (enough for ``runserver`` alone) or the worker
(``manage.py send_reminders --loop``, which calls :func:`run_pending`). While it runs,
the runner writes the rows checked and a heartbeat, each conditional on its token; the
rows are written and the job marked done in one transaction. A job whose heartbeat has
stopped lost its process: it can be restarted (the worker does it by itself, up to
:data:`MAX_ATTEMPTS` times); a restarted run is harmless because the import is an upsert
and the first run's writes were rolled back with its transaction. See docs/adr/0006.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections, connections, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.core.models import OrgNode

from . import importer
from .models import ImportJob, ImportJobStatus, ImportMapping, stale_before
from .policies import may_mark_reported

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# Files up to this size are imported at once, in the request (a few thousand rows).
INLINE_BYTES = getattr(settings, "KVN_IMPORT_INLINE_BYTES", 256 * 1024)


class JobLost(Exception):
    """The job was restarted by someone else while this runner still held it."""


def job_create(
    *,
    actor: User,
    board: OrgNode,
    filename: str,
    data: bytes,
    mapping: ImportMapping | None = None,
    valid_only: bool = False,
) -> ImportJob:
    """Queue a file for import into ``board``'s register."""
    if not _manages_inside(actor, board):
        raise PermissionDenied
    if not data:
        raise ValidationError({"file": _("Filen är tom.")})
    if mapping is not None and mapping.board_id != board.pk:
        raise ValidationError({"mapping": _("Mappningen hör till en annan nämnd.")})
    return ImportJob.objects.create(
        board=board,
        created_by=actor,
        filename=filename[:255],
        size=len(data),
        data=data,
        mapping_name=mapping.name if mapping else "",
        columns=mapping.columns if mapping else {},
        date_format=mapping.date_format if mapping else ImportJob.date_format.field.default,
        valid_only=valid_only,
    )


def _manages_inside(actor: User, board: OrgNode) -> bool:
    return nodes_with(actor, Cap.MANAGE_RECORDS).filter(path__startswith=board.path).exists()


def may_see_job(user: User, job: ImportJob) -> bool:
    return job.created_by_id == user.pk or may_mark_reported(user, job.board)


def claim(job_id, token: str) -> bool:
    """Take a queued job for this runner; False when someone else already has it."""
    now = timezone.now()
    return bool(
        ImportJob.objects.filter(pk=job_id, status=ImportJobStatus.QUEUED).update(
            status=ImportJobStatus.RUNNING,
            claim_token=token,
            attempts=F("attempts") + 1,
            started_at=now,
            heartbeat_at=now,
            rows_done=0,
            rows_total=0,
            writing=False,
        )
    )


def restart(*, actor: User | None, job: ImportJob) -> bool:
    """Put a job whose runner died (stale heartbeat) back in the queue."""
    if actor is not None and not may_see_job(actor, job):
        raise PermissionDenied
    now = timezone.now()
    limit = stale_before(now)
    requeued = (
        ImportJob.objects.filter(pk=job.pk)
        .filter(
            Q(status=ImportJobStatus.RUNNING, heartbeat_at__lt=limit)
            | Q(status=ImportJobStatus.QUEUED, heartbeat_at__isnull=True, created_at__lt=limit)
            | Q(status=ImportJobStatus.QUEUED, heartbeat_at__lt=limit)
        )
        .update(status=ImportJobStatus.QUEUED, claim_token="", heartbeat_at=now, writing=False)
    )
    return bool(requeued)


def _mine(job_id, token: str):
    return ImportJob.objects.filter(pk=job_id, claim_token=token, status=ImportJobStatus.RUNNING)


def run(job_id) -> bool:
    """Claim and run one job to done or failed; False when it was not ours to run."""
    token = secrets.token_hex(16)
    if not claim(job_id, token):
        return False
    job = ImportJob.objects.select_related("board", "created_by").get(pk=job_id)

    def progress(done: int, total: int) -> None:
        # When every row is checked, the rows are written next.
        beat = {"rows_done": done, "rows_total": total, "writing": done == total}
        if not _mine(job_id, token).update(heartbeat_at=timezone.now(), **beat):
            raise JobLost

    def before_commit(result: importer.ImportResult) -> None:
        # Inside the writing transaction: rows and status are committed together.
        if not _finish(job_id, token, ImportJobStatus.DONE, result.as_dict()):
            raise JobLost

    try:
        result = importer.import_decisions(
            actor=job.created_by,
            board=job.board,
            filename=job.filename,
            data=bytes(job.data),
            columns=job.columns or None,
            valid_only=job.valid_only,
            date_format=job.date_format,
            progress=progress,
            before_commit=before_commit,
        )
    except JobLost:
        log.warning("Import job %s was taken over by another runner.", job_id)
        return False
    except ValidationError as error:
        _finish(job_id, token, ImportJobStatus.FAILED, {"message": " ".join(error.messages)})
        return True
    except PermissionDenied:
        message = _("Du har inte längre behörighet att importera beslut för nämnden.")
        _finish(job_id, token, ImportJobStatus.FAILED, {"message": message})
        return True
    except Exception:
        log.exception("Import job %s failed.", job_id)
        message = _("Ett oväntat fel inträffade. Ingenting har sparats; försök igen.")
        _finish(job_id, token, ImportJobStatus.FAILED, {"message": message})
        return True
    if result.refused:
        _finish(job_id, token, ImportJobStatus.FAILED, result.as_dict())
    return True


def _finish(job_id, token: str, status: str, result: dict) -> bool:
    now = timezone.now()
    return bool(
        _mine(job_id, token).update(
            status=status,
            result=result,
            finished_at=now,
            heartbeat_at=now,
            writing=False,
            rows_done=F("rows_total"),
            data=b"",  # the file is not kept once it has been read
        )
    )


def run_pending(today: dt.date | None = None) -> int:
    """Run every queued job, restarting stale ones first; how many were run (for the worker)."""
    now = timezone.now()
    stale = ImportJob.objects.stale(now)
    for job in stale.filter(attempts__lt=MAX_ATTEMPTS):
        restart(actor=None, job=job)
    stale.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=ImportJobStatus.FAILED,
        finished_at=now,
        data=b"",
        result={"message": _("Importen avbröts upprepade gånger. Ingenting har sparats.")},
    )
    ran = 0
    for job_id in ImportJob.objects.filter(status=ImportJobStatus.QUEUED).values_list(
        "pk", flat=True
    ):
        ran += run(job_id)
    return ran


def _thread_main(job_id) -> None:
    close_old_connections()
    try:
        run(job_id)
    except Exception:
        log.exception("Import job %s failed in its thread.", job_id)
    finally:
        connections.close_all()


def start_in_thread(job_id) -> threading.Thread:
    """Run the job in a thread of this process, once the job's row is committed."""
    thread = threading.Thread(target=_thread_main, args=(job_id,), daemon=True)
    transaction.on_commit(thread.start)
    return thread
