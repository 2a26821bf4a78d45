"""Public forms: subscribe to a service's changes and confirm with the code."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import normalize_mobile


class SubscribeForm(forms.Form):
    mobile = forms.CharField(label=_("Mobile"), max_length=20, required=False, help_text=_("e.g. 09121234567"))
    email = forms.EmailField(label=_("Email"), required=False)

    def clean_mobile(self) -> str:
        value = self.cleaned_data.get("mobile", "")
        return normalize_mobile(value) if value.strip() else ""

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("mobile") or data.get("email")):
            raise ValidationError(_("Enter a mobile number or an email address."))
        return data


class ConfirmForm(forms.Form):
    code = forms.CharField(label=_("Confirmation code"), max_length=12)
