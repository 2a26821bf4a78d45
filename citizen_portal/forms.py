"""Citizen-facing forms. The apply form is generated from a guide's current required documents."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.enums import Requirement
from core.dates import parse_jalali_date
from core.validators import normalize_mobile, normalize_national_id
from workflows.enums import RequestChannel
from workflows.tracking import normalize_tracking_code

from . import staging
from .text import clean_free_text, clean_person_name, has_hidden_characters
from .uploads import accepted_upload, check_upload, total_limit_bytes

DOCUMENT_PREFIX = "document_"
ACCEPT = {"pdf": ".pdf,application/pdf", "jpeg": ".jpg,.jpeg,image/jpeg", "png": ".png,image/png"}


def guide_documents(guide) -> list:
    """The guide's required documents as published now, in the guide's order."""
    return list(guide.documents.select_related("document").order_by("sort_order", "pk"))


class ApplicantFields(forms.Form):
    """Who is applying: validated and normalised exactly as workflows.services.ApplicantData expects."""

    national_id = forms.CharField(label=_("National ID"), max_length=40)
    first_name = forms.CharField(label=_("First name"), max_length=200)
    last_name = forms.CharField(label=_("Last name"), max_length=200)
    mobile = forms.CharField(label=_("Mobile number"), max_length=40)
    email = forms.EmailField(label=_("Email (optional)"), required=False, max_length=254)

    def clean_national_id(self) -> str:
        return normalize_national_id(self.cleaned_data["national_id"])

    def clean_first_name(self) -> str:
        return clean_person_name(self.cleaned_data["first_name"])

    def clean_last_name(self) -> str:
        return clean_person_name(self.cleaned_data["last_name"])

    def clean_mobile(self) -> str:
        return normalize_mobile(self.cleaned_data["mobile"])

    def clean_email(self) -> str:
        email = self.cleaned_data.get("email") or ""
        if has_hidden_characters(email):
            raise ValidationError(_("The email contains hidden or control characters."))
        return email.strip().lower()


class ApplyForm(ApplicantFields):
    """Applicant fields, the terms, and one upload per required document of `guide`.

    Uploads that pass the checks are staged under `staging_token`, so a re-shown form keeps them.
    """

    consent = forms.BooleanField(
        label=_("I confirm the information is true and accept the terms of use of the service desk."),
        error_messages={"required": _("You must accept the terms to apply.")},
    )
    staging_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, guide, use_staging: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.guide = guide
        self.documents = guide_documents(guide)
        self.use_staging = use_staging
        self.accepted: dict = {}  # document key -> UploadedFile that passed the checks in this request
        self.scope = f"{self.scope_prefix}:{guide.service_code}"
        token = self.data.get("staging_token") if self.is_bound else None
        if use_staging and (not token or not staging.is_valid_token(token, self.scope)):
            token = staging.new_token()
        self.token = token or ""
        self.initial["staging_token"] = self.token
        if self.is_bound:
            # the hidden field must carry the (possibly fresh) token when the form is shown again
            self.data = self.data.copy()
            self.data["staging_token"] = self.token
        for doc in self.documents:
            accept = ",".join(ACCEPT[t] for t in (doc.allowed_types or ["pdf", "jpeg", "png"]) if t in ACCEPT)
            field = forms.FileField(
                label=doc.document.name, required=False, widget=forms.FileInput(attrs={"accept": accept})
            )
            field.guide_document = doc
            self.fields[DOCUMENT_PREFIX + doc.key] = field

    scope_prefix = "apply"

    # --- what the template needs ---------------------------------------------
    def document_rows(self) -> list[dict]:
        staged = self.staged()
        return [
            {
                "doc": doc,
                "field": self[DOCUMENT_PREFIX + doc.key],
                "mandatory": doc.requirement == Requirement.MANDATORY,
                "staged": staged.get(doc.key),
                "types": ", ".join(t.upper() for t in (doc.allowed_types or [])),
            }
            for doc in self.documents
        ]

    def staged(self) -> dict:
        return staging.staged_files(self.token, self.scope) if self.use_staging else {}

    # --- validation ----------------------------------------------------------------
    def _check_uploads(self) -> None:
        """Run the upload checks; keep (and stage) each file that passes."""
        for doc in self.documents:
            name = DOCUMENT_PREFIX + doc.key
            upload = self.cleaned_data.get(name)
            if not upload or name in self.errors:
                continue
            if len(self.files.getlist(name)) > 1:
                self.add_error(name, _("Send one file per document."))
                continue
            try:
                checked = check_upload(upload, allowed_types=doc.allowed_types, max_size_mb=doc.max_size_mb)
            except ValidationError as error:
                self.add_error(name, error)
                continue
            upload = accepted_upload(upload, checked)  # images re-encoded; the original's hash kept
            self.cleaned_data[name] = upload
            self.accepted[doc.key] = upload
            if self.use_staging:
                staging.stage(
                    self.token,
                    self.scope,
                    doc.key,
                    upload,
                    content_type=checked.content_type,
                    original_name=checked.original_name,
                    original_sha256=checked.original_sha256,
                )

    def clean(self):
        cleaned = super().clean()
        expected = {DOCUMENT_PREFIX + d.key for d in self.documents}
        unexpected = [name for name in self.files if name not in expected]
        if unexpected:
            raise ValidationError(_("A file was sent that this service does not ask for."), code="unexpected")
        self._check_uploads()
        staged = self.staged()
        total = 0
        for doc in self.documents:
            name = DOCUMENT_PREFIX + doc.key
            if name in self.errors:
                continue
            if doc.key in self.accepted:
                total += self.accepted[doc.key].size
            elif doc.key in staged:
                total += staged[doc.key].size
            elif doc.requirement == Requirement.MANDATORY:
                self.add_error(name, _("This document is required."))
        if total > total_limit_bytes():
            raise ValidationError(
                _("All files together may not exceed %(mb)s MB.") % {"mb": total_limit_bytes() // (1024 * 1024)},
                code="total",
            )
        return cleaned

    def files_for_submission(self) -> dict:
        """document key -> UploadedFile: this request's accepted uploads, else what waits in staging."""
        files = dict(self.accepted)
        if self.use_staging:
            for key in self.staged():
                if key not in files:
                    upload = staging.open_staged(self.token, self.scope, key)
                    if upload is not None:
                        files[key] = upload
        return files

    def discard_staging(self) -> None:
        if self.use_staging:
            staging.discard(self.token, self.scope)

    def applicant_kwargs(self) -> dict:
        data = self.cleaned_data
        return {k: data[k] for k in ("national_id", "first_name", "last_name", "mobile", "email")}


