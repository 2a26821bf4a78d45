"""Escalate overdue requests now, or start the hourly self-rescheduling task (--schedule)."""

from django.core.management.base import BaseCommand

from workflows.tasks import escalate_overdue_requests, schedule_escalation


class Command(BaseCommand):
    help = (
        "Escalate overdue requests to their unit head. With --schedule, enqueue the hourly task "
        "(only if no run of it is already waiting, so it is safe to call on every start)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true", help="Enqueue the self-rescheduling task instead.")

    def handle(self, *args, **options):
        if options["schedule"]:
            result, created = schedule_escalation()
            self.stdout.write(f"{'enqueued' if created else 'already scheduled'}: {result.id}")
            return
        self.stdout.write(f"escalated: {escalate_overdue_requests()}")
