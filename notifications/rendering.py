"""Message text: placeholder checks, rendering, and fitting an SMS into a few parts."""

import string

from core.sms import with_opt_out

ELLIPSIS = "…"
MAX_SMS_PARTS = 3
# Concatenated SMS lose room to the user-data header: 70 → 67 (UCS-2), 160 → 153 (GSM-7).
UCS2_SINGLE, UCS2_PART = 70, 67
GSM_SINGLE, GSM_PART = 160, 153
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)


def placeholder_names(text: str) -> list[str]:
    """Names used in {braces}; raises ValueError on a malformed brace."""
    names = []
    for _literal, field, _spec, _conv in string.Formatter().parse(text or ""):
        if field is not None:
            names.append(field)
    return names


def unknown_placeholders(event: str, text: str) -> list[str]:
    from .enums import Event

    allowed = set(Event.placeholders(event))
    return sorted({name for name in placeholder_names(text) if name not in allowed})


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render(text: str, context: dict) -> str:
    """Fill placeholders; a missing value renders empty instead of failing a citizen's message."""
    try:
        return string.Formatter().vformat(
            text or "", (), _Lenient({k: "" if v is None else v for k, v in context.items()})
        )
    except (ValueError, IndexError, KeyError, AttributeError):
        return text or ""


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def is_gsm7(text: str) -> bool:
    return all(char in _GSM_BASIC for char in text)


def sms_parts(text: str) -> int:
    """How many SMS parts a text needs."""
    single, part = (GSM_SINGLE, GSM_PART) if is_gsm7(text) else (UCS2_SINGLE, UCS2_PART)
    length = len(text) if is_gsm7(text) else _units(text)
    if length <= single:
        return 1
    return -(-length // part)


def fit_sms(text: str, *, informational: bool = False, max_parts: int = MAX_SMS_PARTS) -> str:
    """Shorten to at most max_parts parts (ending with an ellipsis); informational SMS keep 'لغو ۱۱' last."""
    body = (text or "").strip()
    full = with_opt_out(body) if informational else body
    if sms_parts(full) <= max_parts:
        return full
    suffix = full[len(body) :] if informational else ""
    budget = (GSM_PART if is_gsm7(full) else UCS2_PART) * max_parts
    room = budget - _units(suffix) - len(ELLIPSIS)
    cut = body[:room]
    while _units(cut) > room:  # characters outside the BMP take two units
        cut = cut[:-1]
    return cut.rstrip() + ELLIPSIS + suffix
