"""Wagtail admin: editors edit the message templates (placeholders are checked on save)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MessageTemplate


class MessageTemplateViewSet(SnippetViewSet):
    model = MessageTemplate
    icon = "mail"
    menu_label = _("Message templates")
    add_to_admin_menu = True
    list_display = ["__str__", "informational", "is_active"]
    list_filter = ["event", "channel", "is_active"]


register_snippet(MessageTemplateViewSet)
