"""Login, lockout, logout, password change, language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from dxmon.testing.fixtures import PASSWORD


@pytest.fixture(autouse=True)
def _reset_axes_and_language(db):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    yield
    # LocaleMiddleware leaves the request's language active in this thread; later tests
    # expect the default.
    translation.deactivate()


def test_it_shows_the_login_page_in_vietnamese(client, db):
    response = client.get(reverse("accounts:login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "<title>Đăng nhập · dxmon</title>" in html
    assert "Tên đăng nhập" in html
    assert "Mật khẩu" in html


def test_it_logs_the_officer_in_and_lands_on_home(client, officer):
    response = client.post(
        reverse("accounts:login"), {"username": "officer_a", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    assert client.get(reverse("web:home")).context["user"] == officer


def test_it_explains_a_wrong_password_in_vietnamese(client, officer):
    response = client.post(reverse("accounts:login"), {"username": "officer_a", "password": "x"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_it_locks_out_after_five_wrong_passwords(client, officer, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    url = reverse("accounts:login")
    for _ in range(4):
        assert client.post(url, {"username": "officer_a", "password": "wrong"}).status_code == 200
    locked = client.post(url, {"username": "officer_a", "password": "wrong"})
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Tài khoản tạm khóa" in html
    assert "sai mật khẩu 5 lần" in html
    assert "15 phút" in html
    # Even the right password is refused while locked out.
    again = client.post(url, {"username": "officer_a", "password": PASSWORD})
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_stores_passwords_with_argon2(officer):
    assert officer.password.startswith("argon2")


def test_it_logs_out_by_post_only(client, officer):
    client.force_login(officer)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_it_changes_the_password(client, officer):
    client.force_login(officer)
    new = "a-new-and-long-passphrase-2025"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(new)
    assert officer.password.startswith("argon2")


def test_it_asks_for_login_before_the_password_change(client, db):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_switches_the_login_page_to_english(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("accounts:login")}
    )
    assert response.status_code == 302
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in html
    assert "<title>Sign in · dxmon</title>" in html
    assert "Username" in html
