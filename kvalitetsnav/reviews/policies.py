"""Who may see and change reviews, their findings and provider follow-ups.

Managers of the responsible node's subtree register and answer them; staff and
inspectors read; nämnd and revisor see the counts on the overview only.
"""

from typing import Any

from kvalitetsnav.access import policies

from .models import Finding, ProviderFollowUp, Review


class ReviewPolicy(policies.Policy[Review]):
    model = Review


class FindingPolicy(policies.Policy[Finding]):
    model = Finding
    node_path_lookup = "review__node__path"

    def node_of(self, obj: Finding) -> Any:
        return obj.review.node


class FollowUpPolicy(policies.Policy[ProviderFollowUp]):
    model = ProviderFollowUp


review_policy = policies.register(ReviewPolicy())
finding_policy = policies.register(FindingPolicy())
followup_policy = policies.register(FollowUpPolicy())
