"""Admin for data collection: for inspection. Reports and values change through the services
(workflow, audit, revisions), so their admin pages are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from dxmon.collection.models import (
    DataValue,
    Evidence,
    MappingProfile,
    Period,
    Report,
    ReturnComment,
    Round,
    SourceDocument,
    SystemSource,
    SystemValue,
)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "kind", "start", "end"]
    list_filter = ["kind"]


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "publisher", "published_on"]
    search_fields = ["title", "publisher"]


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ["title", "framework_version", "period", "deadline", "opened_by", "opened_at"]
    list_filter = ["period"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["unit", "period", "framework_version", "status", "revision", "is_synthetic"]
    list_filter = ["status", "period", "is_synthetic"]
    search_fields = ["unit__name", "unit__code"]
    list_select_related = ["unit", "period", "framework_version__framework"]


@admin.register(DataValue)
class DataValueAdmin(ReadOnlyAdmin):
    list_display = ["report", "indicator", "value", "numerator", "denominator", "source"]
    list_filter = ["source"]
    list_select_related = ["report__unit", "report__period", "indicator"]


@admin.register(ReturnComment)
class ReturnCommentAdmin(ReadOnlyAdmin):
    list_display = ["report", "indicator", "author", "at", "resolved"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["report", "indicator", "kind", "original_name", "doc_number", "at"]
    list_filter = ["kind"]


@admin.register(SystemSource)
class SystemSourceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name"]


@admin.register(MappingProfile)
class MappingProfileAdmin(ReadOnlyAdmin):
    list_display = ["name", "source", "scope_unit", "file_format", "updated_at"]


@admin.register(SystemValue)
class SystemValueAdmin(ReadOnlyAdmin):
    list_display = ["unit", "period", "indicator", "value", "source", "imported_at", "is_synthetic"]
    list_filter = ["source", "is_synthetic"]
    list_select_related = ["unit", "period", "indicator", "source"]
