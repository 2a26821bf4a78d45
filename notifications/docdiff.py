"""The difference in required documents between two published revisions of a service guide."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# Attributes of a guide's document that matter to a citizen, with their labels.
COMPARED = {
    "form": _("original or copy"),
    "copies": _("number of copies"),
    "requirement": _("requirement"),
    "condition": _("condition"),
    "note": _("note"),
    "allowed_types": _("file types"),
    "max_size_mb": _("maximum size"),
}


@dataclass
class DocumentDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)  # (document name, changed attribute labels)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def documents_of(content: dict | None) -> dict[int, dict]:
    """{RequiredDocument id: attributes} from a revision's serialised content."""
    rows = (content or {}).get("documents") or []
    return {row["document"]: row for row in rows if row.get("document")}


def diff_documents(old_content: dict | None, new_content: dict | None) -> DocumentDiff:
    """Compare by the catalogue document (its key), then attribute by attribute."""
    from cms.models import RequiredDocument

    old, new = documents_of(old_content), documents_of(new_content)
    catalogue = {d.pk: d for d in RequiredDocument.objects.filter(pk__in=set(old) | set(new))}

    def name(pk: int) -> str:
        document = catalogue.get(pk)
        return document.name if document else str(pk)

    def order(pks) -> list[int]:
        return sorted(pks, key=lambda pk: (catalogue[pk].key if pk in catalogue else "", pk))

    result = DocumentDiff(
        added=[name(pk) for pk in order(set(new) - set(old))],
        removed=[name(pk) for pk in order(set(old) - set(new))],
    )
    for pk in order(set(old) & set(new)):
        labels = [str(label) for attr, label in COMPARED.items() if old[pk].get(attr) != new[pk].get(attr)]
        if labels:
            result.changed.append((name(pk), labels))
    return result
