"""Pictures drawn by the project: what each annotation technique marks and what each vision
task returns, as inline SVG.

The shapes are the site's data (the diagrams file its definitions name as ``DIAGRAMS``): a
technique's drawing follows from its ``geometry``, and the annotation is derived from the
pictured object's outline (the box is the outline's bounds, the mask the grid cells inside
it). The templates draw with
``currentColor`` and Material's colour variables, so both palettes read them; every drawing
is ``role="img"`` with a title, beside a visible caption. No image file, no request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from markupsafe import Markup
from ruamel.yaml import YAML

from kb.data.catalog import KnowledgeBase
from kb.data.definitions import active
from kb.data.models import Entry
from kb.render.templating import render
from kb.render.urls import Linker

Point = tuple[float, float]
TECHNIQUES = "annotation-techniques"
KINDS = ("techniques", "tasks")  # what the kb-diagram directive draws
TAG_HEIGHT = 8.0  # a label's box, in picture units
CHAR_WIDTH = 3.5  # average width of a label's letter at its font size (6 units)


def has_diagrams() -> bool:
    """True when the site's definitions name a diagrams file."""
    return active().diagrams is not None


@cache
def data() -> dict[str, Any]:
    """The site's diagrams file (its definitions' ``DIAGRAMS``), read once."""
    path = active().diagrams
    if path is None:
        return {}
    loaded: dict[str, Any] = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return loaded


@dataclass(frozen=True)
class Shape:
    """One SVG element: its tag, attributes and CSS class."""

    tag: str
    attrs: dict[str, str]
    cls: str = ""
    text: str = ""  # a <text> element's content


@dataclass(frozen=True)
class Tag:
    """A class label written on the picture, in a small box whose top left is (x, y)."""

    x: float
    y: float
    width: float
    text: str


@dataclass
class Drawing:
    """One picture, ready for the template: what it shows (its text alternative), the scene
    in faint lines, and the annotation or output over it."""

    label: str
    scene: list[Shape] = field(default_factory=list)
    marks: list[Shape] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    width: float = 120
    height: float = 80


def _n(value: float) -> str:
    return f"{round(value, 2):g}"


def _points(text: str, at: Point = (0, 0), scale: float = 1) -> list[Point]:
    pairs = (p.split(",") for p in text.split())
    return [(at[0] + float(x) * scale, at[1] + float(y) * scale) for x, y in pairs]


