"""Shared Streamlit UI pieces: the text catalogue, formatting and the sidebar filters."""
