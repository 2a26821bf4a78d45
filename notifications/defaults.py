"""The texts used until an editor saves their own template (content, written in Persian)."""

from .enums import Channel, Event

# (event, channel) -> (subject, body, informational)
DEFAULT_TEMPLATES: dict[tuple[str, str], tuple[str, str, bool]] = {
    (Event.REGISTERED, Channel.SMS): ("", "درخواست «{service}» ثبت شد. کد رهگیری: {tracking_code}", False),
    (Event.REGISTERED, Channel.EMAIL): (
        "ثبت درخواست {tracking_code}",
        "درخواست شما برای «{service}» ثبت شد.\nکد رهگیری: {tracking_code}\nوضعیت: {status}",
        False,
    ),
    (Event.DOCUMENTS_REQUESTED, Channel.SMS): (
        "",
        "برای درخواست {tracking_code} این مدارک لازم است: {documents}. لطفاً از بخش پیگیری بارگذاری کنید.",
        False,
    ),
    (Event.DOCUMENTS_REQUESTED, Channel.EMAIL): (
        "مدارک لازم برای درخواست {tracking_code}",
        "برای ادامهٔ رسیدگی به درخواست «{service}» ({tracking_code}) این مدارک لازم است:\n{documents}",
        False,
    ),
    (Event.STAGE_CHANGED, Channel.SMS): (
        "",
        "درخواست {tracking_code} به مرحلهٔ «{stage}» رسید. واحد: {unit}، کارشناس: {officer}",
        False,
    ),
    (Event.STAGE_CHANGED, Channel.EMAIL): (
        "پیشرفت درخواست {tracking_code}",
        "درخواست «{service}» ({tracking_code}) به مرحلهٔ «{stage}» رسید.\nواحد رسیدگی: {unit}\nکارشناس: {officer}",
        False,
    ),
    (Event.DECIDED, Channel.SMS): ("", "دربارهٔ درخواست {tracking_code} تصمیم گرفته شد: {decision}", False),
    (Event.DECIDED, Channel.EMAIL): (
        "نتیجهٔ درخواست {tracking_code}",
        "دربارهٔ درخواست «{service}» ({tracking_code}) تصمیم گرفته شد: {decision}",
        False,
    ),
    (Event.CLOSED, Channel.SMS): ("", "درخواست {tracking_code} بسته شد. {reason}", False),
    (Event.CLOSED, Channel.EMAIL): (
        "بسته شدن درخواست {tracking_code}",
        "درخواست {tracking_code} بسته شد.\n{reason}",
        False,
    ),
    (Event.WITHDRAWN, Channel.SMS): ("", "درخواست {tracking_code} به درخواست شما پس گرفته شد.", False),
    (Event.SURVEY_INVITATION, Channel.SMS): (
        "",
        "نظر شما دربارهٔ رسیدگی به درخواست {tracking_code} برای ما مهم است: {link}",
        True,
    ),
    (Event.SURVEY_INVITATION, Channel.EMAIL): (
        "نظرسنجی درخواست {tracking_code}",
        "لطفاً دربارهٔ رسیدگی به درخواست «{service}» ({tracking_code}) نظر دهید:\n{link}",
        True,
    ),
    (Event.LETTER_EVENT, Channel.SMS): ("", "درخواست {tracking_code} (نامهٔ {letter_number}): {letter_event}", False),
    (Event.SUBSCRIPTION_CODE, Channel.SMS): ("", "کد تأیید عضویت در خبرنامهٔ «{service}»: {code}", False),
    (Event.SUBSCRIPTION_CODE, Channel.EMAIL): (
        "کد تأیید خبرنامهٔ {service}",
        "کد تأیید عضویت شما در خبرنامهٔ تغییرات «{service}»: {code}",
        False,
    ),
    (Event.PROCEDURE_CHANGED, Channel.SMS): (
        "",
        "تغییر در خدمت «{service}»: {change_note} مدارک افزوده: {documents_added}؛ حذف: {documents_removed}؛ تغییر: {documents_changed}",
        True,
    ),
    (Event.PROCEDURE_CHANGED, Channel.EMAIL): (
        "تغییر در روال «{service}»",
        "روال خدمت «{service}» تغییر کرد.\n{change_note}\n\nمدارک افزوده: {documents_added}\nمدارک حذف‌شده: {documents_removed}\n"
        "مدارک تغییریافته: {documents_changed}\n\nلغو عضویت: {link}",
        True,
    ),
}
