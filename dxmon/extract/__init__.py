"""Reading Vietnamese narrative reports: figures, their subjects and the indicators they fill.

Framework-free (never imports Django)::

    from dxmon.extract import extract, map_figures, read_text

    figures = extract(read_text("bao-cao.docx"))
    mappings = map_figures(figures, framework_descriptors(path_to_framework_yaml))
"""

from __future__ import annotations

from dxmon.extract.figures import Figure, extract
from dxmon.extract.mapping import (
    IndicatorDescriptor,
    Mapping,
    descriptors,
    framework_descriptors,
    load_lexicon,
    map_figures,
    mapping_record,
)
from dxmon.extract.readers import read_text

__all__ = [
    "Figure",
    "IndicatorDescriptor",
    "Mapping",
    "descriptors",
    "extract",
    "framework_descriptors",
    "load_lexicon",
    "map_figures",
    "mapping_record",
    "read_text",
]
