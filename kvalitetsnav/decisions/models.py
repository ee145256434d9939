"""Decisions (beslut) under SoL and LSS, non-executed decisions and changed services."""
