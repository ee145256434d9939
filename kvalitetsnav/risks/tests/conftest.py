import pytest

from .url_policy import new_analysis


@pytest.fixture
def analysis_a(world):
    """An open analysis of unit A with one risk (2 × 4) owned by the unit's manager."""
    analysis, _risk = new_analysis(world)
    return analysis


@pytest.fixture
def risk_a(analysis_a):
    return analysis_a.risks.get()
