"""Message templates: editors' placeholders are checked on save; SMS texts fit in three parts."""

import pytest
from django.core.exceptions import ValidationError

from notifications import outbox
from notifications.enums import Channel, Event
from notifications.models import MessageTemplate
from notifications.rendering import fit_sms, sms_parts

pytestmark = pytest.mark.django_db


def test_unknown_placeholder_is_refused_with_a_persian_message():
    template = MessageTemplate(
        event=Event.REGISTERED, channel=Channel.SMS, body="کد {tracking_code} برای {national_id}"
    )
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    message = error.value.message_dict["body"][0]
    assert "{national_id}" in message and "جای‌نگهدار ناشناخته" in message


def test_unmatched_brace_is_refused():
    template = MessageTemplate(event=Event.REGISTERED, channel=Channel.SMS, body="کد {tracking_code")
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "body" in error.value.message_dict


def test_placeholders_of_the_event_are_accepted_and_used():
    MessageTemplate.objects.filter(event=Event.STAGE_CHANGED, channel=Channel.SMS).delete()
    template = MessageTemplate(event=Event.STAGE_CHANGED, channel=Channel.SMS, body="به {unit} ({officer}) رسید")
    template.full_clean()
    template.save()
    _subject, text, _informational = outbox.render_message(
        Event.STAGE_CHANGED, Channel.SMS, {"unit": "دبیرخانه", "officer": "کارمند"}
    )
    assert text == "به دبیرخانه (کارمند) رسید"


def test_seeded_templates_are_editable_rows():
    assert MessageTemplate.objects.filter(event=Event.REGISTERED, channel=Channel.SMS).exists()


def test_long_persian_sms_is_cut_to_three_parts_with_an_ellipsis():
    text = fit_sms("تغییر " * 200)
    assert sms_parts(text) == 3 and len(text) <= 3 * 67 and text.endswith("…")


def test_informational_sms_keeps_the_opt_out_keyword_when_cut():
    text = fit_sms("تغییر " * 200, informational=True)
    assert sms_parts(text) == 3 and text.endswith("…\nلغو ۱۱")


def test_short_persian_sms_fits_one_part_of_seventy_characters():
    assert (
        sms_parts("س" * 70) == 1
        and sms_parts("س" * 71) == 2
        and sms_parts("س" * 134) == 2
        and sms_parts("س" * 135) == 3
    )
