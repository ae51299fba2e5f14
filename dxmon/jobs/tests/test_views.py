"""The job page: visible to its creator and to administrators, refreshed by htmx while running."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dxmon.jobs.models import JobStatus
from dxmon.jobs.services import job_finish, job_progress, job_start


@pytest.fixture
def job(officer):
    job = job_start(kind="jobs.count", title="Nhập dữ liệu xã", total=4, user=officer)
    job_progress(job_id=job.pk, done=1)
    return job


def test_it_shows_the_creator_a_polling_progress_bar(client, officer, job):
    client.force_login(officer)
    response = client.get(reverse("jobs:detail", args=[job.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nhập dữ liệu xã" in html
    assert 'hx-trigger="every 1s"' in html
    assert "Đã xong 1/4" in html
    assert "width: 25.0%" in html


def test_it_stops_polling_once_finished_and_answers_htmx_with_the_partial(client, officer, job):
    job_finish(job_id=job.pk, result={"values_created": 1234})
    client.force_login(officer)
    response = client.get(reverse("jobs:detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "hx-trigger" not in html
    assert 'data-status="succeeded"' in html
    assert str(JobStatus.SUCCEEDED.label) in html
    assert "Giá trị chỉ số mới" in html
    assert "1.234" in html


def test_it_lets_the_province_office_see_it(client, reviewer, job):
    client.force_login(reviewer)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 200


def test_it_hides_the_job_from_the_outsider(client, outsider, job):
    client.force_login(outsider)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404


def test_it_hides_the_job_from_a_supervisor(client, supervisor, job):
    client.force_login(supervisor)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404


def test_it_sends_anonymous_visitors_to_login(client, job):
    response = client.get(reverse("jobs:detail", args=[job.pk]))
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]
