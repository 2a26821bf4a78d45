"""Idempotent demo content: a fictional municipality, its units and staff, its document catalogue and guides.

Everything here is synthetic. Running seed_cms twice creates nothing new and changes nothing.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.search.index import insert_or_update_object

from cms.enums import Channel, DocumentForm, LifeEvent, Outcome, Requirement, Role, UnitKind
from cms.history import record_version
from cms.models import (
    GuideDocument,
    GuideFAQ,
    GuideStep,
    HomePage,
    OrganizationalUnit,
    RequiredDocument,
    RoutingStage,
    ServiceCategoryPage,
    ServiceGuidePage,
    UnitMembership,
)

EDITORS, MODERATORS = "Editors", "Moderators"
WORKFLOW_NAME = "Moderators approval"
FIRST_NOTE = "انتشار نخست راهنمای خدمت."
REVIEW_NOTE = "بازبینی مدارک لازم و ساعات پاسخ‌گویی."
REVIEWED_ON = dt.date(2025, 10, 1)

# username: (first name, last name, flags)
USERS = {
    "admin": ("مدیر", "سامانه", {"is_staff": True, "is_superuser": True}),
    "editor": ("مریم", "ویراستار", {"is_staff": True}),
    "reviewer": ("علی", "بازبین", {"is_staff": True}),
    "clerk": ("زهرا", "پیشخوان", {}),
    "officer1": ("رضا", "کارشناس‌یکم", {}),
    "officer2": ("سارا", "کارشناس‌دوم", {}),
    "officer3": ("حسین", "کارشناس‌سوم", {}),
    "head1": ("نرگس", "رئیس‌اداره", {}),
    "manager": ("محمد", "مدیرکل", {"is_staff": True}),
}

# code: (name, kind, parent code, head username, phone, address)
UNITS = {
    "municipality": ("شهرداری نمونه", UnitKind.ORGANISATION, None, "manager", "021-11110000", "میدان شهرداری، ساختمان مرکزی"),
    "urban-planning": ("معاونت شهرسازی و معماری", UnitKind.DEPARTMENT, "municipality", "manager", "021-11110100", "ساختمان مرکزی، طبقه دوم"),
    "finance": ("معاونت مالی و اقتصادی", UnitKind.DEPARTMENT, "municipality", "manager", "021-11110200", "ساختمان مرکزی، طبقه سوم"),
    "city-services": ("معاونت خدمات شهری", UnitKind.DEPARTMENT, "municipality", "manager", "021-11110300", "خیابان بهار، ساختمان خدمات شهری"),
    "front-desk": ("میز خدمت و پیشخوان", UnitKind.UNIT, "municipality", "manager", "021-11110010", "ساختمان مرکزی، طبقه همکف، باجه ۱ تا ۶"),
    "permits": ("اداره صدور پروانه و پایان‌کار", UnitKind.UNIT, "urban-planning", "head1", "021-11110110", "ساختمان مرکزی، طبقه دوم، اتاق ۲۰۴"),
    "building-control": ("اداره کنترل و نظارت ساختمان", UnitKind.UNIT, "urban-planning", "manager", "021-11110120", "ساختمان مرکزی، طبقه دوم، اتاق ۲۱۰"),
    "revenue": ("اداره درآمد و عوارض", UnitKind.UNIT, "finance", "manager", "021-11110210", "ساختمان مرکزی، طبقه سوم، اتاق ۳۰۲"),
    "green-space": ("اداره فضای سبز", UnitKind.UNIT, "city-services", "manager", "021-11110310", "بوستان مرکزی، ساختمان اداری"),
    "transport": ("اداره حمل‌ونقل و ترافیک", UnitKind.UNIT, "city-services", "manager", "021-11110320", "خیابان بهار، پلاک ۱۲"),
}  # fmt: skip
WORKING_HOURS = "شنبه تا چهارشنبه ۷:۳۰ تا ۱۴:۳۰"

# (unit code, username, role). Officers 2 and 3 also cover the smaller city-services units.
MEMBERSHIPS = [
    ("front-desk", "clerk", Role.CLERK),
    ("permits", "officer1", Role.OFFICER),
    ("permits", "head1", Role.HEAD),
    ("building-control", "officer2", Role.OFFICER),
    ("revenue", "officer3", Role.OFFICER),
    ("green-space", "officer2", Role.OFFICER),
    ("transport", "officer3", Role.OFFICER),
]

CATALOGUE = {
    "national-card": ("کارت ملی", "کارت ملی هوشمند یا رسید تعویض کارت ملی متقاضی."),
    "birth-certificate": ("شناسنامه", "تمام صفحات شناسنامه عکس‌دار متقاضی."),
    "ownership-deed": ("سند مالکیت", "سند تک‌برگ یا دفترچه‌ای ملک، همه صفحات."),
    "lease-contract": ("قرارداد اجاره", "اجاره‌نامه رسمی یا کد رهگیری‌دار معتبر."),
    "power-of-attorney": ("وکالت‌نامه رسمی", "در صورتی که درخواست از سوی وکیل مالک ثبت شود."),
    "architectural-plans": ("نقشه‌های معماری", "نقشه‌های معماری ممهور به مهر نظام مهندسی."),
    "structural-plans": ("نقشه‌های سازه", "نقشه‌ها و محاسبات سازه ممهور به مهر نظام مهندسی."),
    "supervisor-report": ("گزارش مهندس ناظر", "گزارش پیشرفت یا پایان عملیات ساختمانی به امضای ناظر."),
    "building-permit": ("پروانه ساختمانی", "پروانه ساختمانی صادرشده برای ملک."),
    "site-sketch": ("کروکی محل", "کروکی دقیق محل ملک با ذکر نشانی و معابر اطراف."),
    "fee-receipt": ("فیش پرداخت عوارض", "رسید پرداخت الکترونیک یا فیش بانکی عوارض."),
    "personal-photo": ("عکس پرسنلی", "عکس رنگی ۳×۴ با زمینه روشن، گرفته‌شده در شش ماه اخیر."),
    "driving-licence": ("گواهی‌نامه رانندگی", "گواهی‌نامه رانندگی پایه دوم یا بالاتر، معتبر."),
    "criminal-record": ("گواهی عدم سوءپیشینه", "گواهی عدم سوءپیشینه کیفری با اعتبار سه ماه."),
    "military-service": ("کارت پایان خدمت یا معافیت", "برای آقایان، کارت پایان خدمت یا معافیت دائم."),
    "health-certificate": ("گواهی سلامت", "گواهی سلامت جسمی و روانی از مراکز طرف قرارداد."),
}


@dataclass
class Doc:
    key: str
    form: str = DocumentForm.COPY
    copies: int = 1
    condition: str = ""

    @property
    def requirement(self) -> str:
        return Requirement.CONDITIONAL if self.condition else Requirement.MANDATORY


@dataclass
class Service:
    code: str
    title: str
    category: str
    summary: str
    unit: str
    docs: list[Doc]
    stages: list[tuple[str, str, str, int]]  # (title, unit code, role, working days)
    fee: int = 0
    expected: int = 5
    maximum: int = 10
    channels: str = Channel.BOTH
    life_event: str = LifeEvent.PROPERTY
    visits: int = 0
    steps: list[tuple[str, str, str]] = field(default_factory=list)  # (title, actor, description)
    faqs: list[tuple[str, str]] = field(default_factory=list)
    legal_basis: str = ""


CATEGORIES = {
    "building": ("شهرسازی و ساختمان", "پروانه، پایان‌کار، عدم خلاف و دستور نقشه.", "🏗️"),
    "revenue": ("عوارض و درآمد", "پرداخت عوارض، مفاصاحساب و اعتراض به عوارض.", "💳"),
    "city": ("خدمات شهری و فضای سبز", "درختان، پسماند ساختمانی و حفاری معابر.", "🌳"),
    "transport": ("حمل‌ونقل و ترافیک", "تاکسیرانی، پروانه فعالیت و گواهی‌نامه‌های صلاحیت.", "🚕"),
}

INTAKE_STEP = (
    "ثبت درخواست و بارگذاری مدارک",
    "متقاضی",
    "درخواست را در سامانه یا باجه میز خدمت ثبت کنید و کد رهگیری بگیرید.",
)
CHECK_STEP = (
    "بررسی کامل بودن مدارک",
    "میز خدمت",
    "کارشناس پیشخوان مدارک را بررسی می‌کند و در صورت نقص از طریق پیامک اطلاع می‌دهد.",
)
RESULT_STEP = ("دریافت نتیجه", "متقاضی", "نتیجه با پیامک اعلام می‌شود و نامه پاسخ در سامانه قابل دریافت است.")
TRACK_FAQ = (
    "چگونه درخواستم را پیگیری کنم؟",
    "با کد رهگیری و کد ملی در بخش «پیگیری درخواست» وضعیت، واحد و کارشناس رسیدگی‌کننده را ببینید.",
)
MUNICIPAL_LAW = "قانون شهرداری‌ها و آیین‌نامه‌های اجرایی آن؛ دستورالعمل حقوق شهروندی در نظام اداری."

SERVICES = [
    Service(
        "13051010100",
        "صدور پروانه ساختمانی",
        "building",
        "صدور پروانه برای احداث، توسعه یا تجدید بنای ساختمان مسکونی و تجاری بر اساس طرح تفصیلی شهر.",
        "permits",
        [
            Doc("national-card"),
            Doc("ownership-deed", DocumentForm.BOTH),
            Doc("architectural-plans", DocumentForm.ORIGINAL, 2),
            Doc("structural-plans", DocumentForm.ORIGINAL, 2),
            Doc("site-sketch"),
            Doc("power-of-attorney", DocumentForm.BOTH, condition="اگر درخواست را وکیل مالک ثبت می‌کند."),
        ],
        [
            ("بررسی فنی نقشه‌ها", "permits", Role.OFFICER, 5),
            ("کنترل ضوابط طرح تفصیلی", "building-control", Role.OFFICER, 5),
            ("محاسبه عوارض", "revenue", Role.OFFICER, 3),
            ("تصمیم رئیس اداره", "permits", Role.HEAD, 2),
        ],
        fee=2_500_000,
        expected=20,
        maximum=30,
        visits=1,
        life_event=LifeEvent.PROPERTY,
        steps=[
            INTAKE_STEP,
            CHECK_STEP,
            ("بازدید از محل", "کارشناس شهرسازی", "بازدید کارشناس از ملک و تهیه گزارش وضع موجود."),
            ("پرداخت عوارض و دریافت پروانه", "متقاضی", "پس از پرداخت عوارض، پروانه به‌صورت الکترونیک صادر می‌شود."),
        ],
        faqs=[
            ("آیا بدون مهندس ناظر می‌توانم پروانه بگیرم؟", "خیر؛ معرفی مهندس ناظر از سوی سازمان نظام مهندسی لازم است."),
            TRACK_FAQ,
        ],
        legal_basis="ماده ۱۰۰ قانون شهرداری‌ها؛ ضوابط طرح تفصیلی مصوب.",
    ),
    Service(
        "13051010200",
        "تمدید پروانه ساختمانی",
        "building",
        "تمدید مهلت اعتبار پروانه ساختمانی برای ساختمان‌هایی که عملیات آن‌ها در مهلت مقرر تمام نشده است.",
        "permits",
        [
            Doc("national-card"),
            Doc("building-permit", DocumentForm.BOTH),
            Doc("supervisor-report", DocumentForm.ORIGINAL),
        ],
        [("بررسی سوابق پروانه", "permits", Role.OFFICER, 3), ("تصمیم رئیس اداره", "permits", Role.HEAD, 2)],
        fee=800_000,
        expected=5,
        maximum=10,
        steps=[INTAKE_STEP, CHECK_STEP, RESULT_STEP],
        faqs=[
            ("پروانه چند بار قابل تمدید است؟", "بر اساس ضوابط شهرداری، حداکثر دو بار و هر بار تا یک سال."),
            TRACK_FAQ,
        ],
        legal_basis=MUNICIPAL_LAW,
    ),
    Service(
        "13051010300",
        "صدور گواهی پایان‌کار ساختمان",
        "building",
        "صدور گواهی پایان‌کار پس از اتمام عملیات ساختمانی مطابق پروانه، برای تفکیک، انتقال سند و انشعابات.",
        "permits",
        [
            Doc("national-card"),
            Doc("building-permit", DocumentForm.BOTH),
            Doc("supervisor-report", DocumentForm.ORIGINAL),
            Doc("ownership-deed"),
            Doc("fee-receipt", condition="اگر عوارض پیشین پرداخت نشده باشد."),
        ],
        [
            ("بازدید و گزارش کنترل ساختمان", "building-control", Role.OFFICER, 5),
            ("بررسی پرونده", "permits", Role.OFFICER, 3),
            ("تصمیم رئیس اداره", "permits", Role.HEAD, 2),
        ],
        fee=1_200_000,
        expected=12,
        maximum=20,
        visits=1,
        steps=[
            INTAKE_STEP,
            CHECK_STEP,
            ("بازدید پایان‌کار", "کارشناس کنترل ساختمان", "بازدید از ساختمان و تطبیق با پروانه."),
            RESULT_STEP,
        ],
        faqs=[
            ("اگر تخلف ساختمانی داشته باشم چه می‌شود؟", "پرونده برای رسیدگی به کمیسیون ماده ۱۰۰ ارسال می‌شود."),
            TRACK_FAQ,
        ],
        legal_basis="ماده ۱۰۰ قانون شهرداری‌ها.",
    ),
    Service(
        "13051010400",
        "صدور گواهی عدم خلاف",
        "building",
        "گواهی اینکه ساختمان در حین اجرا خلاف پروانه ساخته نشده است؛ برای اخذ وام و انتقال سند در حین ساخت.",
        "building-control",
        [Doc("national-card"), Doc("building-permit"), Doc("supervisor-report", DocumentForm.ORIGINAL)],
        [("بازدید کنترل ساختمان", "building-control", Role.OFFICER, 4), ("تأیید نهایی", "permits", Role.HEAD, 2)],
        fee=600_000,
        expected=7,
        maximum=12,
        visits=1,
        steps=[
            INTAKE_STEP,
            CHECK_STEP,
            ("بازدید از ساختمان", "کارشناس کنترل ساختمان", "بازدید و تطبیق با نقشه‌های مصوب."),
            RESULT_STEP,
        ],
        faqs=[TRACK_FAQ],
        legal_basis=MUNICIPAL_LAW,
    ),
    Service(
        "13051010500",
        "صدور دستور نقشه (استعلام کاربری ملک)",
        "building",
        "اعلام کاربری، تراکم مجاز، عقب‌نشینی و ضوابط ساخت ملک پیش از طراحی نقشه‌ها.",
        "permits",
        [Doc("national-card"), Doc("ownership-deed"), Doc("site-sketch")],
        [("تهیه دستور نقشه", "permits", Role.OFFICER, 4)],
        fee=300_000,
        expected=4,
        maximum=7,
        channels=Channel.ONLINE,
        steps=[
            INTAKE_STEP,
            ("تهیه دستور نقشه", "اداره صدور پروانه", "کارشناس ضوابط طرح تفصیلی را برای ملک استخراج می‌کند."),
            RESULT_STEP,
        ],
        faqs=[("دستور نقشه چه مدت اعتبار دارد؟", "شش ماه از تاریخ صدور."), TRACK_FAQ],
        legal_basis="طرح تفصیلی مصوب شورای عالی شهرسازی و معماری.",
    ),
    Service(
        "13051020100",
        "پرداخت عوارض نوسازی و صدور مفاصاحساب",
        "revenue",
        "محاسبه و پرداخت عوارض سالانه نوسازی املاک و صدور مفاصاحساب برای نقل‌وانتقال.",
        "revenue",
        [Doc("national-card"), Doc("ownership-deed")],
        [("محاسبه عوارض و صدور مفاصاحساب", "revenue", Role.OFFICER, 2)],
        fee=0,
        expected=2,
        maximum=5,
        channels=Channel.ONLINE,
        life_event=LifeEvent.TAX,
        steps=[INTAKE_STEP, ("پرداخت الکترونیک", "متقاضی", "مبلغ عوارض را از درگاه بانکی پرداخت کنید."), RESULT_STEP],
        faqs=[("عوارض نوسازی چگونه محاسبه می‌شود؟", "بر اساس ارزش معاملاتی ملک و نرخ مصوب شورای شهر."), TRACK_FAQ],
        legal_basis="قانون نوسازی و عمران شهری، ماده ۲.",
    ),
    Service(
        "13051020200",
        "صدور مفاصاحساب عوارض کسب و پیشه",
        "revenue",
        "صدور گواهی تسویه عوارض سالانه واحدهای صنفی، لازم برای تمدید پروانه کسب.",
        "revenue",
        [Doc("national-card"), Doc("lease-contract", condition="اگر واحد صنفی استیجاری است."), Doc("fee-receipt")],
        [("بررسی پرونده درآمدی", "revenue", Role.OFFICER, 2), ("تأیید رئیس اداره", "revenue", Role.HEAD, 1)],
        fee=150_000,
        expected=3,
        maximum=5,
        life_event=LifeEvent.BUSINESS,
        steps=[INTAKE_STEP, CHECK_STEP, RESULT_STEP],
        faqs=[TRACK_FAQ],
        legal_basis="تعرفه عوارض محلی مصوب شورای اسلامی شهر.",
    ),
    Service(
        "13051020300",
        "اعتراض به عوارض (کمیسیون ماده ۷۷)",
        "revenue",
        "ثبت اعتراض به عوارض تعیین‌شده و رسیدگی در کمیسیون رفع اختلاف ماده ۷۷.",
        "revenue",
        [
            Doc("national-card"),
            Doc("fee-receipt", condition="اگر بخشی از عوارض پرداخت شده است."),
            Doc("power-of-attorney", DocumentForm.BOTH, condition="اگر اعتراض را وکیل ثبت می‌کند."),
        ],
        [
            ("کارشناسی پرونده", "revenue", Role.OFFICER, 5),
            ("بررسی حقوقی", "finance", Role.OFFICER, 5),
            ("رأی کمیسیون", "revenue", Role.HEAD, 10),
        ],
        fee=0,
        expected=20,
        maximum=30,
        visits=1,
        life_event=LifeEvent.TAX,
        steps=[
            INTAKE_STEP,
            CHECK_STEP,
            ("جلسه کمیسیون", "کمیسیون ماده ۷۷", "زمان جلسه با پیامک اعلام می‌شود."),
            RESULT_STEP,
        ],
        faqs=[("آیا رأی کمیسیون قابل اعتراض است؟", "بله؛ در دیوان عدالت اداری."), TRACK_FAQ],
        legal_basis="ماده ۷۷ قانون شهرداری‌ها.",
    ),
    Service(
        "13051030100",
        "صدور مجوز قطع یا جابه‌جایی درخت",
        "city",
        "بررسی درخواست قطع یا جابه‌جایی درختان معابر و باغ‌ها در موارد خطر یا ضرورت عمرانی.",
        "green-space",
        [Doc("national-card"), Doc("ownership-deed", condition="اگر درخت در ملک خصوصی است."), Doc("site-sketch")],
        [
            ("بازدید کارشناس فضای سبز", "green-space", Role.OFFICER, 4),
            ("تصمیم کمیسیون فضای سبز", "green-space", Role.HEAD, 5),
        ],
        fee=0,
        expected=7,
        maximum=15,
        life_event=LifeEvent.UTILITIES,
        steps=[INTAKE_STEP, ("بازدید از محل", "کارشناس فضای سبز", "بررسی وضعیت درخت و علت درخواست."), RESULT_STEP],
        faqs=[
            ("قطع درخت بدون مجوز چه پیامدی دارد؟", "بر اساس لایحه قانونی حفظ و گسترش فضای سبز، جریمه دارد."),
            TRACK_FAQ,
        ],
        legal_basis="لایحه قانونی حفظ و گسترش فضای سبز در شهرها.",
    ),
    Service(
        "13051030200",
        "درخواست جمع‌آوری نخاله ساختمانی",
        "city",
        "ثبت درخواست جمع‌آوری نخاله و پسماند ساختمانی از محل ملک توسط پیمانکار مجاز.",
        "green-space",
        [Doc("national-card"), Doc("site-sketch")],
        [("زمان‌بندی جمع‌آوری", "green-space", Role.OFFICER, 2)],
        fee=900_000,
        expected=2,
        maximum=4,
        channels=Channel.ONLINE,
        life_event=LifeEvent.UTILITIES,
        steps=[INTAKE_STEP, ("پرداخت هزینه", "متقاضی", "هزینه بر اساس حجم نخاله محاسبه و پرداخت می‌شود."), RESULT_STEP],
        faqs=[TRACK_FAQ],
        legal_basis="قانون مدیریت پسماندها.",
    ),
    Service(
        "13051030300",
        "صدور مجوز حفاری معابر",
        "city",
        "مجوز حفاری در معابر عمومی برای انشعاب آب، برق، گاز و مخابرات و تعهد به ترمیم آسفالت.",
        "city-services",
        [Doc("national-card"), Doc("site-sketch"), Doc("fee-receipt")],
        [
            ("بررسی مسیر حفاری", "transport", Role.OFFICER, 3),
            ("تأیید معاونت خدمات شهری", "city-services", Role.HEAD, 2),
        ],
        fee=1_500_000,
        expected=5,
        maximum=8,
        life_event=LifeEvent.UTILITIES,
        steps=[INTAKE_STEP, CHECK_STEP, RESULT_STEP],
        faqs=[("هزینه ترمیم آسفالت با کیست؟", "با متقاضی؛ مبلغ آن هنگام صدور مجوز دریافت می‌شود."), TRACK_FAQ],
        legal_basis=MUNICIPAL_LAW,
    ),
    Service(
        "13051040100",
        "صدور پروانه تاکسیرانی",
        "transport",
        "صدور پروانه فعالیت برای رانندگان تاکسی درون‌شهری پس از احراز صلاحیت.",
        "transport",
        [
            Doc("national-card"),
            Doc("birth-certificate"),
            Doc("driving-licence", DocumentForm.BOTH),
            Doc("personal-photo", copies=2),
            Doc("criminal-record", DocumentForm.ORIGINAL),
            Doc("health-certificate", DocumentForm.ORIGINAL),
            Doc("military-service", condition="برای متقاضیان مرد."),
        ],
        [("بررسی صلاحیت", "transport", Role.OFFICER, 5), ("تصمیم رئیس اداره", "transport", Role.HEAD, 3)],
        fee=1_000_000,
        expected=10,
        maximum=15,
        visits=1,
        life_event=LifeEvent.BUSINESS,
        steps=[
            INTAKE_STEP,
            CHECK_STEP,
            ("شرکت در دوره آموزشی", "متقاضی", "گذراندن دوره آموزشی رانندگان تاکسی."),
            RESULT_STEP,
        ],
        faqs=[("حداقل سن متقاضی چقدر است؟", "۲۲ سال تمام."), TRACK_FAQ],
        legal_basis="آیین‌نامه سازمان‌های تاکسیرانی شهری.",
    ),
    Service(
        "13051040200",
        "صدور گواهی‌نامه صلاحیت رانندگان تاکسی اینترنتی",
        "transport",
        "صدور گواهی‌نامه صلاحیت برای رانندگان سکوهای تاکسی اینترنتی، با اعتبار یک‌ساله.",
        "transport",
        [
            Doc("national-card"),
            Doc("driving-licence"),
            Doc("personal-photo"),
            Doc("criminal-record", DocumentForm.ORIGINAL),
        ],
        [("بررسی مدارک", "transport", Role.OFFICER, 3)],
        fee=500_000,
        expected=4,
        maximum=7,
        channels=Channel.ONLINE,
        life_event=LifeEvent.BUSINESS,
        steps=[INTAKE_STEP, CHECK_STEP, RESULT_STEP],
        faqs=[("گواهی‌نامه صلاحیت چه مدت اعتبار دارد؟", "یک سال؛ تمدید آن از همین خدمت انجام می‌شود."), TRACK_FAQ],
        legal_basis="مصوبه شورای اسلامی شهر درباره ساماندهی تاکسی‌های اینترنتی.",
    ),
]


def _stage_outcomes(position: int, count: int) -> list[str]:
    """Only the final stage decides; the first cannot return to a previous one."""
    if position == count - 1:
        outcomes = [Outcome.APPROVE, Outcome.REJECT, Outcome.DOCUMENTS]
    else:
        outcomes = [Outcome.FORWARD, Outcome.DOCUMENTS]
    if position > 0:
        outcomes.insert(1, Outcome.RETURN)
    return [str(o) for o in outcomes]


def _seed_users(password: str) -> dict:
    User = get_user_model()
    users = {}
    for username, (first, last, flags) in USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org", **flags},
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        users[username] = user
    return users


def _seed_units(users: dict) -> dict:
    units: dict[str, OrganizationalUnit] = {}
    for code, (name, kind, parent, head, phone, address) in UNITS.items():
        unit = OrganizationalUnit.objects.filter(code=code).first()
        if unit is None:
            unit = OrganizationalUnit.objects.create(
                code=code,
                name=name,
                kind=kind,
                parent=units.get(parent),
                head=users[head],
                phone=phone,
                email=f"{code}@example.org",
                address=address,
                working_hours=WORKING_HOURS,
            )
            record_version(unit, comment="Demo data")
        units[code] = unit
    for code, username, role in MEMBERSHIPS:
        membership, created = UnitMembership.objects.get_or_create(unit=units[code], user=users[username], role=role)
        if created:
            record_version(membership, comment="Demo data")
    return units


def _seed_catalogue() -> dict:
    documents = {}
    for key, (name, description) in CATALOGUE.items():
        document = RequiredDocument.objects.filter(key=key).first()
        if document is None:
            document = RequiredDocument.objects.create(key=key, name=name, description=description)
            record_version(document, comment="Demo data")
        documents[key] = document
    return documents


def _seed_groups_and_workflow(users: dict, home: Page) -> None:
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    snippet_perms = Permission.objects.filter(
        content_type__in=ContentType.objects.get_for_models(
            RequiredDocument, OrganizationalUnit, UnitMembership
        ).values(),
        codename__regex=r"^(add|change|view)_",
    )
    for group, page_perms in (
        (editors, ("add_page", "change_page")),
        (moderators, ("add_page", "change_page", "publish_page")),
    ):
        group.permissions.add(admin_access, *snippet_perms)
        for codename in page_perms:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
    users["editor"].groups.add(editors)
    users["reviewer"].groups.add(moderators)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
        task.groups.set([moderators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})


def _seed_home() -> HomePage:
    """The HomePage becomes the default site's root; Wagtail's welcome page goes."""
    home = HomePage.objects.first()
    root = Page.get_first_root_node()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title="میز خدمت الکترونیک",
                slug="desk",
                intro="<p>راهنمای خدمات، مدارک لازم و ثبت و پیگیری درخواست‌ها، بی‌نیاز از مراجعه حضوری.</p>",
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="میز خدمت")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    welcome = Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page))
    for page in welcome:
        page.delete()
    return home


def _seed_categories(home: HomePage) -> dict:
    categories = {}
    for slug, (title, intro, icon) in CATEGORIES.items():
        category = ServiceCategoryPage.objects.child_of(home).filter(slug=slug).first()
        if category is None:
            category = home.add_child(instance=ServiceCategoryPage(title=title, slug=slug, intro=intro, icon=icon))
        categories[slug] = category
    return categories


def _new_guide(service: Service, units: dict, documents: dict) -> ServiceGuidePage:
    responsible = units[service.unit]
    guide = ServiceGuidePage(
        title=service.title,
        slug=service.code,
        service_code=service.code,
        summary=service.summary,
        eligibility="<p>همه اشخاص حقیقی و حقوقی دارای مدارک لازم.</p>",
        life_event=service.life_event,
        fee_rials=service.fee,
        payment_method="پرداخت الکترونیک از درگاه بانکی سامانه" if service.fee else "",
        expected_days=service.expected,
        max_days=service.maximum,
        in_person_visits=service.visits,
        responsible_unit=responsible,
        intake_unit=units["front-desk"],
        channels=service.channels,
        legal_basis=f"<p>{service.legal_basis}</p>",
        contact_phone=responsible.phone,
        contact_email=responsible.email,
        contact_address=responsible.address,
        contact_hours=WORKING_HOURS,
        last_reviewed=REVIEWED_ON,
        change_note=FIRST_NOTE,
        live=False,
    )
    guide.steps = [
        GuideStep(title=t, actor=a, description=d, sort_order=i) for i, (t, a, d) in enumerate(service.steps)
    ]
    guide.documents = [
        GuideDocument(
            document=documents[doc.key],
            form=doc.form,
            copies=doc.copies,
            requirement=doc.requirement,
            condition=doc.condition,
            sort_order=i,
        )
        for i, doc in enumerate(service.docs)
    ]
    count = len(service.stages)
    guide.routing_stages = [
        RoutingStage(
            title=title,
            unit=units[unit],
            role=role,
            working_days=days,
            outcomes=_stage_outcomes(i, count),
            sort_order=i,
        )
        for i, (title, unit, role, days) in enumerate(service.stages)
    ]
    guide.faqs = [GuideFAQ(question=q, answer=f"<p>{a}</p>", sort_order=i) for i, (q, a) in enumerate(service.faqs)]
    return guide


def _seed_guides(categories: dict, units: dict, documents: dict, users: dict) -> int:
    created = 0
    for position, service in enumerate(SERVICES):
        if ServiceGuidePage.objects.filter(service_code=service.code).exists():
            continue
        guide = _new_guide(service, units, documents)
        guide.clean()
        guide.validate_children()
        categories[service.category].add_child(instance=guide)
        guide.save_revision(user=users["editor"], log_action=True).publish(user=users["reviewer"])
        if position % 3 == 0:  # some guides get a second, reviewed version so their history has two entries
            guide = ServiceGuidePage.objects.get(pk=guide.pk)
            guide.contact_hours = f"{WORKING_HOURS}؛ پنجشنبه‌ها ۸ تا ۱۲"
            guide.change_note = REVIEW_NOTE
            guide.save_revision(user=users["editor"], log_action=True).publish(user=users["reviewer"])
        # Index now, so search works before the background worker has run its queued index tasks.
        insert_or_update_object(ServiceGuidePage.objects.get(pk=guide.pk))
        created += 1
    return created


@transaction.atomic
def seed_cms(password: str) -> dict:
    """Create what is missing of the demo content; return counts of what exists."""
    users = _seed_users(password)
    units = _seed_units(users)
    documents = _seed_catalogue()
    home = _seed_home()
    _seed_groups_and_workflow(users, home)
    categories = _seed_categories(home)
    new_guides = _seed_guides(categories, units, documents, users)
    return {
        "users": len(users),
        "units": OrganizationalUnit.objects.count(),
        "memberships": UnitMembership.objects.count(),
        "catalogue documents": RequiredDocument.objects.count(),
        "categories": ServiceCategoryPage.objects.count(),
        "guides": ServiceGuidePage.objects.count(),
        "guides created": new_guides,
    }
