"""Charts: pure builders (a frame and options in, a Vega-Lite dict out; vega.py is their
vocabulary, one module per page or kind) and one renderer (render.py) through which every
chart reaches a page."""
