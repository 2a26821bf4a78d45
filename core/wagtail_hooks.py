"""Wagtail admin: official holidays as a snippet, entered and listed by Jalali date."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import JalaliDateField
from .models import Holiday


class HolidayAdminForm(WagtailAdminModelForm):
    date = JalaliDateField(label=_("date (Jalali)"), help_text=_("For example 1405/01/01."))


class HolidayViewSet(SnippetViewSet):
    model = Holiday
    icon = "date"
    menu_label = _("Official holidays")
    add_to_admin_menu = False
    list_display = ["jalali_date", "title"]
    list_export = ["date", "title"]
    search_fields = ["title"]
    ordering = ["date"]
    edit_handler = ObjectList([FieldPanel("date"), FieldPanel("title")], base_form_class=HolidayAdminForm)


register_snippet(HolidayViewSet)
