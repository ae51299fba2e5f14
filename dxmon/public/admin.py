from __future__ import annotations

from django.contrib import admin

from dxmon.public.models import Publication


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin[Publication]):
    """Read-only: publishing and withdrawing go through the services (checks and audit)."""

    list_display = ["run", "published_at", "published_by", "licence", "withdrawn_at"]
    list_filter = ["licence", "withdrawn_at"]
    readonly_fields = [f.name for f in Publication._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
