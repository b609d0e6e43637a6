"""The pipeline as a left-to-right Sankey diagram.

Columns come from the longest path from a source, so a stage always sits right of
every stage that leads to it. Within a column nodes keep the caller's order, exits
last, and are nudged towards the nodes they connect to so bands stay short and flat.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ._svg import (
    FONT,
    baseline,
    clean,
    empty,
    fit,
    num,
    svg,
    tag,
    text,
    text_width,
    tooltip,
    width_class,
)

EXIT_PREFIXES = ("rejected", "no response", "withdrawn", "declined", "ghosted")
WIN_PREFIXES = ("offer", "accepted")

WIDTH = 640
NODE_WIDTH = 12
PADDING = 20  # vertical gap between nodes of a column
TOP = 6
LABEL_GAP = 6
MAX_LABEL_SPACE = 190
MIN_STEP = 126  # column spacing below which labels would be cut to a few letters
RELAX_ROUNDS = 6


@dataclass
class _Node:
    id: str
    label: str
    value: int
    kind: str
    order: int
    col: int = 0
    size: float = 0.0
    x: float = 0.0
    y: float = 0.0
    h: float = 0.0
    ins: list[_Link] = field(default_factory=list)
    outs: list[_Link] = field(default_factory=list)

    @property
    def mid(self) -> float:
        return self.y + self.h / 2


@dataclass
class _Link:
    src: _Node
    tgt: _Node
    value: int
    order: int
    w: float = 0.0
    sy: float = 0.0
    ty: float = 0.0


def node_kind(label: str) -> str:
    """'exit' for a way out of the pipeline, 'win' for an offer, else 'stage'."""
    low = label.strip().lower()
    if low.startswith(EXIT_PREFIXES):
        return "exit"
    if low.startswith(WIN_PREFIXES):
        return "win"
    return "stage"


def sankey_svg(
    nodes: list[tuple[str, str, int]],
    links: list[tuple[str, str, int]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    empty_text: str = "No applications yet",
) -> Markup:
    """Nodes are (id, label, value), links (source id, target id, value).

    A node is drawn as tall as the largest of its value and its in- and outflow, so
    bands always fit; links to unknown nodes, loops and cycles are left out.
    """
    graph = _build(nodes, links)
    if not graph or all(n.size <= 0 for n in graph):
        return empty("sankey", chart_id, title, desc, empty_text)
    columns = _columns(graph)
    label_space = _label_space(columns[-1])
    width, _ = width_class(MIN_STEP * (len(columns) - 1) + NODE_WIDTH + label_space + 2)
    width = max(WIDTH, width)
    _place_x(columns, label_space, width)
    height = _place_y(columns)
    _place_links(graph)
    body = [_link_path(link) for node in graph for link in node.outs]
    body += [_node_rect(node) for node in graph]
    step = columns[1][0].x - columns[0][0].x if len(columns) > 1 else width
    for col_index, column in enumerate(columns):
        space = label_space if col_index == len(columns) - 1 else step - NODE_WIDTH
        body += [_label(node, space - 2 * LABEL_GAP - 4) for node in column]
    return svg("sankey", chart_id, title, desc, width, height, body)


def _build(raw_nodes: list[tuple[str, str, int]],
           raw_links: list[tuple[str, str, int]]) -> list[_Node]:
    by_id: dict[str, _Node] = {}
    for ident, label, value in raw_nodes:
        if ident not in by_id:
            text_label = clean(label)
            by_id[ident] = _Node(ident, text_label, max(int(value), 0), node_kind(text_label),
                                 len(by_id))
    candidates = [
        _Link(by_id[s], by_id[t], int(v), i)
        for i, (s, t, v) in enumerate(raw_links)
        if s in by_id and t in by_id and s != t and int(v) > 0
    ]
    for link in _without_cycles(list(by_id.values()), candidates):
        link.src.outs.append(link)
        link.tgt.ins.append(link)
    for node in by_id.values():
        node.size = max(node.value, sum(lk.value for lk in node.ins),
                        sum(lk.value for lk in node.outs))
    return list(by_id.values())


def _without_cycles(nodes: list[_Node], links: list[_Link]) -> list[_Link]:
    """Drop the links that close a cycle (found by depth-first search, input order)."""
    outgoing: dict[str, list[_Link]] = {n.id: [] for n in nodes}
    for link in links:
        outgoing[link.src.id].append(link)
    state = dict.fromkeys(outgoing, 0)  # 0 unseen, 1 on the stack, 2 done
    back: set[int] = set()
    for root in outgoing:
        if state[root]:
            continue
        state[root] = 1
        stack = [(root, iter(outgoing[root]))]
        while stack:
            node_id, pending = stack[-1]
            for link in pending:
                target = link.tgt.id
                if state[target] == 1:
                    back.add(link.order)
                elif state[target] == 0:
                    state[target] = 1
                    stack.append((target, iter(outgoing[target])))
                    break
            else:
                state[node_id] = 2
                stack.pop()
    return [link for link in links if link.order not in back]


def _columns(graph: list[_Node]) -> list[list[_Node]]:
    """Column = longest path from a source (Kahn's order keeps it deterministic)."""
    indegree = {n.id: len(n.ins) for n in graph}
    ready = [n for n in graph if not n.ins]
    while ready:
        node = ready.pop(0)
        for link in node.outs:
            link.tgt.col = max(link.tgt.col, node.col + 1)
            indegree[link.tgt.id] -= 1
            if indegree[link.tgt.id] == 0:
                ready.append(link.tgt)
    columns: list[list[_Node]] = [[] for _ in range(max(n.col for n in graph) + 1)]
    for node in sorted(graph, key=lambda n: (n.kind == "exit", n.order)):
        columns[node.col].append(node)
    return columns


def _label_text(node: _Node) -> str:
    return f"{node.label} · {node.value}"


def _label_space(last_column: list[_Node]) -> float:
    widest = max(text_width(_label_text(n)) for n in last_column)
    return min(MAX_LABEL_SPACE, widest + 2 * LABEL_GAP + NODE_WIDTH)


def _place_x(columns: list[list[_Node]], label_space: float, width: float) -> None:
    span = width - label_space - NODE_WIDTH - 1
    step = span / (len(columns) - 1) if len(columns) > 1 else 0
    for index, column in enumerate(columns):
        for node in column:
            node.x = 1 + index * step


def _place_y(columns: list[list[_Node]]) -> float:
    """Size nodes to one shared scale and relax them towards their neighbours."""
    tallest = max(len(c) for c in columns)
    plot = max(220.0, tallest * 48.0)
    scale = min(
        (plot - PADDING * (len(c) - 1)) / total
        for c in columns
        if (total := sum(n.size for n in c)) > 0
    )
    for column in columns:
        y = TOP
        for node in column:
            node.h = max(node.size * scale, 2.0)
            node.y = y
            y += node.h + PADDING
    bottom = TOP + max(sum(n.h for n in c) + PADDING * (len(c) - 1) for c in columns)
    for _ in range(RELAX_ROUNDS):
        for column in columns[1:]:
            _relax(column, "ins", bottom)
        for column in reversed(columns[:-1]):
            _relax(column, "outs", bottom)
    for link in (lk for c in columns for n in c for lk in n.outs):
        link.w = max(link.value * scale, 0.6)
    return bottom + TOP


def _relax(column: list[_Node], side: str, bottom: float) -> None:
    for node in column:
        links = getattr(node, side)
        weight = sum(lk.value for lk in links)
        if weight:
            ends = [lk.src if side == "ins" else lk.tgt for lk in links]
            centre = sum(e.mid * lk.value for e, lk in zip(ends, links, strict=True)) / weight
            node.y += (centre - node.h / 2 - node.y) * 0.5
    _resolve(column, bottom)


def _resolve(column: list[_Node], bottom: float) -> None:
    """Keep the column's order, its padding and its place between TOP and bottom."""
    y = TOP
    for node in column:
        node.y = max(node.y, y)
        y = node.y + node.h + PADDING
    y = bottom
    for node in reversed(column):
        node.y = min(node.y, y - node.h)
        y = node.y - PADDING


def _place_links(graph: list[_Node]) -> None:
    for node in graph:
        y = node.y
        for link in sorted(node.outs, key=lambda lk: (lk.tgt.mid, lk.order)):
            link.sy = y
            y += link.w
        y = node.y
        for link in sorted(node.ins, key=lambda lk: (lk.src.mid, lk.order)):
            link.ty = y
            y += link.w


def _link_path(link: _Link) -> str:
    x0 = link.src.x + NODE_WIDTH
    x1 = link.tgt.x
    xm = (x0 + x1) / 2
    s0, s1 = link.sy, link.sy + link.w
    t0, t1 = link.ty, link.ty + link.w
    d = (
        f"M{num(x0)} {num(s0)}C{num(xm)} {num(s0)} {num(xm)} {num(t0)} {num(x1)} {num(t0)}"
        f"L{num(x1)} {num(t1)}C{num(xm)} {num(t1)} {num(xm)} {num(s1)} {num(x0)} {num(s1)}Z"
    )
    tip = f"{link.src.label} → {link.tgt.label}: {link.value}"
    return tag("path", {"class": f"link to-{link.tgt.kind}", "d": d}, tooltip(tip))


def _node_rect(node: _Node) -> str:
    attrs = {"class": f"node {node.kind}", "x": node.x, "y": node.y,
             "width": NODE_WIDTH, "height": node.h}
    return tag("rect", attrs, tooltip(f"{node.label}: {node.value}"))


def _label(node: _Node, space: float) -> str:
    suffix = f" · {node.value}"
    shown = fit(node.label, space - text_width(suffix), FONT) + suffix
    x = node.x + NODE_WIDTH + LABEL_GAP
    return text(x, baseline(node.mid), shown, f"label {node.kind}", _label_text(node))
