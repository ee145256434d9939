"""Models for the management system: processes, routines, versions, read receipts."""
