import pytest


@pytest.mark.django_db
def test_home_page_lists_upcoming_meetings_of_the_demo_council(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    assert "Upcoming meetings" in response.content.decode()


def test_example_report_page_shows_the_title_block_and_numbered_paragraphs(client, demo):
    from reports.models import Report

    report = Report.objects.get(title__startswith="HMIC")
    body = client.get(report.get_absolute_url()).content.decode()
    assert "Commissioning Director, Children and Young People" in body
    assert "278 out of 374" in body
    assert "5.5.1" in body
