"""Drive Wagtail's page editor the way a browser does: read the edit form, change fields, post it."""

from django.http import QueryDict
from wagtail.test.utils.form_data import querydict_from_html


def edit_url(page) -> str:
    return f"/cms-admin/pages/{page.pk}/edit/"


def edit_form_data(client, page) -> QueryDict:
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def post_edit(client, page, data: QueryDict, action: str | None = None):
    if action:
        data[action] = action
    return client.post(edit_url(page), data)


def form_errors(response) -> str:
    """Every error the editor sees: page form, non-field errors and inline rows."""
    form = response.context["form"]
    texts = [str(e) for errors in form.errors.values() for e in errors]
    for formset in form.formsets.values():
        texts += [str(e) for e in formset.non_form_errors()]
        texts += [str(e) for errors in formset.errors for field_errors in errors.values() for e in field_errors]
    return " | ".join(texts)
