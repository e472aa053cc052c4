"""Reading a picture back: its elements by class, and its data- attributes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    """The picture's root element; fails on text that is not well-formed XML."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def of_class(root: ET.Element, tag: str, css_class: str) -> list[ET.Element]:
    return [node for node in root.iter(f"{SVG}{tag}") if node.get("class") == css_class]


def texts(root: ET.Element) -> list[str]:
    return [node.text or "" for node in root.iter(f"{SVG}text")]
