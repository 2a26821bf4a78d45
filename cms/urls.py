"""URLs of cms."""

urlpatterns: list = []
