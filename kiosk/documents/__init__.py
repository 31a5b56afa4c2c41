"""PDF builders: models in, PDF bytes out. Pure and deterministic (architecture.md habit 8):
no file writes, no GUI; the caller decides where the bytes go."""

from .frame import BuiltDocument
from .packet import build_packet
from .receipt import build_receipt

__all__ = ["BuiltDocument", "build_packet", "build_receipt"]
