"""commenting — 征求意见审查助手.

Pipeline: ingest → structure → review → comments → letters → archive & search.
"""

__version__ = "0.1.0"
