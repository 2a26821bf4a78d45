"""Citizen portal views: thin, each calling forms, receipts and workflows.services."""