def _joined(points: list[Point]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _scene(items: list[dict[str, Any]], at: Point = (0, 0), scale: float = 1) -> list[Shape]:
    """The picture's own lines, moved to ``at`` and scaled (the SVG carries no transform)."""
    shapes = []
    for item in items:
        cls = "kb-dg-dashed" if item.get("dashed") else ""
        if "polygon" in item or "polyline" in item:
            tag = "polygon" if "polygon" in item else "polyline"
            shapes.append(Shape(tag, {"points": _joined(_points(item[tag], at, scale))}, cls))
        elif "circle" in item:
            cx, cy, r = item["circle"]
            attrs = {"cx": cx * scale + at[0], "cy": cy * scale + at[1], "r": r * scale}
            shapes.append(Shape("circle", {k: _n(v) for k, v in attrs.items()}, cls))
        else:
            cx, cy, rx, ry = item["ellipse"]
            attrs = {"cx": cx * scale + at[0], "cy": cy * scale + at[1]}
            attrs |= {"rx": rx * scale, "ry": ry * scale}
            shapes.append(Shape("ellipse", {k: _n(v) for k, v in attrs.items()}, cls))
    return shapes


def bounds(points: list[Point]) -> tuple[float, float, float, float]:
    """The smallest rectangle around the points: x, y, width, height."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def inside(point: Point, polygon: list[Point]) -> bool:
    """Whether a point lies inside a closed polygon (even-odd rule)."""
    x, y = point
    hit = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def mask_cells(outline: list[Point], cell: float) -> list[Point]:
    """The top-left corners of the grid cells whose centre lies inside the outline."""
    x0, y0, w, h = bounds(outline)
    first_x, first_y = int(x0 // cell), int(y0 // cell)
    cols, rows = int((x0 + w) // cell) + 1, int((y0 + h) // cell) + 1
    return [
        (c * cell, r * cell)
        for r in range(first_y, rows)
        for c in range(first_x, cols)
        if inside((c * cell + cell / 2, r * cell + cell / 2), outline)
    ]


def _mask(outline: list[Point], cell: float, cls: str = "kb-dg-mask") -> Shape:
    cells = mask_cells(outline, cell)
    path = "".join(f"M{_n(x)} {_n(y)}h{_n(cell)}v{_n(cell)}h-{_n(cell)}z" for x, y in cells)
    return Shape("path", {"d": path}, cls)


def _box(points: list[Point], pad: float = 1) -> Shape:
    x, y, w, h = bounds(points)
    attrs = {"x": x - pad, "y": y - pad, "width": w + 2 * pad, "height": h + 2 * pad}
    return Shape("rect", {k: _n(v) for k, v in attrs.items()}, "kb-dg-mark")


def _vertices(points: list[Point], cls: str = "kb-dg-vertex", r: float = 1.6) -> list[Shape]:
    return [Shape("circle", {"cx": _n(x), "cy": _n(y), "r": _n(r)}, cls) for x, y in points]


def _tag(text: str, x: float, y: float) -> Tag:
    """A label above (x, y), or just inside the top edge where there is no room above."""
    top = y - TAG_HEIGHT - 0.5 if y - TAG_HEIGHT - 0.5 >= 0 else y + 0.5
    return Tag(x, top, len(text) * CHAR_WIDTH + 3, text)


def geometry_drawing(geometry: str, name: str) -> Drawing:
    """The drawing of an annotation technique with this geometry, titled with its name."""
    spec = data()["geometry"][geometry]
    obj = data()["objects"][spec["object"]]
    drawing = Drawing(f"{name}: {spec['shows']}", _scene(obj["scene"]))
    if geometry == "box":
        drawing.marks.append(_box(_points(obj["outline"])))
    elif geometry == "polygon":
        outline = _points(obj["outline"])
        drawing.marks += [Shape("polygon", {"points": _joined(outline)}, "kb-dg-mark")]
        drawing.marks += _vertices(outline)
    elif geometry == "pixels":
        drawing.marks.append(_mask(_points(obj["outline"]), float(spec.get("cell", 4))))
    elif geometry == "line":
        line = _points(obj["line"])
        drawing.marks += [Shape("polyline", {"points": _joined(line)}, "kb-dg-mark")]
        drawing.marks += _vertices(line)
    else:  # points: numbered in their fixed order
        points = _points(obj["points"])
        drawing.marks += _vertices(points, "kb-dg-point", 1.8)
        for number, (x, y) in enumerate(points, 1):
            attrs = {"x": _n(x + 2.2), "y": _n(y - 2.2)}
            drawing.marks.append(Shape("text", attrs, "kb-dg-number", str(number)))
    return drawing


def task_drawing(panel: dict[str, Any]) -> Drawing:
    """One vision task's output on the shared street picture."""
    spec = data()["tasks"]
    cell = float(spec["cell"])
    ground = Shape("polyline", {"points": _joined(_points(spec["ground"]))})
    drawing = Drawing(f"{panel['title']}: {panel['shows']}", [ground])
    for number, placed in enumerate(spec["objects"]):
        obj = data()["objects"][placed["object"]]
        at, scale = tuple(placed["at"]), float(placed["scale"])
        drawing.scene += _scene(obj["scene"], at, scale)
        outline = _points(obj["outline"], at, scale)
        x, y, _, _ = bounds(outline)
        if panel["draws"] == "boxes":
            drawing.marks.append(_box(outline))
            drawing.tags.append(_tag(placed["label"], x - 1, y - 1))
        elif panel["draws"] == "masks":
            # one colour per class: the second hue for the first object, the accent next
            cls = "kb-dg-mask" if number % 2 else "kb-dg-mask kb-dg-mask-2"
            drawing.marks.append(_mask(outline, cell, cls))
            drawing.tags.append(_tag(placed["label"], x - 1, y - 1))
    if panel["draws"] == "label":
        frame = {
            "x": "1",
            "y": "1",
            "width": _n(drawing.width - 2),
            "height": _n(drawing.height - 2),
        }
        drawing.marks.append(Shape("rect", frame, "kb-dg-mark kb-dg-frame"))
        drawing.tags.append(_tag(panel["label"], 3, 3))
    return drawing


def technique_figure(entry: Any) -> Markup:
    """The figure on a technique's entry page: its drawing and what it shows."""
    geometry = entry.geometry.code
    caption = data()["geometry"][geometry]["caption"]
    return render("diagram.html", drawing=geometry_drawing(geometry, entry.name), caption=caption)


def _entry_link(kb: KnowledgeBase, ref: list[str], linker: Linker) -> str | None:
    catalog, entry_id = ref
    return linker.entry(catalog, entry_id) if kb.get(catalog, entry_id) else None


def techniques(kb: KnowledgeBase, linker: Linker) -> Markup:
    """Every technique of the catalog side by side, each linked to its page."""
    entries = [e for e in kb.entries.get(TECHNIQUES, {}).values() if hasattr(e, "geometry")]
    panels = [
        {
            "title": e.name,
            "href": linker.entry(TECHNIQUES, e.id),
            "drawing": geometry_drawing(e.geometry.code, e.name),
            "caption": data()["geometry"][e.geometry.code]["caption"],
        }
        for e in sorted(entries, key=lambda e: e.name.lower())
    ]
    summary = f"The {len(panels)} annotation techniques of the catalog, each as a labeler draws it."
    return render("diagrams.html", kind="techniques", panels=panels, summary=summary)


def tasks(kb: KnowledgeBase, linker: Linker) -> Markup:
    """Classification, detection and segmentation on one picture: what each returns."""
    panels = [
        {
            "title": p["title"],
            "href": _entry_link(kb, p["entry"], linker),
            "drawing": task_drawing(p),
            "caption": p["returns"],
        }
        for p in data()["tasks"]["panels"]
    ]
    summary = "One street picture, three tasks: what each one returns."
    return render("diagrams.html", kind="tasks", panels=panels, summary=summary)


def task_figure(entry_id: str) -> Markup | None:
    """The panel of a vision task's entry page, where the picture shows that task."""
    for panel in data()["tasks"]["panels"]:
        if panel["entry"] == ["vision-tasks", entry_id]:
            return render("diagram.html", drawing=task_drawing(panel), caption=panel["returns"])
    return None


def for_entry(catalog: str, entry: Entry) -> Markup | None:
    """The picture an entry page shows, if its catalog has pictures."""
    if not has_diagrams():
        return None
    if catalog == TECHNIQUES and hasattr(entry, "geometry"):
        return technique_figure(entry)
    if catalog == "vision-tasks":
        return task_figure(entry.id)
    return None


def diagram(kb: KnowledgeBase, kind: str, linker: Linker) -> Markup:
    """What ``{{< kb-diagram kind="..." >}}`` draws (kind: one of KINDS)."""
    return techniques(kb, linker) if kind == "techniques" else tasks(kb, linker)
