from __future__ import annotations

import pytest
from django.template.loader import get_template
from django.test import override_settings
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_404_page_in_chinese_uses_the_layout_and_plain_words(client, tree):
    # when
    response = client.get("/no-such-page/")

    # then
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="zh-Hans">' in html
    assert "<h1>找不到这个页面</h1>" in html
    assert "如果网址是你输入的，请检查是否正确。" in html
    assert 'href="#main-content"' in html
    assert '<a href="/en/no-such-page/" lang="en" hreflang="en">English</a>' in html
    assert "中药材" in html  # the category menu is there too


def test_404_page_in_english(client, tree):
    # when
    response = client.get("/en/no-such-page/?q=1")

    # then
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in html
    assert "<h1>Page not found</h1>" in html
    assert '<a href="/no-such-page/?q=1" lang="zh-Hans" hreflang="zh-Hans">简体中文</a>' in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [("zh-hans", "抱歉，网站出了问题"), ("en", "Sorry, something went wrong")],
)
def test_500_page_renders_without_request_or_database(language, heading, django_assert_num_queries):
    # given
    template = get_template("500.html")

    # when
    with translation.override(language), django_assert_num_queries(0):
        html = template.render({})

    # then
    assert f"<h1>{heading}</h1>" in html
    assert 'class="category-nav"' not in html


@override_settings(DEBUG=False)
def test_500_page_is_served_for_an_unexpected_error(client, monkeypatch):
    # given
    from storefront import queries

    def broken() -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(queries, "featured_producers", broken)
    client.raise_request_exception = False

    # when
    response = client.get("/en/")

    # then
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()
