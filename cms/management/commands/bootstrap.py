"""manage.py bootstrap: the reference data every install needs, from fixtures/reference/.

Groups and their permissions, the moderation workflow, the home page and default site, the fixed
Jalali holidays and the default message templates. Production runs it after every ``migrate``:
it creates what is missing and never changes what exists, so editors' changes survive.

It lives in cms because cms is the top-most app whose code it needs (Wagtail pages, the site,
the workflow); the other apps' rows (workflows' groups, notifications' templates, core's
holidays) are loaded by model label through core.fixtures, so no import points the wrong way.
"""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the missing reference data (groups, moderation workflow, home page and site, fixed "
        "holidays, message templates). Safe to run again and under production settings."
    )

    def handle(self, *args, **options):
        from cms.reference import bootstrap

        for key, value in bootstrap().items():
            self.stdout.write(f"{key}: {value}")
