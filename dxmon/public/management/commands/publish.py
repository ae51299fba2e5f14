"""Publish a scoring run (or withdraw a publication) from the command line."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dxmon.audit.services import SYSTEM
from dxmon.public.errors import PublicationError
from dxmon.public.models import Publication
from dxmon.public.services import publication_publish, publication_withdraw
from dxmon.scoring.models import ScoringRun


class Command(BaseCommand):
    help = "Công bố một lần tính điểm (hoặc rút lại công bố với --withdraw)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("run", type=int, help="số hiệu lần tính điểm")
        parser.add_argument("--user", help="tên đăng nhập người công bố (mặc định: hệ thống)")
        parser.add_argument("--note", default="")
        parser.add_argument("--withdraw", metavar="LÝ_DO", help="rút lại công bố, nêu lý do")

    def handle(self, *args: Any, **options: Any) -> None:
        from dxmon.accounts.models import User

        user: Any = SYSTEM
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Không có người dùng “{options['user']}”.")
        run = ScoringRun.objects.filter(pk=options["run"]).first()
        if run is None:
            raise CommandError(f"Không có lần tính điểm #{options['run']}.")
        try:
            if options["withdraw"]:
                pub = Publication.objects.filter(run=run, withdrawn_at__isnull=True).first()
                if pub is None:
                    raise CommandError(f"Lần tính điểm #{run.pk} chưa được công bố.")
                publication_withdraw(user=user, publication=pub, reason=options["withdraw"])
                self.stdout.write(f"Đã rút lại công bố lần tính điểm #{run.pk}.")
            else:
                publication_publish(user=user, run=run, note=options["note"])
                self.stdout.write(f"Đã công bố lần tính điểm #{run.pk} ({run.period}).")
        except PublicationError as exc:
            raise CommandError(str(exc)) from exc
