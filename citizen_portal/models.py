"""What the portal itself keeps: one-time codes, issued receipts and satisfaction surveys.

Personal data stays on workflows.Applicant; here mobiles are only keyed hashes.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.storage import private_storage  # migrations refer to it as citizen_portal.models.private_storage


class OneTimeCode(models.Model):
    """A code sent by SMS to prove a citizen holds a mobile. Stored hashed, single use, short-lived."""

    mobile_hash = models.CharField(_("mobile (keyed hash)"), max_length=64, db_index=True)
    code_hash = models.CharField(_("code (keyed hash)"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{_('one-time code')} #{self.pk}"


class Receipt(models.Model):
    """The service receipt as issued: the promised date and the signature over the receipt payload."""

    service_request = models.OneToOneField(
        "workflows.ServiceRequest", verbose_name=_("request"), on_delete=models.CASCADE, related_name="receipt"
    )
    expected_date = models.DateField(_("promised completion date"))
    signature = models.CharField(_("signature"), max_length=200)
    key_id = models.CharField(_("signing key"), max_length=32, blank=True)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    # The signed PDF, rendered once at the first download: the receipt never changes after issue.
    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to="receipts/%Y/%m/", blank=True, editable=False)

    class Meta:
        verbose_name = _("service receipt")
        verbose_name_plural = _("service receipts")

    def __str__(self) -> str:
        return f"{_('service receipt')} {self.service_request_id}"


def rating_field(label):
    return models.PositiveSmallIntegerField(label, validators=[MinValueValidator(1), MaxValueValidator(5)])


class SatisfactionSurvey(models.Model):
    """The national standard questionnaire's six axes, 1 to 5 stars, once per request."""

    AXES = ("transparency", "responsiveness", "mastery", "process_time", "systematic_process", "overall")

    service_request = models.ForeignKey(
        "workflows.ServiceRequest", verbose_name=_("request"), on_delete=models.CASCADE, related_name="surveys"
    )
    transparency = rating_field(_("transparency"))
    responsiveness = rating_field(_("responsiveness"))
    mastery = rating_field(_("mastery (no rework)"))
    process_time = rating_field(_("process time"))
    systematic_process = rating_field(_("systematic process"))
    overall = rating_field(_("overall satisfaction"))
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    review_requested_at = models.DateTimeField(_("review requested at"), null=True, blank=True)
    review_reason = models.TextField(_("reason for review"), blank=True)

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        constraints = [
            models.UniqueConstraint(fields=["service_request"], name="one_survey_per_request"),
            models.CheckConstraint(
                condition=models.Q(transparency__range=(1, 5))
                & models.Q(responsiveness__range=(1, 5))
                & models.Q(mastery__range=(1, 5))
                & models.Q(process_time__range=(1, 5))
                & models.Q(systematic_process__range=(1, 5))
                & models.Q(overall__range=(1, 5)),
                name="survey_ratings_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('satisfaction survey')} {self.service_request_id}"

    @property
    def is_dissatisfied(self) -> bool:
        return self.overall <= 2