class CounterForm(ApplyForm):
    """What a desk clerk fills in for a walk-in or paper-letter request."""

    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[
            (RequestChannel.COUNTER, RequestChannel.COUNTER.label),
            (RequestChannel.PAPER, RequestChannel.PAPER.label),
        ],
        initial=RequestChannel.COUNTER,
    )
    letter_number = forms.CharField(label=_("Letter number"), max_length=50, required=False)
    letter_date = forms.CharField(label=_("Letter date"), max_length=20, required=False, help_text=_("e.g. 1405/09/07"))

    field_order = ["channel", "letter_number", "letter_date"]

    scope_prefix = "counter"

    def __init__(self, *args, guide, **kwargs):
        super().__init__(*args, guide=guide, **kwargs)
        self.fields["consent"].label = _("The applicant has confirmed the information and accepted the terms.")

    def clean_letter_number(self) -> str:
        value = self.cleaned_data.get("letter_number") or ""
        if has_hidden_characters(value) or any(c in value for c in "<>"):
            raise ValidationError(_("The letter number contains characters that are not allowed."))
        return clean_free_text(value, max_length=50)

    def clean_letter_date(self):
        value = self.cleaned_data.get("letter_date") or ""
        if not value.strip():
            return None
        date = parse_jalali_date(value)
        if date > timezone.localdate():
            raise ValidationError(_("The letter date cannot be in the future."))
        return date

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("channel") == RequestChannel.PAPER:
            if not cleaned.get("letter_number") and "letter_number" not in self.errors:
                self.add_error("letter_number", _("A paper letter needs its letter number."))
            if not cleaned.get("letter_date") and "letter_date" not in self.errors:
                self.add_error("letter_date", _("A paper letter needs its date."))
        return cleaned


