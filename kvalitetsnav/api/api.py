"""The versioned JSON API: /api/v1/, schema at /api/v1/openapi.json.

Who is asking: a bearer token (``Authorization: Bearer …``, for integrations) or
the browser session (CSRF checked on every unsafe method). What they may do: the
same access policies and services as the pages. Every error answers JSON in one
shape, ``{"detail": "…", "errors": {"field": ["…"]}}``; bad input is a 400.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from kvalitetsnav.accounts.models import User
from kvalitetsnav.accounts.services import api_token_user
from kvalitetsnav.core.concurrency import ConflictError
from kvalitetsnav.decisions import api as decisions_api
from kvalitetsnav.deviations import api as deviations_api
from kvalitetsnav.feedback import api as feedback_api
from kvalitetsnav.inspections import api as inspections_api
from kvalitetsnav.keyfigures import api as keyfigures_api
from kvalitetsnav.lessons import api as lessons_api
from kvalitetsnav.lexcases import api as lexcases_api
from kvalitetsnav.qualityreport import api as qualityreport_api
from kvalitetsnav.reviews import api as reviews_api
from kvalitetsnav.risks import api as risks_api
from kvalitetsnav.routines import api as routines_api

from . import actions, orgnodes

# Authentication ---------------------------------------------------------------


class TokenAuth(HttpBearer):
    """``Authorization: Bearer TOKEN``. A token that is sent but not valid is a 401 at once."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = api_token_user(token.strip())
        if user is None:
            raise AuthenticationError
        request.user = user
        return user


class SessionCsrfAuth(APIKeyCookie):
    """The browser's login session; unsafe methods need the CSRF token as the pages do.

    Unlike ninja's ``SessionAuth`` it asks for the CSRF token only once it knows
    who is asking, so that a request without any login gets 401, not 403.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if not request.user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(
                403,
                _(
                    "CSRF-kontrollen misslyckades. Skicka värdet från kakan csrftoken "
                    "i huvudet X-CSRFToken, eller använd en API-nyckel."
                ),
            )
        return request.user


api = NinjaAPI(
    title="Kvalitetsnav API",
    version="1",
    description=(
        "Kvalitetsnav's JSON API. Authenticate with `Authorization: Bearer TOKEN` "
        "(create one with `manage.py api_token USERNAME`) or the browser session. "
        "Errors answer `{detail, errors}`; bad input is 400, a stale `version` is 409."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    auth=[TokenAuth(), SessionCsrfAuth()],
)


# Errors -----------------------------------------------------------------------


def _error(
    request: HttpRequest, status: int, detail: str, errors: dict[str, list[str]] | None = None
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


def _pydantic_message(error: dict[str, Any]) -> str:
    """A Swedish message for one of pydantic's error types (its English one otherwise)."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("Fältet måste fyllas i.")
    if kind == "extra_forbidden":
        return _("Fältet finns inte eller kan inte ändras här.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Ange ett giltigt datum som ÅÅÅÅ-MM-DD.")
    if kind.startswith("uuid"):
        return _("Ange ett giltigt id (UUID).")
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return _("Välj ett av: %(expected)s.") % {"expected": expected}
    if kind.startswith("int"):
        return _("Ange ett heltal.")
    if kind.startswith("bool"):
        return _("Ange true eller false.")
    if kind == "string_type":
        return _("Ange en text.")
    if kind == "string_too_long":
        return _("Skriv högst %(max)s tecken.") % {"max": ctx.get("max_length")}
    if kind == "greater_than_equal":
        return _("Värdet måste vara minst %(min)s.") % {"min": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("Värdet får vara högst %(max)s.") % {"max": ctx.get("le")}
    if kind == "value_error" and "NUL" in str(ctx.get("error", "")):
        return _("Texten innehåller ett otillåtet tecken.")
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return _("Skicka ett JSON-objekt.")
    return str(error.get("msg", ""))


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    """``("body", "payload", "due_date")`` → ``"due_date"``; ``("query", "page")`` → ``"page"``."""
    parts = [str(part) for part in loc[1:]]
    if loc and loc[0] == "body" and parts and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts) or NON_FIELD_ERRORS


@api.exception_handler(NinjaValidationError)
def bad_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    """Input that does not fit the schema: 400 with the errors per field (not ninja's 422)."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field_name(error.get("loc", ())), []).append(_pydantic_message(error))
    return _error(request, 400, _("Uppgifterna är inte giltiga. Se felen per fält."), errors)


@api.exception_handler(ConflictError)
def conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
    return _error(
        request,
        409,
        _(
            "Någon annan har ändrat posten sedan du hämtade den. "
            "Hämta den på nytt och gör om ändringen."
        ),
    )


@api.exception_handler(ValidationError)
def refused_by_service(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A rule of the domain said no: 400, with the fields it named."""
    if hasattr(exc, "error_dict"):
        errors = {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
        general = errors.pop(NON_FIELD_ERRORS, [])
        detail = " ".join(general) or _("Uppgifterna är inte giltiga. Se felen per fält.")
        if general and errors:
            errors[NON_FIELD_ERRORS] = general
        return _error(request, 400, detail, errors)
    return _error(request, 400, " ".join(str(m) for m in exc.messages))


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or _("Du har inte behörighet att göra detta."))


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, _("Posten finns inte, eller så har du inte tillgång till den."))


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(
        request,
        401,
        _("Logga in, eller ange en giltig API-nyckel i huvudet Authorization: Bearer …"),
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = exc.message
    if detail.startswith("Cannot parse request body"):
        detail = _("Innehållet kunde inte läsas som JSON.")
    return _error(request, exc.status_code, detail)


api.add_router("/org-nodes", orgnodes.router)
api.add_router("/actions", actions.router)
api.add_router("/deviations", deviations_api.router)
api.add_router("/routines", routines_api.router)
api.add_router("/lex-cases", lexcases_api.router)
api.add_router("/feedback", feedback_api.router)
api.add_router("/risks", risks_api.router)
api.add_router("/inspections", inspections_api.router)
api.add_router("/decisions", decisions_api.router)
api.add_router("/reviews", reviews_api.router)
api.add_router("/lessons", lessons_api.router)
api.add_router("/key-figures", keyfigures_api.router)
api.add_router("/quality-reports", qualityreport_api.router)
