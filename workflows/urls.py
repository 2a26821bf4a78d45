"""URLs of workflows."""

urlpatterns: list = []
