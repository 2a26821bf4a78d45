"""URLs of citizen_portal."""

urlpatterns: list = []
