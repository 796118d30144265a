"""Alerts before the guarantee breaks: rules, their history, the e-mail digest (issue 15)."""
