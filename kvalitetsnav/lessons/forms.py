"""Forms for lessons: publishing, editing and the list's filters."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.core.models import OperationKind
from kvalitetsnav.reviews.models import Theme

from .models import Lesson, LessonKind
from .policies import publishing_nodes


class LessonForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    source = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Lesson
        fields = ["kind", "title", "text", "theme", "area", "node"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6}), "kind": forms.RadioSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("Välj tema"))] + Theme.choices
        self.fields["area"].choices = [("", _("Välj verksamhetsområde"))] + OperationKind.choices
        self.fields["title"].error_messages["required"] = _("Ge lärdomen en rubrik.")
        self.fields["text"].error_messages["required"] = _("Beskriv lärdomen.")
        if self.instance._state.adding:
            nodes = publishing_nodes(user)
            self.fields["node"].queryset = nodes
            self.fields["node"].empty_label = None
            self.fields["node"].help_text = _("Den stadsdel eller nivå som delar lärdomen.")
        else:
            del self.fields["node"]
            self.fields["version"].initial = self.instance.version


class LessonFilterForm(forms.Form):
    q = forms.CharField(label=_("Sök i text"), required=False, max_length=100)
    theme = forms.ChoiceField(label=_("Tema"), required=False)
    area = forms.ChoiceField(label=_("Verksamhetsområde"), required=False)
    kind = forms.ChoiceField(label=_("Slag"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("Alla"))] + Theme.choices
        self.fields["area"].choices = [("", _("Alla"))] + OperationKind.choices
        self.fields["kind"].choices = [("", _("Alla"))] + LessonKind.choices

    def apply(self, queryset):
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if data["q"]:
            for word in data["q"].split()[:5]:
                queryset = queryset.filter(Q(title__icontains=word) | Q(text__icontains=word))
        for name in ("theme", "area", "kind"):
            if data[name]:
                queryset = queryset.filter(**{name: data[name]})
        return queryset
