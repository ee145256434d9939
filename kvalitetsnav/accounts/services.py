"""Users, roles and API tokens: every change audited."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from kvalitetsnav.access.policies import forget_grants
from kvalitetsnav.core import audit
from kvalitetsnav.core.models import OrgNode

from .models import ApiToken, RoleAssignment, User, hash_token

TOKEN_PREFIX_LENGTH = 8


def user_create(
    *,
    actor: Any,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    home_unit: OrgNode | None = None,
    is_staff: bool = False,
    is_superuser: bool = False,
    validate: bool = True,
) -> User:
    """Create an account. ``password=None`` leaves it without a usable password (SSO only)."""
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        home_unit=home_unit,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    if password is None:
        user.set_unusable_password()
    else:
        if validate:
            validate_password(password, user)
        user.set_password(password)
    user.full_clean(exclude=["password"])
    with transaction.atomic():
        user.save()
        audit.record_create(actor, user)
    return user


def role_grant(*, actor: Any, user: User, node: OrgNode, role: str) -> RoleAssignment:
    """Give ``user`` the ``role`` on ``node`` and its subtree (idempotent)."""
    with transaction.atomic():
        assignment, created = RoleAssignment.objects.get_or_create(user=user, node=node, role=role)
        if created:
            audit.record_create(actor, assignment)
    forget_grants(user)
    return assignment


def role_revoke(*, actor: Any, assignment: RoleAssignment) -> None:
    with transaction.atomic():
        audit.record_delete(actor, assignment)
        assignment.delete()
    forget_grants(assignment.user)


def api_token_create(*, actor: Any, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new bearer token for ``user``. The raw token is returned once and never stored."""
    raw = secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=name, key_hash=hash_token(raw), prefix=raw[:TOKEN_PREFIX_LENGTH]
    )
    with transaction.atomic():
        token.save()
        audit.record_create(actor, token)
    return token, raw


def api_token_revoke(*, actor: Any, token: ApiToken) -> None:
    with transaction.atomic():
        before = audit.snapshot(token)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit.record_update(actor, token, before)


def api_token_user(raw: str) -> User | None:
    """The active user a raw bearer token belongs to, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    # Touch at most once a minute: no write on every request.
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
