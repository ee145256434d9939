"""Lex Sarah and lex Maria cases: investigation, assessment and the report to IVO."""
