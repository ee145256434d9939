"""The year's quality report (kvalitetsberättelse) per board."""
