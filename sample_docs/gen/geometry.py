"""Plane geometry for the image renderings: where a rectangle drawn on a flat
page ends up after the page was rotated on a scanner bed or photographed at
an angle. Coordinates have their origin at the top-left, y pointing down."""

import math


def union(boxes):
    boxes = list(boxes)
    return [min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes)]


def corners(box):
    x0, y0, x1, y1 = box
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def bounding(points):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return [min(xs), min(ys), max(xs), max(ys)]


def scale_box(box, factor):
    return [v * factor for v in box]


def rounded(box, decimals=1):
    return [round(v, decimals) for v in box]


class Rotation:
    """Pillow's Image.rotate(angle) about the image centre without expansion:
    angle in degrees, counter-clockwise as seen on screen."""

    def __init__(self, angle, width, height):
        self.a = math.radians(angle)
        self.cx, self.cy = width / 2.0, height / 2.0

    def point(self, x, y):
        dx, dy = x - self.cx, y - self.cy
        c, s = math.cos(self.a), math.sin(self.a)
        return (self.cx + dx * c + dy * s, self.cy - dx * s + dy * c)

    def box(self, box):
        return bounding([self.point(x, y) for x, y in corners(box)])


def _solve(a, b):
    """Gaussian elimination with partial pivoting (8x8 here)."""
    n = len(b)
    m = [row[:] + [v] for row, v in zip(a, b)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col])]
    return [m[i][n] / m[i][i] for i in range(n)]


def homography(src, dst):
    """Coefficients (a..h) of the projective map taking the four src points to
    the four dst points: x' = (a x + b y + c) / (g x + h y + 1), y' likewise
    with d e f. This is also the form Image.transform(PERSPECTIVE) wants when
    src are output pixels and dst input pixels."""
    a, b = [], []
    for (x, y), (u, v) in zip(src, dst):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        b.append(u)
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b.append(v)
    return _solve(a, b)


class Perspective:
    def __init__(self, src, dst):
        self.h = homography(src, dst)

    def point(self, x, y):
        a, b, c, d, e, f, g, h = self.h
        w = g * x + h * y + 1.0
        return ((a * x + b * y + c) / w, (d * x + e * y + f) / w)

    def box(self, box):
        return bounding([self.point(x, y) for x, y in corners(box)])
