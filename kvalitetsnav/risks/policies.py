"""Who may see and change risk analyses and risks.

Staff read their unit's analyses; managers of the subtree create, change and sign
them off; inspectors read. Nämnd and revisor see the heat map's counts only.
"""

from typing import Any

from kvalitetsnav.access import policies
from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap

from .models import Risk, RiskAnalysis


class RiskAnalysisPolicy(policies.Policy[RiskAnalysis]):
    model = RiskAnalysis


class RiskPolicy(policies.Policy[Risk]):
    model = Risk

    def can(self, user: Any, action: str, obj: Risk) -> bool:
        if action == "attach":
            return has_cap(user, Cap.MANAGE_RECORDS, obj.node)
        return super().can(user, action, obj)


analysis_policy = policies.register(RiskAnalysisPolicy())
risk_policy = policies.register(RiskPolicy())
