"""Import and export formats: a package per format plus this registry (see README.md).

Each format package exposes ``FORMAT``, an :class:`~dxmon.collection.imports.base.ImportFormat`
whose ``parse(bytes) -> ParsedFile`` turns a file into rows and ``render(ExportData) -> bytes``
writes one. Validation and writing are shared: ``dxmon.collection.services.imports``.
"""

from __future__ import annotations

from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from dxmon.collection.imports.base import ImportFormat

FORMATS: dict[str, str] = {
    "csv": "dxmon.collection.imports.csv.FORMAT",
    "dhis2-json": "dxmon.collection.imports.dhis2_json.FORMAT",
    "dhis2-csv": "dxmon.collection.imports.dhis2_csv.FORMAT",
    "xlsx": "dxmon.collection.imports.xlsx.FORMAT",
}


class UnknownFormatError(ValueError):
    """A format name that is not in :data:`FORMATS`."""


def get_format(name: str) -> ImportFormat:
    """The format registered as ``name``."""
    try:
        path = FORMATS[name]
    except KeyError as exc:
        raise UnknownFormatError(
            _("Định dạng tệp không được hỗ trợ: “%(name)s” (hỗ trợ: %(names)s).")
            % {"name": name, "names": ", ".join(FORMATS)}
        ) from exc
    fmt: ImportFormat = import_string(path)
    return fmt
