"""Prongsai (โปร่งใส): the yearly integrity & transparency programme of a Thai public agency."""

__version__ = "0.1.0"
