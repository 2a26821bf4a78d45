"""Escalate overdue requests now, or start the hourly self-rescheduling task (--schedule)."""

from django.core.management.base import BaseCommand

from workflows.tasks import escalate_overdue, escalate_overdue_requests


class Command(BaseCommand):
    help = "Escalate overdue requests to their unit head. With --schedule, enqueue the hourly task."

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true", help="Enqueue the self-rescheduling task instead.")

    def handle(self, *args, **options):
        if options["schedule"]:
            result = escalate_overdue.enqueue(reschedule=True)
            self.stdout.write(f"enqueued: {result.id}")
            return
        self.stdout.write(f"escalated: {escalate_overdue_requests()}")
