"""Writing many rows at once (imports): the same rows as one save after another."""

import datetime as dt

from kvalitetsnav.actions.models import Action
from kvalitetsnav.core import bulk


def test_rows_written_in_bulk_read_back_with_every_value_as_given(world):
    due = dt.date(2027, 1, 15)
    actions = [
        Action(
            node=world.unit_a,
            title=f"Åtgärd nr {n} – återkoppling",
            description="Beskrivning med ”citattecken”, tabb\t och\nny rad",
            due_date=due,
            owner=world.manager_a,
        )
        for n in range(3)
    ]
    assert bulk.insert_objects(actions) == 3

    stored = {a.pk: a for a in Action.objects.filter(pk__in=[a.pk for a in actions])}
    assert len(stored) == 3
    for action in actions:
        again = stored[action.pk]
        assert again.title == action.title
        assert again.description == action.description
        assert (again.node_id, again.owner_id, again.due_date) == (
            world.unit_a.pk,
            world.manager_a.pk,
            due,
        )
        assert again.status == action.status and again.created_at is not None
    assert not actions[0]._state.adding  # saved: a later save() updates instead of inserting


def test_nothing_to_write_writes_nothing(world):
    assert bulk.insert_objects([]) == 0
