"""Forms: the open form in the sender's language, and the handlers' forms in Swedish."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.access.policies import nodes_with, subtree_q
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.actions.forms import DateInput, owner_choices, tree_label
from kvalitetsnav.core.models import OrgNode

from .models import (
    MAX_TEXT,
    Channel,
    Feedback,
    Kind,
    ReplyMethod,
    SenderType,
    ServiceArea,
    Status,
    Theme,
)
from .public_texts import texts

# The open form -------------------------------------------------------------------


class PublicForm(forms.Form):
    """Short and plain; every message in the sender's language."""

    kind = forms.ChoiceField(widget=forms.RadioSelect)
    board = forms.ModelChoiceField(queryset=OrgNode.objects.none())
    service_area = forms.ModelChoiceField(queryset=ServiceArea.objects.none())
    description = forms.CharField(
        max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_TEXT})
    )
    wish = forms.CharField(
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_TEXT}),
    )
    contact_name = forms.CharField(max_length=200, required=False)
    contact_email = forms.EmailField(required=False)
    contact_phone = forms.CharField(
        max_length=40, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    # A field people never see; a robot that fills every field is refused.
    website = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, lang: str, board_code: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.words = words = texts(lang)
        self.honeypot_tripped = False
        f = self.fields
        f["kind"].choices = [(value, words[f"kind_{value}"]) for value in Kind.values]
        boards = OrgNode.objects.boards().active().order_by("name")
        f["board"].queryset = boards
        f["board"].empty_label = None
        f["board"].to_field_name = "code"
        if board_code:
            f["board"].initial = board_code
        areas = ServiceArea.objects.filter(is_active=True)
        f["service_area"].queryset = areas
        f["service_area"].empty_label = "–"
        f["service_area"].label_from_instance = lambda area: area.name_in(lang)
        labels = {
            "kind": "kind",
            "board": "board",
            "service_area": "area",
            "description": "description",
            "wish": "wish",
            "contact_name": "name",
            "contact_email": "email",
            "contact_phone": "phone",
            "website": "honeypot",
        }
        for name, key in labels.items():
            field = f[name]
            field.label = words[key]
            field.error_messages = {
                **field.error_messages,
                "required": words["err_required"],
                "invalid_choice": words["err_choice"],
                "invalid": words["err_email"] if name == "contact_email" else words["err_choice"],
                "max_length": words["err_too_long"]
                % {"max": getattr(field, "max_length", None) or MAX_TEXT},
            }
            for validator in field.validators:
                code = getattr(validator, "code", "")
                if code == "max_length":
                    validator.message = words["err_too_long"] % {"max": field.max_length}
                elif code == "invalid" and name == "contact_email":
                    validator.message = words["err_email"]
        f["description"].help_text = words["description_help"]
        if boards.count() == 1:
            f["board"].widget = forms.HiddenInput()
            f["board"].initial = boards.first().code

    def clean(self):
        data = super().clean()
        if data.get("website"):
            self.honeypot_tripped = True
            raise forms.ValidationError(self.words["err_refused"], code="honeypot")
        return data


class LookupForm(forms.Form):
    receipt_number = forms.CharField(max_length=20)
    code = forms.CharField(max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off"}))

    def __init__(self, *args, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        words = texts(lang)
        self.fields["receipt_number"].label = words["receipt_number"]
        self.fields["code"].label = words["secret_code"]
        for field in self.fields.values():
            field.error_messages = {
                **field.error_messages,
                "required": words["err_required"],
                "max_length": words["not_found"],
            }
            for validator in field.validators:
                if getattr(validator, "code", "") == "max_length":
                    validator.message = words["not_found"]


class FollowUpForm(forms.Form):
    text = forms.CharField(
        max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_TEXT})
    )

    def __init__(self, *args, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        words = texts(lang)
        field = self.fields["text"]
        field.label = words["add_label"]
        field.error_messages = {**field.error_messages, "required": words["err_required"]}
        for validator in field.validators:
            if getattr(validator, "code", "") == "max_length":
                validator.message = words["err_too_long"] % {"max": MAX_TEXT}


# The handlers' forms -------------------------------------------------------------


def _long_text(label, *, required=True, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


_NO_PNR = _("Skriv aldrig namn eller personnummer på den enskilda.")


class RegisterForm(forms.Form):
    """Feedback received by phone, letter, meeting or e-mail, registered by staff."""

    kind = forms.ChoiceField(label=_("Slag"), choices=Kind.choices, widget=forms.RadioSelect)
    channel = forms.ChoiceField(
        label=_("Hur kom den in?"),
        choices=[c for c in Channel.choices if c[0] != Channel.WEB],
    )
    sender_type = forms.ChoiceField(label=_("Vem lämnade den?"), choices=SenderType.choices)
    node = forms.ModelChoiceField(label=_("Enhet som den gäller"), queryset=OrgNode.objects.none())
    service_area = forms.ModelChoiceField(
        label=_("Område"), queryset=ServiceArea.objects.filter(is_active=True), required=False
    )
    received_on = forms.DateField(
        label=_("Mottagen den"), widget=DateInput(), initial=timezone.localdate
    )
    description = _long_text(_("Vad hände?"), help_text=_NO_PNR)
    wish = _long_text(_("Vad önskar avsändaren?"), required=False, rows=3)
    contact_name = forms.CharField(label=_("Avsändarens namn"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-post"), required=False)
    contact_phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        nodes = (
            nodes_with(user, Cap.MANAGE_RECORDS)
            | OrgNode.objects.filter(
                subtree_q(user, Cap.WORK_OWN, "path") & subtree_q(user, Cap.VIEW_RECORDS, "path")
            )
        ).active()
        self.fields["node"].queryset = nodes.distinct()
        self.fields["node"].label_from_instance = tree_label(user, Cap.VIEW_RECORDS)


def handler_choices(node: OrgNode):
    """Managers whose subtree holds the node: the people who may handle the item."""
    prefixes = Q()
    for ancestor_id in node.ancestor_ids():
        prefixes |= Q(role_assignments__node_id=ancestor_id)
    return (
        User.objects.filter(is_active=True)
        .filter(prefixes)
        .filter(
            role_assignments__role__in=[
                "enhetschef",
                "avdelningschef",
                "forvaltningsledning",
                "kvalitetsutvecklare",
                "mas",
            ]
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class TriageForm(VersionForm):
    node = forms.ModelChoiceField(label=_("Enhet som den gäller"), queryset=OrgNode.objects.none())
    handler = forms.ModelChoiceField(
        label=_("Handläggare"), queryset=User.objects.none(), required=False
    )
    kind = forms.ChoiceField(label=_("Slag"), choices=Kind.choices)
    theme = forms.ChoiceField(
        label=_("Tema"), choices=[("", "–")] + list(Theme.choices), required=False
    )

    def __init__(self, *args, user, feedback: Feedback, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = (
            nodes_with(user, Cap.MANAGE_RECORDS)
            .active()
            .filter(path__startswith=feedback.board.path)
        )
        self.fields["node"].label_from_instance = tree_label(user, Cap.MANAGE_RECORDS)
        self.fields["handler"].queryset = handler_choices(feedback.node) | owner_choices(user)
        self.fields["handler"].queryset = self.fields["handler"].queryset.distinct()


class InvestigationForm(VersionForm):
    investigation = _long_text(
        _("Utredning"), rows=6, help_text=_("Vad har ni tagit reda på? ") + str(_NO_PNR)
    )


class ReplyForm(VersionForm):
    replied_on = forms.DateField(
        label=_("Återkopplad den"), widget=DateInput(), initial=timezone.localdate
    )
    reply_method = forms.ChoiceField(label=_("Hur?"), choices=ReplyMethod.choices)
    reply_text = _long_text(
        _("Svaret"),
        rows=6,
        help_text=_("Avsändaren kan läsa svaret med sitt ärendenummer och sin kod."),
    )


class ActionFromFeedbackForm(forms.Form):
    title = forms.CharField(label=_("Åtgärd"), max_length=200)
    owner = forms.ModelChoiceField(
        label=_("Ansvarig"), queryset=User.objects.none(), required=False
    )
    due_date = forms.DateField(label=_("Klart senast"), widget=DateInput(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices(user)


class FilterForm(forms.Form):
    """The list's filters; every one is applied in the database."""

    node = forms.ModelChoiceField(
        label=_("Enhet"), queryset=OrgNode.objects.none(), required=False, empty_label=_("Alla")
    )
    kind = forms.ChoiceField(
        label=_("Slag"), required=False, choices=[("", _("Alla"))] + Kind.choices
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alla")), ("open", _("Öppna"))] + Status.choices,
    )
    theme = forms.ChoiceField(
        label=_("Tema"), required=False, choices=[("", _("Alla"))] + Theme.choices
    )
    area = forms.ModelChoiceField(
        label=_("Område"), queryset=ServiceArea.objects.all(), required=False, empty_label=_("Alla")
    )
    period_from = forms.DateField(label=_("Mottagen från"), widget=DateInput(), required=False)
    period_to = forms.DateField(label=_("Mottagen till"), widget=DateInput(), required=False)
    overdue = forms.BooleanField(label=_("Bara försenade"), required=False)
    mine = forms.BooleanField(label=_("Bara mina"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes_with(user, Cap.VIEW_RECORDS).active()
        self.fields["node"].label_from_instance = tree_label(user, Cap.VIEW_RECORDS)

    def apply(self, queryset, user):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["node"]:
            queryset = queryset.filter(node__path__startswith=data["node"].path)
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["status"] == "open":
            queryset = queryset.open()
        elif data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["theme"]:
            queryset = queryset.filter(theme=data["theme"])
        if data["area"]:
            queryset = queryset.filter(service_area=data["area"])
        if data["period_from"]:
            queryset = queryset.filter(received_on__gte=data["period_from"])
        if data["period_to"]:
            queryset = queryset.filter(received_on__lte=data["period_to"])
        if data["overdue"]:
            queryset = queryset.overdue()
        if data["mine"]:
            queryset = queryset.filter(Q(handler=user) | Q(created_by=user))
        return queryset
