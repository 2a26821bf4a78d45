"""Where files that must never be public live."""

from django.core.files.storage import storages


def private_storage():
    """The non-public file storage (citizen documents, letters, receipts).

    Resolved at use, so tests and deployments can point STORAGES["private"] elsewhere; model fields
    pass the function itself as `storage=`.
    """
    return storages["private"]
