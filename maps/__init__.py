"""Map builders and route planning: pure functions, testable without Streamlit."""

from maps.templates import install as _share_compiled_templates

_share_compiled_templates()
