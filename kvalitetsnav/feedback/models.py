"""Synpunkter och klagomål: complaints, suggestions and praise from residents and others."""
