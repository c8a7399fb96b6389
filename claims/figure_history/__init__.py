"""A figure's history: every value reported for one figure, over time, drawn on the server.

``dates``  as-of words read as dates (pure).
``chart``  SVG geometry for the chart (pure).
``group``  which claims are "the same figure" as a claim, read from the desk (Django).
"""
