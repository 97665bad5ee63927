"""trdguide: an offline, evidence-cited guide to treatment options for treatment-resistant depression.

Education, not medical advice.
"""

__version__ = "0.1.0"
