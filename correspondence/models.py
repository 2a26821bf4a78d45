"""Letters in the office-automation system, their events, webhook nonces and partner API tokens."""

import hashlib
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LetterStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    REGISTERED = "registered", _("Registered in office automation")
    REFERRED = "referred", _("Referred")
    REPLIED = "replied", _("Replied")
    ARCHIVED = "archived", _("Archived")


class LetterEventKind(models.TextChoices):
    REFERRED = "referred", _("Referred to a unit or officer")
    REPLIED = "replied", _("Replied")
    ARCHIVED = "archived", _("Archived")


class Letter(models.Model):
    """A request as a letter in the agency's correspondence system; number is theirs (R2)."""

    service_request = models.OneToOneField(
        "workflows.ServiceRequest", verbose_name=_("request"), on_delete=models.CASCADE, related_name="oa_letter"
    )
    number = models.CharField(_("letter number"), max_length=60, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=LetterStatus.choices, default=LetterStatus.QUEUED)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("office-automation letter")
        verbose_name_plural = _("office-automation letters")
        constraints = [
            models.UniqueConstraint(fields=["number"], condition=~models.Q(number=""), name="unique_letter_number")
        ]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"


class LetterEvent(models.Model):
    """One thing that happened to a letter over there, as the webhook reported it."""

    letter = models.ForeignKey(Letter, verbose_name=_("letter"), on_delete=models.CASCADE, related_name="events")
    event_id = models.CharField(_("event id"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=LetterEventKind.choices)
    occurred_at = models.DateTimeField(_("occurred at"))
    unit_code = models.CharField(_("unit code"), max_length=50, blank=True)
    unit_name = models.CharField(_("unit"), max_length=200, blank=True)
    officer_name = models.CharField(_("officer"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("letter event")
        verbose_name_plural = _("letter events")
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.letter} {self.kind}"


class WebhookNonce(models.Model):
    """Nonces of accepted webhook calls inside the replay window; a second use is refused."""

    nonce = models.CharField(max_length=100, unique=True)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.nonce


def token_digest(token: str) -> str:
    # Tokens are 256-bit random strings, so a plain SHA-256 is enough (no password stretching needed).
    return hashlib.sha256(token.encode()).hexdigest()


class PartnerScope(models.TextChoices):
    SUBMIT = "submit", _("Submit requests")
    LOOKUP = "lookup", _("Look up requests")
    LETTER_EVENTS = "letter_events", _("Send letter events")


class PartnerToken(models.Model):
    """An API token of one partner system. Only its digest is stored; the token is shown once."""

    partner = models.CharField(_("partner system"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=8, unique=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("scopes"), default=list, help_text=_("submit, lookup, letter_events"))
    rate = models.CharField(_("rate limit"), max_length=20, default="60/min", help_text=_("e.g. 60/min, 1000/day"))
    is_active = models.BooleanField(_("active"), default=True)
    # An HMAC verifier needs the secret itself, so it is stored as issued (not hashed); it is shown
    # once, when issued, and never again (the admin does not display it).
    webhook_secret = models.CharField(_("webhook secret"), max_length=100, blank=True, editable=False)
    allowed_unit_codes = models.JSONField(
        _("units it may route to"),
        default=list,
        blank=True,
        help_text=_(
            "Unit codes a letter event of this partner may move a request to, besides the units on the request's own routing plan."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner API token")
        verbose_name_plural = _("partner API tokens")

    def __str__(self) -> str:
        return f"{self.partner} ({self.prefix}…)"

    @classmethod
    def issue(
        cls, partner: str, scopes: list[str], rate: str = "60/min", allowed_unit_codes: list[str] | None = None
    ) -> tuple["PartnerToken", str]:
        """Create a token; returns the row and the plain token (never stored).

        A token with the letter_events scope also gets its own webhook secret (`webhook_secret`),
        which the caller shows once.
        """
        while True:
            plain = "desk_" + secrets.token_urlsafe(32)
            prefix = plain[5:13]
            if not cls.objects.filter(prefix=prefix).exists():
                break
        row = cls.objects.create(
            partner=partner,
            prefix=prefix,
            digest=token_digest(plain),
            scopes=scopes,
            rate=rate,
            allowed_unit_codes=list(allowed_unit_codes or []),
            webhook_secret=secrets.token_urlsafe(32) if PartnerScope.LETTER_EVENTS in scopes else "",
        )
        return row, plain

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    @property
    def is_authenticated(self) -> bool:  # lets DRF treat the token as the request's user
        return True
