"""Idempotent demo: reference data (bootstrap), demo fixtures (cms.demo), then requests (workflows.demo)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create or refresh the demo site, users and requests (never in production). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=200, help="How many demo requests to keep.")

    def handle(self, *args, **options):
        if not getattr(settings, "DESK_ALLOW_DEMO_DATA", True):
            raise CommandError("Demo data is never created under production settings.")
        from cms.demo import demo_usernames, load_demo
        from cms.reference import bootstrap
        from workflows.demo import seed_requests

        summary = bootstrap()
        summary.update(load_demo(password=settings.DESK_DEMO_PASSWORD))
        summary.update(seed_requests(target=options["requests"]))
        for key, value in summary.items():
            self.stdout.write(f"{key}: {value}")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password: {settings.DESK_DEMO_PASSWORD}):"))
        for username in demo_usernames():
            self.stdout.write(f"  {username}")
