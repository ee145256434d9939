"""The org nodes endpoints: the parts of the tree a user works with, and no more."""


def _names(response):
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


def test_a_staff_member_sees_their_own_unit_only(api_as, world):
    assert _names(api_as(world.staff_a).get("/org-nodes")) == ["Hemtjänst A"]


def test_a_politician_sees_their_boards_whole_subtree_in_tree_order(api_as, world):
    names = _names(api_as(world.politician_a).get("/org-nodes"))
    assert names[:3] == ["Nämnd A", "Förvaltning A", "Avdelning äldre A"]
    assert sorted(names[3:]) == ["Boende A", "Hemtjänst A"]


def test_the_system_administrator_sees_every_node(api_as, world):
    body = api_as(world.sysadmin).get("/org-nodes").json()
    assert body["count"] == 8
    assert body["items"][0]["name"] == "Teststad"


def test_someone_without_a_role_sees_no_node(api_as, world):
    assert _names(api_as(world.no_role).get("/org-nodes")) == []


def test_the_list_filters_on_level_and_parent(api_as, world):
    api = api_as(world.inspector)
    assert sorted(_names(api.get("/org-nodes", level="enhet"))) == [
        "Boende A",
        "Hemtjänst A",
        "Hemtjänst B",
    ]
    children = _names(api.get("/org-nodes", parent=str(world.city.pk)))
    assert sorted(children) == ["Nämnd A", "Nämnd B"]


def test_an_unknown_level_is_400(api_as, world):
    response = api_as(world.inspector).get("/org-nodes", level="kontinent")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["level"]


def test_one_node_describes_its_place_in_the_tree(api_as, world):
    body = api_as(world.manager_a).get(f"/org-nodes/{world.unit_a.pk}").json()
    assert body["parent"] == str(world.dept_a.pk)
    assert (body["level"], body["level_display"], body["depth"]) == ("enhet", "Enhet", 4)
    assert (body["operation_kind"], body["provider_type"]) == ("hemtjanst", "egen_regi")


def test_a_manager_of_unit_b_gets_404_for_unit_a(api_as, world):
    response = api_as(world.manager_b).get(f"/org-nodes/{world.unit_a.pk}")
    assert response.status_code == 404
