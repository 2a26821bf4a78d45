"""SHAMS national document identifier (شناسه ملی سند): the QR payload required on an official letter's first page.

Fields, in the circular's order: letter number (≤20 chars), issue date-time in ISO 8601 (19 chars),
GUID (36 chars), the signer's national code (10 digits; one field per signer, at most two), the
organisation's e-mail, the organisation's national ID. The separator and the calendar of the date
are not confirmed by any published spec, so both come from settings:
SHAMS_SEPARATOR (default "|") and SHAMS_CALENDAR ("gregorian", default, or "jalali").
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

import jdatetime
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from .persian import to_ascii_digits
from .validators import normalize_national_id

CALENDARS = ("gregorian", "jalali")
MAX_LETTER_NUMBER = 20


def shams_separator() -> str:
    return getattr(settings, "SHAMS_SEPARATOR", "|")


def shams_calendar() -> str:
    return getattr(settings, "SHAMS_CALENDAR", "gregorian")


def format_issued_at(issued_at: dt.datetime, calendar: str | None = None) -> str:
    """'YYYY-MM-DDTHH:MM:SS' (19 characters) in local time, in the configured calendar."""
    calendar = calendar or shams_calendar()
    if calendar not in CALENDARS:
        raise ValueError(f"SHAMS_CALENDAR must be one of {CALENDARS}, not {calendar!r}.")
    if not isinstance(issued_at, dt.datetime):
        raise ValueError("issued_at must be a datetime.")
    if timezone.is_aware(issued_at):
        issued_at = timezone.localtime(issued_at)
    issued_at = issued_at.replace(microsecond=0, tzinfo=None)
    if calendar == "jalali":
        j = jdatetime.datetime.fromgregorian(datetime=issued_at)
        return f"{j.year:04d}-{j.month:02d}-{j.day:02d}T{j.hour:02d}:{j.minute:02d}:{j.second:02d}"
    return issued_at.strftime("%Y-%m-%dT%H:%M:%S")


def _clean_letter_number(value: str) -> str:
    text = to_ascii_digits(str(value or "")).strip()
    if not text:
        raise ValueError("The letter number is required.")
    if len(text) > MAX_LETTER_NUMBER:
        raise ValueError(f"The letter number must be at most {MAX_LETTER_NUMBER} characters, got {len(text)}.")
    return text


def _clean_guid(value: str | uuid.UUID) -> str:
    try:
        text = str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value).strip()))
    except (ValueError, AttributeError, TypeError):
        raise ValueError(f"The GUID {value!r} is not a valid UUID.")
    return text  # canonical 36-character lowercase form


def _clean_national_codes(codes: list[str]) -> list[str]:
    if isinstance(codes, str) or not 1 <= len(codes or []) <= 2:
        raise ValueError("Give one or two signer national codes (a list).")
    cleaned = []
    for code in codes:
        try:
            cleaned.append(normalize_national_id(code))
        except ValidationError:
            raise ValueError(f"The signer national code {code!r} is not a valid 10-digit national code.")
    return cleaned


def _clean_email(value: str) -> str:
    text = str(value or "").strip()
    try:
        validate_email(text)
    except ValidationError:
        raise ValueError(f"The organisation e-mail {value!r} is not valid.")
    return text


def _clean_org_national_id(value: str) -> str:
    # Legal entities' national IDs (شناسه ملی اشخاص حقوقی) are 11 digits.
    text = to_ascii_digits(str(value or "")).strip()
    if not re.fullmatch(r"\d{11}", text):
        raise ValueError(f"The organisation national ID must be 11 digits, got {value!r}.")
    return text


def shams_payload(
    letter_number: str,
    issued_at: dt.datetime,
    guid: str,
    signer_national_codes: list[str],
    org_email: str,
    org_national_id: str,
) -> str:
    """The SHAMS QR text for a letter; raises ValueError naming the first invalid field."""
    separator = shams_separator()
    if not separator:
        raise ValueError("SHAMS_SEPARATOR must not be empty.")
    fields = [
        _clean_letter_number(letter_number),
        format_issued_at(issued_at),
        _clean_guid(guid),
        *_clean_national_codes(signer_national_codes),
        _clean_email(org_email),
        _clean_org_national_id(org_national_id),
    ]
    for field in fields:
        if separator in field:
            raise ValueError(f"The value {field!r} contains the SHAMS separator {separator!r}.")
    return separator.join(fields)
