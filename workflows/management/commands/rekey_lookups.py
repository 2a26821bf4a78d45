"""Rewrite every stored look-up digest under DESK_LOOKUP_KEY (the last step of a key rotation)."""

from django.core.management.base import BaseCommand

from core.digests import rekeyers


class Command(BaseCommand):
    help = (
        "Recompute the stored keyed digests (applicants' national IDs, SMS opt-outs, ...) under the current "
        "DESK_LOOKUP_KEY. Run it while DESK_LOOKUP_KEY_PREVIOUS still holds the old key; afterwards the old key "
        "can be removed. Safe to run again."
    )

    def handle(self, *args, **options) -> None:
        # Batch by batch, not one long transaction: while DESK_LOOKUP_KEY_PREVIOUS is set, a half
        # re-keyed table still answers every look-up, and a rerun finishes the job.
        for name, rekey in rekeyers().items():
            self.stdout.write(f"{name}: {rekey()} re-keyed")
