"""Lärdomar och goda exempel: short, anonymised lessons shared across the city."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.core.models import BaseModel, OperationKind, OrgNode
from kvalitetsnav.reviews.models import Theme


class LessonKind(models.TextChoices):
    LESSON = "lardom", _("Lärdom")
    GOOD_EXAMPLE = "gott_exempel", _("Gott exempel")


class Lesson(BaseModel):
    """A lesson or good example drawn from a review, a deviation or a lex Sarah case."""

    kind = models.CharField(
        _("slag"), max_length=20, choices=LessonKind.choices, default=LessonKind.LESSON
    )
    title = models.CharField(_("rubrik"), max_length=200)
    text = models.TextField(
        _("lärdomen"),
        help_text=_(
            "Vad hände, vad lärde ni er och vad gör ni nu? Skriv avidentifierat: "
            "inga namn, personnummer eller detaljer som pekar ut en enskild."
        ),
    )
    theme = models.CharField(_("tema"), max_length=30, choices=Theme.choices)
    area = models.CharField(_("verksamhetsområde"), max_length=40, choices=OperationKind.choices)
    # The district or level that shares it (the inspector's is the city).
    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="lessons", verbose_name=_("delas av")
    )
    source_type = models.ForeignKey(
        ContentType, models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.CharField(max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("publicerad av")
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("lärdom")
        verbose_name_plural = _("lärdomar och goda exempel")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["theme", "area"], name="lesson_theme_area_idx"),
            models.Index(fields=["-created_at"], name="lesson_created_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("lessons:detail", args=[self.pk])
