"""{{ user|display_name }}: a staff member as citizens and colleagues read them (core.people)."""

from django import template

from core.people import display_name as _display_name

register = template.Library()


@register.filter
def display_name(user) -> str:
    return _display_name(user)
