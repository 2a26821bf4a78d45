"""Officer forms: the intake check, the stage decision, assignment and cancellation."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cms.enums import Outcome
from core.people import display_name

from .enums import IntakeResult
from .models import ServiceRequest

COMMENT_REQUIRED = _("Write a comment explaining the decision.")


def _document_choices(service_request: ServiceRequest) -> list[tuple[str, str]]:
    return [(doc.document.key, doc.document.name) for doc in service_request.guide.documents.select_related("document")]


class _DecisionBase(forms.Form):
    documents = forms.MultipleChoiceField(
        label=_("Documents to ask the citizen for"), required=False, widget=forms.CheckboxSelectMultiple
    )
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": COMMENT_REQUIRED},
        help_text=_("Required. The citizen sees it in the request's timeline."),
    )

    def __init__(self, *args, service_request: ServiceRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.service_request = service_request
        self.fields["documents"].choices = _document_choices(service_request)

    def clean_comment(self) -> str:
        comment = (self.cleaned_data.get("comment") or "").strip()
        if not comment:
            raise forms.ValidationError(COMMENT_REQUIRED)
        return comment


class IntakeForm(_DecisionBase):
    result = forms.ChoiceField(label=_("Result"), choices=IntakeResult.choices, widget=forms.RadioSelect)
    field_order = ["result", "documents", "comment"]


class DecisionForm(_DecisionBase):
    outcome = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    field_order = ["outcome", "documents", "comment"]

    def __init__(self, *args, service_request: ServiceRequest, **kwargs):
        super().__init__(*args, service_request=service_request, **kwargs)
        labels = dict(Outcome.choices)
        self.fields["outcome"].choices = [(o, labels[o]) for o in service_request.allowed_outcomes]


def officers_who_may_take(unit_id: int | None, permission: str = ""):
    """Members of the unit holding `permission` on it (a head-only task offers only heads)."""
    from guardian.models import UserObjectPermission

    from .permissions import UNIT_PERMISSION

    codename = (permission or UNIT_PERMISSION).split(".")[-1]
    holders = UserObjectPermission.objects.filter(
        permission__codename=codename, object_pk=str(unit_id), content_type__model="organizationalunit"
    ).values("user_id")
    return get_user_model().objects.filter(unit_memberships__unit_id=unit_id, pk__in=holders).distinct()


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("Officer"), queryset=get_user_model().objects.none())

    def __init__(self, *args, unit_id: int | None, permission: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers_who_may_take(unit_id, permission).order_by("username")
        self.fields["officer"].label_from_instance = display_name


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the reason for cancelling this request.")},
    )
