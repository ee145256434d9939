"""The schema integrations build their clients from."""


def test_openapi_json_lists_every_path(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert set(paths) == {
        "/api/v1/org-nodes",
        "/api/v1/org-nodes/{node_id}",
        "/api/v1/actions",
        "/api/v1/quality-reports",
        "/api/v1/quality-reports/{report_id}",
        "/api/v1/actions/statistics",
        "/api/v1/actions/{action_id}",
        "/api/v1/actions/{action_id}/advance",
        "/api/v1/actions/{action_id}/evaluate",
        "/api/v1/actions/{action_id}/cancel",
        "/api/v1/decisions",
        "/api/v1/decisions/ivo-report",
        "/api/v1/decisions/statistics",
        "/api/v1/decisions/import-jobs/{job_id}",
        "/api/v1/deviations",
        "/api/v1/deviations/statistics",
        "/api/v1/deviations/{deviation_id}",
        "/api/v1/feedback",
        "/api/v1/feedback/statistics",
        "/api/v1/feedback/{feedback_id}",
        "/api/v1/lex-cases",
        "/api/v1/lex-cases/statistics",
        "/api/v1/lex-cases/{case_id}",
        "/api/v1/routines",
        "/api/v1/inspections",
        "/api/v1/inspections/results",
        "/api/v1/inspections/rounds",
        "/api/v1/inspections/rounds/{round_id}",
        "/api/v1/inspections/{inspection_id}",
        "/api/v1/routines/{routine_id}",
        "/api/v1/routines/{routine_id}/versions",
        "/api/v1/risks",
        "/api/v1/risks/heatmap",
        "/api/v1/reviews",
        "/api/v1/reviews/findings",
        "/api/v1/reviews/city",
        "/api/v1/reviews/{review_id}",
        "/api/v1/lessons",
        "/api/v1/lessons/{lesson_id}",
        "/api/v1/key-figures",
        "/api/v1/key-figures/implementation-plans",
        "/api/v1/key-figures/{key_figure_id}",
        "/api/v1/key-figures/{key_figure_id}/values",
    }
    assert set(paths["/api/v1/actions"]) == {"get", "post"}
    assert set(paths["/api/v1/actions/{action_id}"]) == {"get", "patch"}
    assert set(paths["/api/v1/inspections/rounds"]) == {"get", "post"}


def test_openapi_json_documents_both_ways_to_authenticate(client, db):
    schemes = client.get("/api/v1/openapi.json").json()["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}


def test_openapi_json_documents_bad_input_as_400_not_422(client, db):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/actions"]["post"]
    assert "400" in operation["responses"]
    assert "422" not in operation["responses"]
