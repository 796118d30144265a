"""The benchmarks (`make bench`, `make bench-large`, `make loadtest`)."""

import logging

# The data functions' caches are made outside a Streamlit server here, and Streamlit says so
# once per cached function ("No runtime found"), and AppTest once per session ("missing
# ScriptRunContext"): hundreds of lines around the figures. A filter, since Streamlit sets
# its loggers' levels again whenever it reads its configuration.
_NOISE = ("No runtime found", "missing ScriptRunContext")


def _not_noise(record: logging.LogRecord) -> bool:
    return not any(text in record.getMessage() for text in _NOISE)


for _name in (
    "streamlit.runtime.caching.cache_data_api",
    "streamlit.runtime.caching.cache_resource_api",
    "streamlit.runtime.scriptrunner_utils.script_run_context",
):
    logging.getLogger(_name).addFilter(_not_noise)
