"""URLs of cms (mounted at the site root): the headless API, search, the printable checklist and the language switch."""

from django.urls import path

from cms import views
from cms.api import api_router

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("search/", views.search, name="cms_search"),
    path("lang/<str:code>/", views.switch_language, name="cms_switch_language"),
    path("services/<str:service_code>/checklist/", views.checklist, name="cms_guide_checklist"),
]