class TrackForm(forms.Form):
    """Tracking code + national ID; format problems get the same generic answer as a wrong pair."""

    tracking_code = forms.CharField(label=_("Tracking code"), max_length=40)
    national_id = forms.CharField(label=_("National ID"), max_length=40)

    def normalized(self) -> tuple[str | None, str | None]:
        code = normalize_tracking_code(self.cleaned_data.get("tracking_code", ""))
        try:
            national_id = normalize_national_id(self.cleaned_data.get("national_id", ""))
        except ValidationError:
            national_id = None
        return code, national_id


class DocumentsForm(forms.Form):
    """Upload exactly the documents an officer asked for."""

    def __init__(self, *args, guide, keys: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        by_key = {d.key: d for d in guide_documents(guide)}
        self.documents = [by_key[k] for k in keys if k in by_key]
        self.extra_keys = [k for k in keys if k not in by_key]
        for doc in self.documents:
            field = forms.FileField(label=doc.document.name, required=True)
            field.guide_document = doc
            self.fields[DOCUMENT_PREFIX + doc.key] = field
        for key in self.extra_keys:  # asked for, but no longer on the guide: default limits
            self.fields[DOCUMENT_PREFIX + key] = forms.FileField(label=key, required=True)

    def clean(self):
        cleaned = super().clean()
        for name in self.files:
            if name not in self.fields:
                raise ValidationError(_("A file was sent that was not asked for."), code="unexpected")
            if len(self.files.getlist(name)) > 1:
                self.add_error(name, _("Send one file per document."))
        total = 0
        for name, field in self.fields.items():
            upload = cleaned.get(name)
            if not upload or name in self.errors:
                continue
            doc = getattr(field, "guide_document", None)
            try:
                checked = check_upload(
                    upload,
                    allowed_types=doc.allowed_types if doc else ["pdf", "jpeg", "png"],
                    max_size_mb=doc.max_size_mb if doc else 5,
                )
            except ValidationError as error:
                self.add_error(name, error)
                continue
            cleaned[name] = accepted_upload(upload, checked)  # images re-encoded; the original's hash kept
            total += cleaned[name].size
        if total > total_limit_bytes():
            raise ValidationError(
                _("All files together may not exceed %(mb)s MB.") % {"mb": total_limit_bytes() // 2**20}
            )
        return cleaned

    def files_by_key(self) -> dict:
        return {name[len(DOCUMENT_PREFIX) :]: self.cleaned_data[name] for name in self.fields}


class MobileForm(forms.Form):
    mobile = forms.CharField(label=_("Mobile number"), max_length=40)

    def clean_mobile(self) -> str:
        return normalize_mobile(self.cleaned_data["mobile"])


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Code sent by SMS"), max_length=20)

    def clean_code(self) -> str:
        from core.persian import to_ascii_digits

        code = to_ascii_digits(self.cleaned_data["code"]).strip()
        if not code.isascii() or not code.isdigit() or len(code) != 6:
            raise ValidationError(_("Enter the 6-digit code."))
        return code


RATING_CHOICES = [(i, str(i)) for i in range(1, 6)]


class SurveyForm(forms.Form):
    """The six axes of the national satisfaction questionnaire."""

    transparency = forms.TypedChoiceField(
        label=_("Transparency"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    responsiveness = forms.TypedChoiceField(
        label=_("Responsiveness"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    mastery = forms.TypedChoiceField(
        label=_("Mastery (no rework)"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    process_time = forms.TypedChoiceField(
        label=_("Process time"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    systematic_process = forms.TypedChoiceField(
        label=_("Systematic process"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    overall = forms.TypedChoiceField(
        label=_("Overall satisfaction"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def clean_comment(self) -> str:
        return clean_free_text(self.cleaned_data.get("comment", ""), max_length=2000)


class ReviewForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should the request be reviewed?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def clean_reason(self) -> str:
        reason = clean_free_text(self.cleaned_data["reason"], max_length=2000)
        if not reason:
            raise ValidationError(_("Write the reason."))
        return reason
