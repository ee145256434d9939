"""Forms of the decisions module. Choices are limited to what the user may use."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.access.policies import nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.actions.forms import DateInput, tree_label

from .models import Decision, ImportMapping, ServiceChange, ServiceKind
from .policies import boards_for
from .rules import Quarter


def default_quarter() -> Quarter:
    """The quarter to report now: the last one that has ended."""
    return Quarter.containing(timezone.localdate()).previous()


class BoardQuarterForm(forms.Form):
    board = forms.ChoiceField(label=_("Nämnd"))
    quarter = forms.CharField(
        label=_("Kvartal"), max_length=10, help_text=_("Till exempel 2025Q4.")
    )

    def __init__(self, data, *, user, cap: Cap):
        boards = list(boards_for(user, cap))
        self.boards = {b.code: b for b in boards}
        initial = {"board": boards[0].code if boards else "", "quarter": str(default_quarter())}
        super().__init__({**initial, **{k: v for k, v in (data or {}).items() if v}})
        self.fields["board"].choices = [(b.code, b.name) for b in boards]

    def clean_quarter(self) -> Quarter:
        try:
            return Quarter.parse(self.cleaned_data["quarter"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["quarter"]) from None

    def clean_board(self):
        return self.boards[self.cleaned_data["board"]]


class ImportForm(forms.Form):
    board = forms.ChoiceField(label=_("Nämnd"))
    file = forms.FileField(
        label=_("Fil från verksamhetssystemet"),
        help_text=_("CSV (UTF-8 eller Windows-1252) eller Excel (.xlsx)."),
    )
    mapping = forms.ModelChoiceField(
        ImportMapping.objects.none(),
        label=_("Kolumnmappning"),
        required=False,
        empty_label=_("Standard (beslut_id, enhet, lag, insats …)"),
    )
    valid_only = forms.BooleanField(
        label=_("Importera de giltiga raderna även om några rader är felaktiga"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        boards = list(boards_for(user, Cap.MANAGE_RECORDS))
        self.boards = {b.code: b for b in boards}
        self.fields["board"].choices = [(b.code, b.name) for b in boards]
        self.fields["mapping"].queryset = ImportMapping.objects.filter(board__in=boards)

    def clean_board(self):
        return self.boards[self.cleaned_data["board"]]

    def clean(self):
        data = super().clean()
        mapping, board = data.get("mapping"), data.get("board")
        if mapping and board and mapping.board_id != board.pk:
            self.add_error("mapping", _("Mappningen hör till en annan nämnd."))
        return data


class DecisionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Decision
        fields = [
            "executed_on",
            "partly_executed_on",
            "unexecuted_part",
            "interrupted_from",
            "interrupted_to",
            "ended_on",
            "delay_reason",
            "delay_reason_text",
            "consequences",
            "interim_help",
            "needs_followed_up_on",
            "person_code",
            "protected_identity",
        ]
        widgets = {
            name: DateInput()
            for name in (
                "executed_on",
                "partly_executed_on",
                "interrupted_from",
                "interrupted_to",
                "ended_on",
                "needs_followed_up_on",
            )
        } | {
            "delay_reason_text": forms.Textarea(attrs={"rows": 3}),
            "consequences": forms.Textarea(attrs={"rows": 3}),
            "interim_help": forms.Textarea(attrs={"rows": 3}),
        }


class OfferForm(forms.Form):
    offered_on = forms.DateField(label=_("Erbjudet"), widget=DateInput())
    declined = forms.BooleanField(label=_("Den enskilda tackade nej"), required=False)


class ServiceChangeForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ServiceChange
        fields = [
            "node",
            "person_code",
            "service_kind",
            "kind",
            "reason",
            "changed_on",
            "contacted_on",
            "needs_reassessed_on",
            "what_was_done",
            "followed_up_on",
        ]
        widgets = {
            name: DateInput()
            for name in ("changed_on", "contacted_on", "needs_reassessed_on", "followed_up_on")
        } | {
            "reason": forms.Textarea(attrs={"rows": 3}),
            "what_was_done": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "person_code": _("Beslut-id eller IVO-koden. Aldrig namn eller personnummer."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes_with(user, Cap.MANAGE_RECORDS).active()
        self.fields["node"].label_from_instance = tree_label(user, Cap.MANAGE_RECORDS)
        self.fields["service_kind"].queryset = ServiceKind.objects.active()


class PeriodForm(forms.Form):
    board = forms.ChoiceField(label=_("Nämnd"))
    start = forms.DateField(label=_("Från"), widget=DateInput())
    end = forms.DateField(label=_("Till"), widget=DateInput())

    def __init__(self, data, *, user):
        boards = list(boards_for(user, Cap.MANAGE_RECORDS)) or list(
            boards_for(user, Cap.VIEW_HISTORY)
        )
        self.boards = {b.code: b for b in boards}
        today = timezone.localdate()
        initial = {
            "board": boards[0].code if boards else "",
            "start": f"{today.year - 1}-01-01",
            "end": today.isoformat(),
        }
        super().__init__({**initial, **{k: v for k, v in (data or {}).items() if v}})
        self.fields["board"].choices = [(b.code, b.name) for b in boards]

    def clean_board(self):
        return self.boards[self.cleaned_data["board"]]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Slutdatumet kan inte ligga före startdatumet."))
        return data
