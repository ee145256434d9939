"""The open form: six languages, no login, receipt and code, and its defences."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from kvalitetsnav.feedback.models import Feedback, FollowUp, Status
from kvalitetsnav.feedback.public_texts import TEXTS

LANGS = ["sv", "en", "ar", "so", "fa", "fi"]


def _form_data(world, area, **extra):
    return {
        "kind": "klagomal",
        "board": world.board_a.code,
        "service_area": str(area.pk),
        "description": "Personalen kom två timmar för sent.",
        "wish": "",
        **extra,
    }


def _submit(client, world, area, lang="sv", **extra):
    return client.post(
        reverse("feedback_public:form", kwargs={"lang": lang}), _form_data(world, area, **extra)
    )


def test_every_language_has_every_text():
    for lang in LANGS:
        assert set(TEXTS[lang]) == set(TEXTS["sv"]), lang


@pytest.mark.parametrize("lang", LANGS)
def test_the_form_is_shown_in_each_language_without_login(client, world, lang):
    response = client.get(reverse("feedback_public:form", kwargs={"lang": lang}))
    assert response.status_code == 200
    html = response.content.decode()
    direction = "rtl" if lang in ("ar", "fa") else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert TEXTS[lang]["title"] in html
    assert 'hreflang="ar"' in html and 'hreflang="fi"' in html


def test_the_start_address_follows_the_browsers_language(client, world):
    response = client.get("/lamna-synpunkt/", HTTP_ACCEPT_LANGUAGE="fa-IR,fa;q=0.9")
    assert response.url == "/lamna-synpunkt/fa/"


def test_an_anonymous_resident_submits_and_follows_their_case(client, world, home_care):
    response = _submit(client, world, home_care, lang="ar", description="لم يأت أحد صباح اليوم.")
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.language == "ar"
    assert feedback.node == world.unit_a  # routed by the board's choice for the area
    assert feedback.is_anonymous
    assert feedback.receipt_number.startswith("SYN-")

    receipt = client.get(response.url)
    shown = receipt.context["shown"]
    assert shown["number"] == feedback.receipt_number
    assert shown["code"] not in feedback.key_hash
    # The code is shown once only.
    assert client.get(response.url).context["shown"] is None

    other = Client()  # later, from another phone
    status_url = reverse("feedback_public:status", kwargs={"lang": "ar"})
    found = other.post(status_url, {"receipt_number": shown["number"], "code": shown["code"]})
    assert found.status_code == 302
    page = other.get(status_url)
    assert page.context["feedback"] == feedback
    assert TEXTS["ar"]["status_mottagen"] in page.content.decode()

    added = other.post(
        reverse("feedback_public:follow_up", kwargs={"lang": "ar"}), {"text": "وأيضًا يوم الأربعاء."}
    )
    assert added.status_code == 200
    assert TEXTS["ar"]["added"] in added.content.decode()
    assert FollowUp.objects.get().text == "وأيضًا يوم الأربعاء."


def test_a_wrong_code_and_an_unknown_number_get_the_same_answer(client, world, home_care):
    _submit(client, world, home_care)
    number = Feedback.objects.get().receipt_number
    url = reverse("feedback_public:status", kwargs={"lang": "en"})
    wrong = client.post(url, {"receipt_number": number, "code": "AAAA-BBBB"})
    unknown = client.post(url, {"receipt_number": "SYN-1999-0001", "code": "AAAA-BBBB"})
    assert wrong.status_code == unknown.status_code == 404
    assert TEXTS["en"]["not_found"] in wrong.content.decode()
    assert wrong.context["feedback"] is None and unknown.context["feedback"] is None


def test_an_addition_needs_number_and_code_first(client, world):
    response = client.post(
        reverse("feedback_public:follow_up", kwargs={"lang": "sv"}), {"text": "Hej"}
    )
    assert response.status_code == 302
    assert not FollowUp.objects.exists()


def test_an_email_address_gets_a_confirmation_in_the_senders_language(
    client, world, home_care, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _submit(client, world, home_care, lang="fi", contact_email="asukas@example.org")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["asukas@example.org"]
    assert "Olemme vastaanottaneet palautteesi" in message.subject
    code = client.get(reverse("feedback_public:receipt", kwargs={"lang": "fi"})).context["shown"]
    assert code["code"] not in message.body  # the secret never travels by mail


def test_too_many_submissions_from_one_address_are_refused_in_the_users_language(
    client, world, home_care, settings
):
    settings.KVN_FEEDBACK_SUBMIT_LIMIT = 2
    for _ in range(2):
        assert _submit(client, world, home_care, lang="so").status_code == 302
    refused = _submit(client, world, home_care, lang="so")
    assert refused.status_code == 429
    assert TEXTS["so"]["err_rate"] in refused.content.decode()
    assert Feedback.objects.count() == 2
    # What was typed is kept.
    assert "Personalen kom två timmar för sent." in refused.content.decode()


def test_status_lookups_are_limited_too(client, world, settings):
    settings.KVN_FEEDBACK_LOOKUP_LIMIT = 3
    url = reverse("feedback_public:status", kwargs={"lang": "sv"})
    answers = [
        client.post(url, {"receipt_number": "SYN-2026-0001", "code": f"AAAA-BBB{i}"}).status_code
        for i in range(4)
    ]
    assert answers == [404, 404, 404, 429]


def test_a_filled_honeypot_is_refused(client, world, home_care):
    response = _submit(client, world, home_care, lang="en", website="http://spam.example")
    assert response.status_code == 400
    assert TEXTS["en"]["err_refused"] in response.content.decode()
    assert not Feedback.objects.exists()


def test_oversize_text_is_refused_with_a_message_in_the_users_language(client, world, home_care):
    response = _submit(client, world, home_care, lang="fa", description="x" * 5001)
    assert response.status_code == 400
    assert TEXTS["fa"]["err_too_long"] % {"max": 5000} in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_missing_field_is_named_in_the_users_language(client, world, home_care):
    response = _submit(client, world, home_care, lang="ar", description="")
    assert response.status_code == 400
    assert TEXTS["ar"]["err_required"] in response.content.decode()


def test_script_from_the_public_is_never_rendered_as_html(client, world, home_care):
    payload = '<script>alert("x")</script><b>fet</b>'
    _submit(client, world, home_care, description=payload)
    feedback = Feedback.objects.get()
    assert feedback.description == payload  # stored as written
    client.force_login(world.manager_a)
    html = client.get(feedback.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<b>fet</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_the_form_needs_its_csrf_token(world, home_care):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("feedback_public:form", kwargs={"lang": "sv"}), _form_data(world, home_care)
    )
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_an_area_without_a_route_goes_to_the_board_for_triage(client, world):
    from kvalitetsnav.feedback.models import ServiceArea

    other = ServiceArea.objects.get(name="Annat")
    _submit(client, world, other)
    assert Feedback.objects.get().node == world.board_a


def test_the_reply_is_shown_to_the_sender(client, world, home_care):
    from kvalitetsnav.feedback import services

    feedback, code = services.feedback_submit_public(
        board=world.board_a, service_area=home_care, kind="klagomal", description="Sent besök."
    )
    services.feedback_reply(
        actor=world.manager_a,
        feedback=feedback,
        version=feedback.version,
        replied_on=feedback.received_on,
        reply_method="arendesida",
        reply_text="Vi beklagar. Vi har ändrat körlistan.",
    )
    url = reverse("feedback_public:status", kwargs={"lang": "sv"})
    client.post(url, {"receipt_number": feedback.receipt_number.lower(), "code": code.lower()})
    page = client.get(url).content.decode()
    assert "Vi har ändrat körlistan." in page
    assert TEXTS["sv"]["status_besvarad"] in page
    feedback.refresh_from_db()
    assert feedback.status == Status.REPLIED
