"""Deliver due outbox messages now (cron safety net next to the db_worker; also for drills)."""

from django.core.management.base import BaseCommand

from notifications.delivery import deliver_due


class Command(BaseCommand):
    help = "Deliver the outbox messages that are due now."

    def add_arguments(self, parser):
        parser.add_argument("--max", type=int, default=5000, help="Stop after this many messages.")

    def handle(self, *args, **options):
        report = deliver_due(max_messages=options["max"])
        self.stdout.write(f"sent={report.sent} retried={report.retried} dead={report.dead} skipped={report.skipped}")
