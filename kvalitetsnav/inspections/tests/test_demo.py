"""The demo holds the inspectors' review: 20 cases in each of two districts, all reviewed."""

from kvalitetsnav.access.roles import Role
from kvalitetsnav.accounts import services as account_services
from kvalitetsnav.core import services as core_services
from kvalitetsnav.core.models import OrgLevel
from kvalitetsnav.inspections import comparison, demo, shipped
from kvalitetsnav.inspections.models import ReviewRound, Template


def test_the_demo_review_draws_20_in_each_district_reviews_them_and_runs_once(world):
    for code, name in (("jarva", "Järva stadsdelsnämnd"), ("skarholmen", "Skärholmen")):
        core_services.org_node_create(
            actor=None, name=name, code=code, level=OrgLevel.NAMND, parent=world.city
        )
    inspector = account_services.user_create(
        actor=None, username="inspektor.stad", password="x-Ett-langt-losen-9", validate=False
    )
    account_services.role_grant(actor=None, user=inspector, node=world.city, role=Role.INSPEKTOR)
    shipped.install()
    templates = {t.shipped_key: t for t in Template.objects.exclude(shipped_key="")}

    assert "20 cases in each of Järva and Skärholmen" in demo._seed_round(templates)

    result = comparison.compare(ReviewRound.objects.get(title=demo.ROUND_TITLE))
    assert [row.sample.node.code for row in result.districts] == ["jarva", "skarholmen"]
    assert all(row.drawn == row.done == 20 for row in result.districts)
    assert demo._seed_round(templates) == ""
    assert ReviewRound.objects.count() == 1
