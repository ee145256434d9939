"""Attachments: an allow-list of types, a size limit, and the record's own permission check."""

from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kvalitetsnav.core.models import Attachment, AuditEvent

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


def _upload_url(record):
    ct = ContentType.objects.get_for_model(record)
    return reverse("core:attachment_upload", args=[ct.pk, str(record.pk)])


def _upload(client, record, name="protokoll.pdf", content=PDF):
    return client.post(
        _upload_url(record), {"file": SimpleUploadedFile(name, content)}, follow=True
    )


def test_the_owner_attaches_a_pdf_and_a_colleague_downloads_it(client, world, action_a):
    client.force_login(world.staff_a)
    response = _upload(client, action_a)
    assert "Filen är bifogad." in response.content.decode()
    attachment = Attachment.objects.for_object(action_a).get()
    client.force_login(world.manager_a)
    download = client.get(reverse("core:attachment_download", args=[attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert 'attachment; filename="protokoll.pdf"' in download["Content-Disposition"]


def test_a_download_is_logged_as_a_read(client, world, action_a):
    client.force_login(world.staff_a)
    _upload(client, action_a)
    attachment = Attachment.objects.get()
    client.force_login(world.inspector)
    client.get(reverse("core:attachment_download", args=[attachment.pk]))
    read = AuditEvent.objects.filter(action="read", object_id=str(attachment.pk)).get()
    assert read.actor == world.inspector


def test_someone_in_another_unit_gets_404_for_the_file(client, world, action_a):
    client.force_login(world.staff_a)
    _upload(client, action_a)
    attachment = Attachment.objects.get()
    client.force_login(world.manager_b)
    assert client.get(reverse("core:attachment_download", args=[attachment.pk])).status_code == 404
    client.force_login(world.politician_a)
    assert client.get(reverse("core:attachment_download", args=[attachment.pk])).status_code == 404


def test_it_refuses_a_type_outside_the_allow_list_with_a_swedish_message(client, world, action_a):
    client.force_login(world.manager_a)
    response = _upload(client, action_a, name="skript.exe", content=b"MZ\x90\x00")
    assert "Filtypen är inte tillåten" in response.content.decode()
    assert not Attachment.objects.exists()


def test_it_refuses_a_file_whose_content_does_not_match_its_name(client, world, action_a):
    client.force_login(world.manager_a)
    response = _upload(client, action_a, name="faktura.pdf", content=b"<html><script>")
    assert "stämmer inte med filtypen pdf" in response.content.decode()
    assert not Attachment.objects.exists()


def test_it_refuses_a_file_over_the_size_limit(client, world, action_a, settings):
    settings.KVN_ATTACHMENT_MAX_BYTES = 1024 * 1024
    client.force_login(world.manager_a)
    response = _upload(client, action_a, content=PDF + b"0" * (1024 * 1024))
    assert "Filen är för stor" in response.content.decode()
    assert not Attachment.objects.exists()


def test_files_are_stored_outside_the_web_root_under_a_random_name(
    client, world, action_a, settings
):
    client.force_login(world.manager_a)
    _upload(client, action_a, name="Anteckningar om Kalle.pdf")
    stored = Path(Attachment.objects.get().file.path)
    assert stored.is_file()
    assert "Kalle" not in stored.name
    assert not stored.is_relative_to(Path(settings.STATIC_ROOT))
    # No URL serves the storage directly: only the checked download view does.
    name = Attachment.objects.get().file.name
    assert client.get("/" + name).status_code == 404
    assert client.get("/media/" + name).status_code == 404


def test_an_inspector_may_read_but_not_attach(client, world, action_a):
    client.force_login(world.inspector)
    assert (
        client.post(_upload_url(action_a), {"file": SimpleUploadedFile("a.pdf", PDF)}).status_code
        == 403
    )
