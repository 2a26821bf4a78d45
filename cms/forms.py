"""The admin form of a service guide: checks the inline lists together, and asks for a change note on publish."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.enums import Channel
from cms.rules import StagePlan, document_errors, routing_errors

# Buttons of Wagtail's page editor that lead to publication (directly or through moderation).
PUBLISHING_ACTIONS = ("action-publish", "action-submit")


def _kept_rows(formset) -> list[dict]:
    """The cleaned rows an editor keeps, in the order they will be saved."""
    rows = []
    for position, form in enumerate(formset.forms):
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        if not form.has_changed() and form.instance.pk is None:
            continue
        rows.append((data.get("ORDER") if data.get("ORDER") is not None else position, data))
    rows.sort(key=lambda pair: pair[0])
    return [data for _order, data in rows]


class ServiceGuideForm(WagtailAdminPageForm):
    """Nothing is saved unless the guide and its documents and routing stages are valid together."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        # A new version needs a new note: do not offer the one already published.
        if page.pk and page.live and not page.has_unpublished_changes and "change_note" in self.fields:
            self.initial["change_note"] = ""

    def clean(self):
        cleaned = super().clean()
        if any(action in self.data for action in PUBLISHING_ACTIONS) and not (cleaned.get("change_note") or "").strip():
            self.add_error("change_note", _("Describe what changed in this version; citizens see this note."))
        self._check_inline_lists(cleaned)
        return cleaned

    def _check_inline_lists(self, cleaned: dict) -> None:
        documents = self.formsets.get("documents")
        stages = self.formsets.get("routing_stages")
        if documents is None or stages is None or not documents.is_valid() or not stages.is_valid():
            return  # the rows' own errors are shown next to them
        accepts_online = cleaned.get("channels") in (Channel.ONLINE, Channel.BOTH)
        errors = document_errors(accepts_online=accepts_online, document_count=len(_kept_rows(documents)))
        plan = [
            StagePlan(
                title=row.get("title") or "",
                outcomes=row.get("outcomes") or [],
                has_unit=row.get("unit") is not None,
                unit_active=bool(row.get("unit") and row["unit"].is_active),
            )
            for row in _kept_rows(stages)
        ]
        errors += routing_errors(plan)
        if errors:
            raise ValidationError(errors)
