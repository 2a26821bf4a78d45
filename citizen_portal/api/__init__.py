"""The citizen REST API: the same forms and services as the HTML views."""
