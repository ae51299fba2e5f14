"""The pipeline spec: a list of steps in YAML or JSON, with COINr 1.1.14's defaults filled in.

.. code-block:: yaml

    steps:
      - {step: denominate}
      - {step: impute, method: mean_group, group: EurAsia_group}
      - {step: screen, dat_thresh: 0.9, unit_screen: byNA}
      - {step: treat, winmax: 5, skew_thresh: 2, kurt_thresh: 3.5}
      - {step: normalise, method: minmax, range: [0, 100]}
      - {step: aggregate, method: amean}
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dxmon.engine.aggregate import AGGREGATE_METHODS
from dxmon.engine.normalise import NORMALISE_METHODS
from dxmon.engine.steps import IMPUTE_METHODS, SCREEN_METHODS
from dxmon.engine.tree import IndicatorTree, validate_weights

# Defaults as in COINr 1.1.14: Impute f_i = "i_mean"; Screen dat_thresh = 0.66,
# nonzero_thresh = 0.05; Treat winmax = 5, skew_thresh = 2, kurt_thresh = 3.5, f2 = "log_CT",
# combine_treat = FALSE; Normalise n_minmax l_u = c(0, 100), n_zscore m_sd = c(0, 1),
# n_dist2targ / n_dist2ref cap_max = FALSE, n_goalposts trunc2posts = TRUE;
# Aggregate a_amean with iMeta weights, dat_thresh = NULL.
DEFAULTS: dict[str, dict[str, Any]] = {
    "denominate": {},
    "impute": {"method": "mean", "group": None},
    "screen": {"dat_thresh": 0.66, "unit_screen": "byNA", "nonzero_thresh": 0.05},
    "treat": {
        "winmax": 5,
        "skew_thresh": 2.0,
        "kurt_thresh": 3.5,
        "f2": "log_CT",
        "combine_treat": False,
    },
    "normalise": {
        "method": "minmax",
        "range": [0, 100],
        "mean": 0.0,
        "sd": 1.0,
        "cap_max": False,
        "ref": None,
        "trunc2posts": True,
        "targets": None,
        "goalposts": None,
    },
    "aggregate": {"method": "amean", "dat_thresh": None, "weights": None},
}

STEP_ORDER = ("denominate", "impute", "screen", "treat", "normalise", "aggregate")


@dataclass(frozen=True)
class Step:
    """One pipeline step: its name and every argument (defaults filled in)."""

    step: str
    params: Mapping[str, Any]

    def as_dict(self) -> dict[str, Any]:
        """The step as written in a spec file."""
        return {"step": self.step, **dict(self.params)}


@dataclass(frozen=True)
class PipelineSpec:
    """An ordered list of steps."""

    steps: tuple[Step, ...]

    def as_dict(self) -> dict[str, Any]:
        """The spec as a JSON/YAML-ready dict."""
        return {"steps": [s.as_dict() for s in self.steps]}

    def replace_step(self, name: str, **params: Any) -> PipelineSpec:
        """A copy with the parameters of every ``name`` step updated (used by uncertainty)."""
        steps = []
        for s in self.steps:
            if s.step == name:
                s = Step(name, {**dict(s.params), **params})
            steps.append(s)
        return PipelineSpec(tuple(steps))

    def without_step(self, name: str) -> PipelineSpec:
        """A copy without the ``name`` steps."""
        return PipelineSpec(tuple(s for s in self.steps if s.step != name))


def parse_spec(obj: Mapping[str, Any]) -> PipelineSpec:
    """Validate a spec dict and fill in COINr's defaults.

    Raises ValueError naming the step and the fix for unknown steps, methods or keys.

    Examples
    --------
    >>> spec = parse_spec({"steps": [{"step": "normalise", "method": "zscore", "sd": 10}]})
    >>> spec.steps[0].params["method"], spec.steps[0].params["mean"], spec.steps[0].params["sd"]
    ('zscore', 0.0, 10)
    >>> parse_spec({"steps": [{"step": "aggregate", "method": "max"}]})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Bước 'aggregate' (số 1): phương pháp 'max' không có; chọn một trong amean, ...
    """
    if not isinstance(obj, Mapping) or not isinstance(obj.get("steps"), list):
        raise ValueError("Tệp cấu hình cần khoá 'steps:' chứa danh sách các bước.")
    steps: list[Step] = []
    for n, raw in enumerate(obj["steps"], start=1):
        if not isinstance(raw, Mapping) or "step" not in raw:
            raise ValueError(f"Bước số {n} cần khoá 'step:' (ví dụ step: normalise).")
        name = str(raw["step"]).lower()
        if name == "normalize":
            name = "normalise"
        if name not in DEFAULTS:
            raise ValueError(
                f"Bước '{raw['step']}' (số {n}) không có; chọn một trong {', '.join(STEP_ORDER)}."
            )
        given = {k: v for k, v in raw.items() if k != "step"}
        unknown = [k for k in given if k not in DEFAULTS[name]]
        if unknown:
            raise ValueError(
                f"Bước '{name}' (số {n}) không nhận khoá '{unknown[0]}'; "
                f"các khoá hợp lệ: {', '.join(DEFAULTS[name]) or '(không có)'}."
            )
        params = {**DEFAULTS[name], **given}
        _check_step(name, n, params)
        steps.append(Step(name, params))
    return PipelineSpec(tuple(steps))


def _check_step(name: str, n: int, p: dict[str, Any]) -> None:
    where = f"Bước '{name}' (số {n})"
    allowed: dict[str, tuple[str, ...]] = {
        "impute": IMPUTE_METHODS,
        "normalise": NORMALISE_METHODS,
        "aggregate": AGGREGATE_METHODS,
    }
    if name in allowed:
        methods = p["method"] if isinstance(p["method"], list) else [p["method"]]
        for m in methods:
            if m not in allowed[name]:
                raise ValueError(
                    f"{where}: phương pháp '{m}' không có; "
                    f"chọn một trong {', '.join(allowed[name])}."
                )
    if name == "impute" and str(p["method"]).endswith("_group") and not p["group"]:
        raise ValueError(f"{where}: '{p['method']}' cần 'group: TÊN_CỘT' (cột nhóm trong iData).")
    if name == "screen" and p["unit_screen"] not in SCREEN_METHODS:
        raise ValueError(f"{where}: unit_screen phải là một trong {', '.join(SCREEN_METHODS)}.")
    for key in ("dat_thresh", "nonzero_thresh"):
        v = p.get(key)
        vals = v if isinstance(v, list) else [v]
        for x in vals:
            if x is not None and (not isinstance(x, int | float) or not 0 <= x <= 1):
                raise ValueError(f"{where}: {key} phải là số trong [0, 1], nhận được {x!r}.")
    if name == "normalise" and p["method"] == "dist2ref" and p["ref"] is None:
        raise ValueError(f"{where}: dist2ref cần 'ref: MÃ_ĐƠN_VỊ' (đơn vị tham chiếu).")
    if (
        name == "treat"
        and p["winmax"] is not None
        and (not isinstance(p["winmax"], int) or p["winmax"] < 0)
    ):
        raise ValueError(f"{where}: winmax phải là số nguyên không âm.")


def check_spec(spec: PipelineSpec, tree: IndicatorTree, unit_columns: tuple[str, ...] = ()) -> None:
    """Check a spec against a tree before running: targets, goalposts, weights and group columns.

    Examples
    --------
    >>> from dxmon.engine.tree import IndicatorTree
    >>> tree = IndicatorTree(indicators=("a",), levels=(("I",),), parent={"a": "I"},
    ...     weight={"a": 1, "I": 1}, direction={"a": 1, "I": 1})
    >>> spec = parse_spec({"steps": [{"step": "normalise", "method": "dist2targ"}]})
    >>> check_spec(spec, tree)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Chỉ số 'a' không có mục tiêu (Target) nên không chuẩn hoá dist2targ được: ...
    """
    for s in spec.steps:
        p = s.params
        if s.step == "normalise" and p["method"] == "dist2targ":
            given = p.get("targets") or {}
            for code in tree.indicators:
                if code not in given and code not in tree.target:
                    raise ValueError(
                        f"Chỉ số '{code}' không có mục tiêu (Target) nên không chuẩn hoá dist2targ "
                        f"được: điền cột Target trong iMeta hoặc chọn phương pháp khác."
                    )
        if s.step == "normalise" and p["method"] == "goalposts":
            given = p.get("goalposts") or {}
            for code in tree.indicators:
                if code not in given and code not in tree.goalposts:
                    raise ValueError(
                        f"Chỉ số '{code}' không có cột mốc (goalpost_lower, goalpost_upper) trong "
                        f"iMeta; điền hai cột này hoặc chọn phương pháp khác."
                    )
        if s.step == "aggregate" and p.get("weights"):
            if not isinstance(p["weights"], Mapping):
                raise ValueError("weights phải là bảng {mã: trọng số}.")
            validate_weights(tree, p["weights"])
        if s.step == "aggregate":
            methods = p["method"] if isinstance(p["method"], list) else [p["method"]]
            if len(methods) not in (1, len(tree.levels)):
                raise ValueError(
                    f"aggregate: cần 1 hoặc {len(tree.levels)} phương pháp (một cho mỗi cấp)."
                )
        if (
            s.step == "impute"
            and p.get("group")
            and unit_columns
            and p["group"] not in unit_columns
        ):
            known = ", ".join(c for c in unit_columns if c.endswith("_group")) or "EurAsia_group"
            raise ValueError(
                f"Cột nhóm '{p['group']}' không có trong iData; "
                f"chọn một cột nhóm có thật (ví dụ {known})."
            )


def loads_spec(text: str) -> PipelineSpec:
    """Parse a spec from YAML or JSON text (JSON is valid YAML)."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        try:
            obj = YAML(typ="safe", pure=True).load(io.StringIO(text))
        except YAMLError as exc:
            raise ValueError(f"Tệp cấu hình không đọc được (YAML/JSON lỗi): {exc}") from exc
    return parse_spec(obj)


def load_spec(path: str | Path) -> PipelineSpec:
    """Read a spec file (``.yaml``, ``.yml`` or ``.json``)."""
    p = Path(path)
    if not p.exists():
        raise ValueError(f"Không tìm thấy tệp cấu hình {p}.")
    return loads_spec(p.read_text(encoding="utf-8"))
