"""Staff sign-in: lockout (django-axes), a second factor (django-otp TOTP + recovery codes), session
limits and the audit trail of every sign-in event. Django-level concerns, so they live under core and
import nothing of ours above it."""
