"""Idempotent demo data: guides, units and users (cms.demo), then requests (workflows.demo)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create or refresh the demo site, users and requests. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=200, help="How many demo requests to keep.")

    def handle(self, *args, **options):
        if not getattr(settings, "DESK_ALLOW_DEMO_DATA", True):
            raise CommandError("Demo data is never created under production settings.")
        from cms.demo import seed_cms

        summary = seed_cms(password=settings.DESK_DEMO_PASSWORD)
        try:
            from workflows.demo import seed_requests
        except ImportError:
            seed_requests = None
        if seed_requests is not None:
            summary.update(seed_requests(target=options["requests"]))
        for key, value in summary.items():
            self.stdout.write(f"{key}: {value}")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password: {settings.DESK_DEMO_PASSWORD}):"))
        for username in (
            "editor",
            "reviewer",
            "clerk",
            "officer1",
            "officer2",
            "officer3",
            "head1",
            "manager",
            "admin",
        ):
            self.stdout.write(f"  {username}")
