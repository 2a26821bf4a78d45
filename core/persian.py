"""Persian text handling: digits, Arabic/Persian letter forms, and zero-width non-joiners.

Citizens type Persian, Arabic-Indic or ASCII digits and Arabic or Persian forms of ی and ک;
everything we store or compare goes through these functions first.
"""

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
ASCII_DIGITS = "0123456789"
ZWNJ = "\u200c"

_TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, ASCII_DIGITS * 2)
_TO_PERSIAN = str.maketrans(ASCII_DIGITS + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)
_LETTERS = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh
        "ى": "ی",  # alef maksura
        "ك": "ک",  # Arabic kaf
        "ۀ": "ه",  # heh with yeh above, when used as a separate letter form
        "ة": "ه",
    }
)
# Invisible marks that only change rendering: joiners, bidi controls and Arabic diacritics.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF]
    + list(range(0x064B, 0x0653))
    + [0x0640],  # tatweel
)


def to_ascii_digits(text: str) -> str:
    """Persian and Arabic-Indic digits become ASCII digits."""
    return text.translate(_TO_ASCII)


def to_persian_digits(value: object) -> str:
    """Render ASCII and Arabic-Indic digits as Persian digits (for display only)."""
    return str(value).translate(_TO_PERSIAN)


def normalize_letters(text: str) -> str:
    """Arabic forms of ی and ک (and friends) become the Persian forms; invisible marks go."""
    return text.translate(_LETTERS).translate(_INVISIBLE)


def normalize_text(text: str) -> str:
    """Canonical form for storage of citizen input: Persian letters, ASCII digits, trimmed."""
    return " ".join(to_ascii_digits(normalize_letters(text)).split())


def normalize_for_search(text: str) -> str:
    """Canonical form for search: like normalize_text, with zero-width non-joiners removed.

    "گواهی‌نامه", "گواهینامه" and "گواهي‌نامه" all become "گواهینامه".
    """
    return normalize_text(text.replace(ZWNJ, "")).lower()
