"""insatser-api: Östersunds insatser utan individuell behovsprövning (SoL 2025:400 11 kap. 5 §)."""

__version__ = "0.1.0"
