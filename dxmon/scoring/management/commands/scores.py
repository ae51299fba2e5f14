"""`dxmon scores compute --framework xa-cds --period 2024 [--province 86] [--uncertainty 200]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dxmon.jobs.progress import cli_progress
from dxmon.scoring.services import ScoringError, scores_compute
from dxmon.units.choices import Level
from dxmon.units.models import Unit


class Command(BaseCommand):
    help = _("Tính điểm và xếp hạng chuyển đổi số của một kỳ báo cáo.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("compute", help=_("Tính điểm một kỳ và lưu thành một lần tính mới."))
        run.add_argument("--framework", required=True, help=_("Mã bộ chỉ số, ví dụ xa-cds."))
        run.add_argument("--period", required=True, help=_("Mã kỳ báo cáo, ví dụ 2024."))
        run.add_argument("--province", help=_("Mã tỉnh (chỉ tính trong tỉnh này)."))
        run.add_argument(
            "--uncertainty", type=int, default=0, help=_("Số mẫu phân tích bất định thứ hạng.")
        )
        run.add_argument(
            "--include-unapproved",
            action="store_true",
            help=_("Tính cả số liệu chưa phê duyệt (điểm được gắn nhãn)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        province = None
        if options["province"]:
            province = (
                Unit.objects.filter(code=options["province"], level=Level.PROVINCE)
                .order_by("-structure")
                .first()
            )
            if province is None:
                raise CommandError(_("Không có tỉnh mã %(code)s.") % {"code": options["province"]})
        with cli_progress(4, _("Tính điểm"), stream=self.stdout) as progress:
            try:
                run = scores_compute(
                    framework_version=options["framework"],
                    period=options["period"],
                    province=province,
                    include_unapproved=options["include_unapproved"],
                    uncertainty_samples=options["uncertainty"],
                    progress=progress,
                )
            except ScoringError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(
            _(
                "Lần tính #%(run)s: %(framework)s, kỳ %(period)s, %(units)s đơn vị "
                "(%(rebuilt)s dựng lại), %(scores)s điểm."
            )
            % {
                "run": run.pk,
                "framework": run.framework_version,
                "period": run.period.code,
                "units": run.n_units,
                "rebuilt": run.log.get("units_reconstructed", 0),
                "scores": run.log.get("scores", 0),
            }
        )
