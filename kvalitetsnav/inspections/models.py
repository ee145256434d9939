"""Egenkontroll: checklist templates, inspections, the annual wheel and case-review samples."""
