"""Forms of the decisions module. Choices are limited to what the user may use."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.access.policies import nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.actions.forms import DateInput, tree_label

from .importer import DEFAULT_COLUMNS
from .models import DateFormat, Decision, ImportMapping, ServiceChange, ServiceKind
from .policies import boards_for, mapping_boards
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


class DecisionRecordForm(DecisionForm):
    """A whole decision: registered by hand, or corrected."""

    reference = forms.CharField(
        label=_("Beslut-id"),
        max_length=60,
        required=False,
        help_text=_(
            "Id:t i verksamhetssystemet om det finns. Lämnas det tomt får beslutet ett id "
            "som KVN-2025-3F9A1C. Aldrig personnummer."
        ),
    )

    class Meta(DecisionForm.Meta):
        fields = [
            "reference",
            "node",
            "service_kind",
            "decided_on",
            "sex",
            "birth_year",
            *DecisionForm.Meta.fields,
        ]
        widgets = DecisionForm.Meta.widgets | {"decided_on": DateInput()}
        help_texts = {"birth_year": _("Bara året, inget namn eller personnummer.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes_with(user, Cap.MANAGE_RECORDS).active()
        self.fields["node"].label_from_instance = tree_label(user, Cap.MANAGE_RECORDS)
        kinds = ServiceKind.objects.active()
        if not self.instance._state.adding:
            kinds = kinds | ServiceKind.objects.filter(pk=self.instance.service_kind_id)
            self.fields["reference"].required = True
        self.fields["service_kind"].queryset = kinds.distinct()

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class OfferForm(forms.Form):
    offered_on = forms.DateField(label=_("Erbjudet"), widget=DateInput())
    declined = forms.BooleanField(label=_("Den enskilda tackade nej"), required=False)


class ServiceChangeForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    decision_reference = forms.CharField(
        label=_("Beslut-id"),
        max_length=60,
        required=False,
        help_text=_(
            "Koppla förändringen till beslutet i registret. Då räcker det med beslut-id:t "
            "för att veta vem det gäller."
        ),
    )

    class Meta:
        model = ServiceChange
        fields = [
            "node",
            "decision_reference",
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
            "person_code": _(
                "Om beslutet inte finns i registret: en kodad referens. "
                "Aldrig namn eller personnummer."
            ),
        }

    def __init__(self, *args, user, decision: Decision | None = None, **kwargs):
        instance = kwargs.get("instance")
        decision = decision or (instance.decision if instance else None)
        if decision is not None and not (instance and instance.pk):
            kwargs["initial"] = {
                "node": decision.node_id,
                "service_kind": decision.service_kind_id,
                **kwargs.get("initial", {}),
            }
        if decision is not None:
            kwargs.setdefault("initial", {})["decision_reference"] = decision.reference
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["node"].queryset = nodes_with(user, Cap.MANAGE_RECORDS).active()
        self.fields["node"].label_from_instance = tree_label(user, Cap.MANAGE_RECORDS)
        self.fields["service_kind"].queryset = ServiceKind.objects.active()
        self.fields["person_code"].required = False

    def clean_decision_reference(self) -> Decision | None:
        from .policies import policy

        reference = self.cleaned_data["decision_reference"].strip()
        if not reference:
            return None
        matches = list(
            policy.visible_to(self.user)
            .filter(reference=reference)
            .select_related("board", "node", "service_kind")[:2]
        )
        if not matches:
            raise ValidationError(
                _("Det finns inget beslut med det beslut-id:t som du har tillgång till.")
            )
        if len(matches) > 1:
            node = self.cleaned_data.get("node")
            matches = [m for m in matches if node and node.path.startswith(m.board.path)]
            if len(matches) != 1:
                raise ValidationError(
                    _("Flera nämnder har ett beslut med det id:t. Välj först enheten.")
                )
        return matches[0]

    def _post_clean(self):
        self.instance.decision = self.cleaned_data.get("decision_reference")
        super()._post_clean()

    def service_fields(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}
        data["decision"] = data.pop("decision_reference", None)
        return data


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


# What each field of a mapping means, in the words of the import page.
FIELD_LABELS = {
    "reference": _("Beslut-id i verksamhetssystemet"),
    "unit": _("Enhet (namn eller kod)"),
    "law": _("Lag (SoL eller LSS)"),
    "service_kind": _("Insats"),
    "decided_on": _("Beslutsdatum"),
    "sex": _("Kön (K eller M)"),
    "birth_year": _("Födelseår"),
    "executed_on": _("Verkställt"),
    "interrupted_from": _("Avbrott från"),
    "interrupted_to": _("Avbrott till"),
    "ended_on": _("Avslutat"),
    "reason": _("Orsak till dröjsmålet"),
    "person_code": _("Personkod till IVO"),
}


class MappingForm(forms.Form):
    """A source's column names: empty means the default column."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    board = forms.ChoiceField(label=_("Nämnd"))
    name = forms.CharField(
        label=_("Namn på källan"),
        max_length=100,
        help_text=_("Till exempel verksamhetssystemets namn. Används med --mapping NAMN."),
    )
    date_format = forms.ChoiceField(label=_("Datumformat i filen"), choices=DateFormat.choices)

    def __init__(self, data=None, *, user, mapping: ImportMapping | None = None):
        boards = mapping_boards(user)
        self.boards = {b.code: b for b in boards}
        self.mapping = mapping
        initial: dict = {}
        if mapping is not None:
            initial = {
                "version": mapping.version,
                "board": mapping.board.code,
                "name": mapping.name,
                "date_format": mapping.date_format,
                **{f"col_{k}": v for k, v in mapping.columns.items()},
            }
        super().__init__(data, initial=initial)
        self.fields["board"].choices = [(b.code, b.name) for b in boards]
        if mapping is not None:
            self.fields["board"].disabled = True
            self.fields["board"].choices = [(mapping.board.code, mapping.board.name)]
        for key, column in DEFAULT_COLUMNS.items():
            self.fields[f"col_{key}"] = forms.CharField(
                label=FIELD_LABELS[key],
                max_length=60,
                required=False,
                help_text=_("Standard: %(column)s") % {"column": column},
                widget=forms.TextInput(attrs={"placeholder": column, "autocomplete": "off"}),
            )

    def clean_board(self):
        code = self.cleaned_data["board"]
        if self.mapping is not None:
            return self.mapping.board
        if code not in self.boards:
            raise ValidationError(_("Välj en nämnd i listan."))
        return self.boards[code]

    def clean(self):
        data = super().clean()
        seen: dict[str, str] = {}
        for key, default in DEFAULT_COLUMNS.items():
            column = (data.get(f"col_{key}") or default).strip().lower()
            if column in seen:
                self.add_error(
                    f"col_{key}",
                    _("Kolumnen används redan för %(other)s.")
                    % {"other": str(FIELD_LABELS[seen[column]]).lower()},
                )
            else:
                seen[column] = key
        return data

    def column_fields(self):
        return [self[f"col_{key}"] for key in DEFAULT_COLUMNS]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "board": data["board"],
            "name": data["name"],
            "date_format": data["date_format"],
            "columns": {k: data[f"col_{k}"] for k in DEFAULT_COLUMNS if data.get(f"col_{k}")},
        }
