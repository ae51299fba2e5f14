"""Unit pages: search, a unit's card with its lineage, and a commune's hamlets (add, import)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dxmon.audit.models import AuditEntry
from dxmon.units.choices import Kind, Level
from dxmon.units.models import Lineage, Unit
from dxmon.units.services import hamlet_create

GOOD_CSV = "code,name,kind\n,Ấp Phú Hội,ấp\nMC-2,Khóm 2,khóm\n"
BAD_CSV = "code,name,kind\n,Ấp Phú Hội,ấp\n,,ấp\n,Xóm Mới,xóm\n"


def hamlets_of(commune: Unit) -> list[str]:
    return sorted(
        Unit.objects.filter(parent=commune, level=Level.HAMLET).values_list("name", flat=True)
    )


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("thon.csv", ("\ufeff" + text).encode(), content_type="text/csv")


def test_it_lets_the_officer_add_a_hamlet_to_commune_a(client, officer, tree):
    client.force_login(officer)
    url = reverse("units:hamlet_add", args=[tree.commune_a.pk])
    response = client.post(url, {"name": "  Ấp  Phú Hội ", "kind": Kind.HAMLET_AP})
    assert response.status_code == 302
    hamlet = Unit.objects.get(parent=tree.commune_a, name="Ấp Phú Hội")
    assert (hamlet.level, hamlet.kind, hamlet.code) == (Level.HAMLET, Kind.HAMLET_AP, "28903.01")
    entry = AuditEntry.objects.get(action="unit.hamlet_create")
    assert (entry.actor, entry.object_id, entry.context_id) == (
        officer,
        str(hamlet.pk),
        str(tree.commune_a.pk),
    )
    page = client.get(reverse("units:detail", args=[tree.commune_a.pk]))
    assert "Ấp Phú Hội" in page.content.decode()


def test_it_returns_the_list_and_form_for_htmx(client, officer, tree):
    client.force_login(officer)
    url = reverse("units:hamlet_add", args=[tree.commune_a.pk])
    response = client.post(
        url, {"name": "Bản Nậm Cang", "kind": Kind.VILLAGE_BAN}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<section class="card dx-card" id="dx-hamlets"')
    assert "Đã thêm Bản Nậm Cang" in html


def test_it_shows_vietnamese_errors_for_a_bad_hamlet(client, officer, tree):
    client.force_login(officer)
    hamlet_create(commune=tree.commune_a, name="Ấp Phú Hội", kind="ấp")
    url = reverse("units:hamlet_add", args=[tree.commune_a.pk])
    blank = client.post(url, {"name": "  ", "kind": Kind.HAMLET_AP}, HTTP_HX_REQUEST="true")
    assert blank.status_code == 422
    assert "Cần nhập tên thôn, ấp." in blank.content.decode()
    twice = client.post(url, {"name": "ap phu hoi", "kind": Kind.HAMLET_AP})
    assert twice.status_code == 422
    assert "Xã Mỏ Cày đã có “ap phu hoi”." in twice.content.decode()
    bad_kind = client.post(url, {"name": "Xóm 1", "kind": "xom"})
    assert "Loại “xom” không hợp lệ." in bad_kind.content.decode()
    assert hamlets_of(tree.commune_a) == ["Ấp Phú Hội"]


def test_it_hides_commune_a_forms_from_the_outsider(client, outsider, tree):
    client.force_login(outsider)
    add = client.post(
        reverse("units:hamlet_add", args=[tree.commune_a.pk]), {"name": "Ấp 1", "kind": "ap"}
    )
    imported = client.post(
        reverse("units:hamlet_import", args=[tree.commune_a.pk]),
        {"upload": upload(GOOD_CSV), "action": "import"},
    )
    assert (add.status_code, imported.status_code) == (404, 404)
    assert hamlets_of(tree.commune_a) == []
    page = client.get(reverse("units:detail", args=[tree.commune_a.pk])).content.decode()
    assert "Xã Mỏ Cày" in page  # reference data is readable ...
    assert "Thêm thôn, ấp" not in page  # ... but not writable


def test_it_lets_the_province_office_add_a_hamlet(client, reviewer, tree):
    client.force_login(reviewer)
    page = client.get(reverse("units:detail", args=[tree.commune_b.pk])).content.decode()
    assert "Thêm thôn, ấp" in page
    url = reverse("units:hamlet_add", args=[tree.commune_b.pk])
    assert client.post(url, {"name": "Tổ dân phố 3", "kind": "to_dan_pho"}).status_code == 302
    assert hamlets_of(tree.commune_b) == ["Tổ dân phố 3"]


def test_it_refuses_a_hamlet_under_a_province(client, reviewer, tree):
    client.force_login(reviewer)
    url = reverse("units:hamlet_add", args=[tree.province.pk])
    assert client.post(url, {"name": "Ấp 1", "kind": "ap"}).status_code == 404


def test_it_dry_runs_a_csv_without_writing_and_lists_errors_by_row(client, officer, tree):
    client.force_login(officer)
    url = reverse("units:hamlet_import", args=[tree.commune_a.pk])
    response = client.post(url, {"upload": upload(BAD_CSV), "action": "dry_run"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Dòng 3: thiếu tên." in html
    assert "Dòng 4: loại “xóm” không hợp lệ" in html
    assert "Tệp có 2 lỗi" in html
    good = client.post(url, {"upload": upload(GOOD_CSV), "action": "dry_run"})
    assert good.status_code == 200
    assert [c.name for c in good.context["summary"].changes] == ["Ấp Phú Hội", "Khóm 2"]
    assert hamlets_of(tree.commune_a) == []
    assert not AuditEntry.objects.exists()


def test_it_imports_the_checked_file_kept_in_the_session(client, officer, tree):
    client.force_login(officer)
    url = reverse("units:hamlet_import", args=[tree.commune_a.pk])
    client.post(url, {"upload": upload(GOOD_CSV), "action": "dry_run"})
    response = client.post(url, {"action": "import"})  # no re-upload
    assert response.status_code == 302
    assert hamlets_of(tree.commune_a) == ["Khóm 2", "Ấp Phú Hội"]
    assert Unit.objects.get(code="MC-2").kind == Kind.KHOM
    assert AuditEntry.objects.filter(action="unit.hamlet_import", actor=officer).count() == 2
    again = client.post(url, {"action": "import"})  # the stash is used up
    assert again.status_code == 422
    assert "Hãy chọn tệp CSV." in again.content.decode()


def test_it_imports_a_file_uploaded_directly(client, officer, tree):
    client.force_login(officer)
    url = reverse("units:hamlet_import", args=[tree.commune_a.pk])
    response = client.post(url, {"upload": upload(GOOD_CSV), "action": "import"})
    assert response.status_code == 302
    assert len(hamlets_of(tree.commune_a)) == 2


def test_it_serves_the_csv_template_with_a_bom(client, officer, tree):
    client.force_login(officer)
    response = client.get(reverse("units:hamlet_template", args=[tree.commune_a.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="thon-ap-28903.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines == ["code,name,kind", ",Ấp Tân Hội Đông,ấp"]


def test_it_shows_predecessors_with_their_weights(client, officer, tree):
    Lineage.objects.filter(predecessor=tree.tan_hoi).update(weight=0.25)
    client.force_login(officer)
    response = client.get(reverse("units:detail", args=[tree.commune_a.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert [e.predecessor.name for e in response.context["predecessors"]] == [
        "Thị trấn Mỏ Cày",
        "Xã Tân Hội",
    ]
    assert ">25%</td>" in html  # Xã Tân Hội's share
    assert ">100%</td>" in html  # Thị trấn Mỏ Cày's share
    assert ">1/7/2025</td>" in html
    assert "Sáp nhập" in html
    assert "Tỉnh Vĩnh Long" in html  # the breadcrumb


def test_it_shows_successors_and_the_parent_chain_of_an_old_commune(client, officer, tree):
    client.force_login(officer)
    response = client.get(reverse("units:detail", args=[tree.tan_hoi.pk]))
    html = response.content.decode()
    assert [a.name for a in response.context["ancestors"]] == ["Tỉnh Bến Tre", "Huyện Mỏ Cày Nam"]
    assert [e.successor.name for e in response.context["successors"]] == ["Xã Mỏ Cày"]
    assert "đến 30/6/2025" in html
    district = client.get(reverse("units:detail", args=[tree.old_district.pk]))
    assert [c.name for c in district.context["children"]] == ["Thị trấn Mỏ Cày", "Xã Tân Hội"]


def test_it_finds_mo_cay_without_diacritics(client, officer, tree):
    client.force_login(officer)
    response = client.get(reverse("units:search"), {"q": "mo cay"})
    assert response.status_code == 200
    assert [u.name for u in response.context["units"]] == ["Xã Mỏ Cày"]  # on today: 2025 only
    assert reverse("units:detail", args=[tree.commune_a.pk]) in response.content.decode()
    old = client.get(reverse("units:search"), {"q": "mo cay", "on": "2022-08-17"})
    assert {u.name for u in old.context["units"]} == {"Thị trấn Mỏ Cày", "Huyện Mỏ Cày Nam"}


def test_it_requires_login_for_unit_pages(client, tree):
    response = client.get(reverse("units:detail", args=[tree.commune_a.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
