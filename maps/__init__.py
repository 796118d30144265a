"""Map builders and route planning: pure functions, testable without Streamlit."""
