"""The open pages: no login, six languages, limits against abuse, nothing rendered as HTML."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language_from_request
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kvalitetsnav.lib.client_ip import client_ip

from . import services
from .forms import FollowUpForm, LookupForm, PublicForm
from .models import PUBLIC_LANGUAGES, RTL_LANGUAGES, Attempt, Feedback
from .public_texts import LANGUAGE_NAMES, texts

_RECEIPT = "kvn_feedback_receipt"
_GRANTED = "kvn_feedback_granted"


def _context(request: HttpRequest, lang: str, page: str, **extra) -> dict:
    return {
        "lang": lang,
        "dir": "rtl" if lang in RTL_LANGUAGES else "ltr",
        "t": texts(lang),
        "languages": [
            {
                "code": code,
                "name": name,
                "url": reverse(f"feedback_public:{page}", kwargs={"lang": code}),
                "dir": "rtl" if code in RTL_LANGUAGES else "ltr",
            }
            for code, name in LANGUAGE_NAMES.items()
        ],
        **extra,
    }


def _preferred(request: HttpRequest) -> str:
    lang = (get_language_from_request(request) or "sv")[:2]
    accept = request.headers.get("Accept-Language", "")
    for part in accept.split(","):
        code = part.split(";")[0].strip()[:2].lower()
        if code in PUBLIC_LANGUAGES:
            return code
    return lang if lang in PUBLIC_LANGUAGES else "sv"


def start(request: HttpRequest) -> HttpResponse:
    """/lamna-synpunkt/ → the form in the browser's language, if we have it."""
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return redirect(reverse("feedback_public:form", kwargs={"lang": _preferred(request)}) + query)


def status_start(request: HttpRequest) -> HttpResponse:
    return redirect("feedback_public:status", lang=_preferred(request))


@never_cache
@require_http_methods(["GET", "POST"])
def feedback_form(request: HttpRequest, lang: str) -> HttpResponse:
    form = PublicForm(request.POST or None, lang=lang, board_code=request.GET.get("namnd", ""))
    refused = ""
    if request.method == "POST" and form.is_valid():
        if not services.attempt_allowed(Attempt.SUBMIT, client_ip(request)):
            refused = form.words["err_rate"]
        else:
            data = form.cleaned_data
            try:
                feedback, code = services.feedback_submit_public(
                    board=data["board"],
                    service_area=data["service_area"],
                    kind=data["kind"],
                    description=data["description"],
                    wish=data["wish"],
                    language=lang,
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    contact_phone=data["contact_phone"],
                )
            except ValidationError:
                refused = form.words["err_refused"]
            else:
                request.session[_RECEIPT] = {
                    "number": feedback.receipt_number,
                    "code": code,
                    "due": feedback.reply_due.isoformat(),
                }
                return redirect("feedback_public:receipt", lang=lang)
    elif request.method == "POST":
        refused = form.words["err_form"]
    status = 429 if refused == form.words["err_rate"] else (400 if refused else 200)
    return render(
        request,
        "feedback/public/form.html",
        _context(request, lang, "form", form=form, refused=refused),
        status=status,
    )


@never_cache
def receipt(request: HttpRequest, lang: str) -> HttpResponse:
    """The number and code, shown once: the code is not kept anywhere but the hash."""
    shown = request.session.pop(_RECEIPT, None)
    return render(
        request, "feedback/public/receipt.html", _context(request, lang, "receipt", shown=shown)
    )


def _granted(request: HttpRequest) -> Feedback | None:
    pk = request.session.get(_GRANTED)
    return Feedback.objects.filter(pk=pk).first() if pk else None


def _case_page(request, lang, feedback, *, lookup_form=None, follow_form=None, **extra):
    status = extra.pop("status_code", 200)
    context = _context(
        request,
        lang,
        "status",
        feedback=feedback,
        lookup_form=lookup_form or LookupForm(lang=lang),
        follow_form=follow_form or FollowUpForm(lang=lang),
        follow_ups=list(feedback.follow_ups.filter(from_sender=True)) if feedback else [],
        **extra,
    )
    return render(request, "feedback/public/status.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest, lang: str) -> HttpResponse:
    """With the receipt number and code, the sender sees the state and the reply."""
    if request.method == "GET":
        return _case_page(request, lang, _granted(request))
    words = texts(lang)
    form = LookupForm(request.POST, lang=lang)
    if not form.is_valid():
        return _case_page(request, lang, None, lookup_form=form, status_code=400)
    if not services.attempt_allowed(Attempt.LOOKUP, client_ip(request)):
        return _case_page(request, lang, None, lookup_form=form, refused=words["err_rate"],
                          status_code=429)  # fmt: skip
    feedback = services.feedback_find(
        form.cleaned_data["receipt_number"], form.cleaned_data["code"]
    )
    if feedback is None:
        request.session.pop(_GRANTED, None)
        return _case_page(request, lang, None, lookup_form=form, refused=words["not_found"],
                          status_code=404)  # fmt: skip
    request.session.cycle_key()
    request.session[_GRANTED] = str(feedback.pk)
    return redirect("feedback_public:status", lang=lang)


@require_POST
def follow_up(request: HttpRequest, lang: str) -> HttpResponse:
    """The sender adds to their case; only after showing number and code in this session."""
    feedback = _granted(request)
    if feedback is None:
        return redirect("feedback_public:status", lang=lang)
    form = FollowUpForm(request.POST, lang=lang)
    if not form.is_valid():
        return _case_page(request, lang, feedback, follow_form=form, status_code=400)
    if not services.attempt_allowed(Attempt.SUBMIT, client_ip(request)):
        return _case_page(request, lang, feedback, follow_form=form,
                          refused=texts(lang)["err_rate"], status_code=429)  # fmt: skip
    services.feedback_add_follow_up(
        feedback=feedback, text=form.cleaned_data["text"], language=lang
    )
    return _case_page(request, lang, feedback, added=texts(lang)["added"])
