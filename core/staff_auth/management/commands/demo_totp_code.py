"""The current second-factor code of the demo accounts (demo installs only; production refuses demo data)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP


class Command(BaseCommand):
    help = "Print the current TOTP code of the demo accounts' shared demo key (settings.DESK_DEMO_TOTP_KEY)."

    def handle(self, *args, **options):
        if not getattr(settings, "DESK_ALLOW_DEMO_DATA", True):
            raise CommandError("Demo data is not allowed on this install.")
        generator = TOTP(bytes.fromhex(settings.DESK_DEMO_TOTP_KEY), step=30, t0=0, digits=6, drift=0)
        generator.time = time.time()
        self.stdout.write(f"{generator.token():06d}")
