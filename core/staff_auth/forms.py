"""The one field of both second-factor pages: a six-digit code, or a recovery code."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.persian import to_ascii_digits


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code"),
        max_length=16,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr", "spellcheck": "false"}
        ),
    )

    def clean_otp_token(self) -> str:
        # Persian keyboards type Persian digits; codes are compared in Latin digits, without spaces.
        return to_ascii_digits(self.cleaned_data["otp_token"]).replace(" ", "").replace("-", "").lower()
