"""Who sees a deviation: the reporter, the unit's managers, the inspector; never colleagues."""

from __future__ import annotations

from kvalitetsnav.deviations.policies import policy

from .conftest import report


def visible(user):
    return set(policy.visible_to(user))


def test_staff_see_their_own_reports_and_no_one_elses(world):
    mine = report(world.staff_a)
    colleagues = report(world.manager_a)
    assert visible(world.staff_a) == {mine}
    assert colleagues not in visible(world.staff_a)


def test_the_units_managers_see_every_deviation_there_and_others_do_not(world):
    deviation = report(world.staff_a)
    for manager in (world.manager_a, world.dept_head_a, world.director_a, world.quality_a):
        assert deviation in visible(manager)
        assert policy.can(manager, "handle", deviation)
    for outsider in (world.manager_b, world.staff_b, world.manager_a2, world.no_role):
        assert deviation not in visible(outsider)


def test_a_lov_providers_staff_see_only_their_own_and_the_boards_managers_above_see_them(
    world, staff_a2
):
    provider = report(staff_a2)
    assert provider.node == world.unit_a2
    own_unit = report(world.staff_a)
    assert visible(staff_a2) == {provider}
    assert provider in visible(world.manager_a2)
    assert provider in visible(world.dept_head_a)
    assert policy.can(world.dept_head_a, "handle", provider)
    assert provider not in visible(world.manager_a)
    assert own_unit not in visible(world.manager_a2)


def test_the_inspector_reads_but_does_not_handle(world):
    deviation = report(world.staff_a)
    assert deviation in visible(world.inspector)
    assert not policy.can(world.inspector, "handle", deviation)
    assert policy.can(world.inspector, "read_analysis", deviation)


def test_the_board_and_auditors_see_no_record(world):
    report(world.staff_a)
    assert visible(world.politician_a) == set()
    assert visible(world.auditor_a) == set()
    assert visible(world.sysadmin) == set()


def test_the_reporter_sees_their_report_at_another_unit_they_worked_at(world, staff_a2):
    from kvalitetsnav.access.roles import Role
    from kvalitetsnav.accounts import services as account_services

    account_services.role_grant(actor=None, user=staff_a2, node=world.unit_a, role=Role.MEDARBETARE)
    elsewhere = report(staff_a2, node=world.unit_a)
    assert elsewhere in visible(staff_a2)
    assert not policy.can(staff_a2, "read_analysis", elsewhere)
