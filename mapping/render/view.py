"""What part of the map an image shows: centre, scale and size in pixels.

A :class:`MapView` is a small immutable-by-convention value: panning and zooming
return new views, so a view handed to a render thread never changes under it.
Map coordinates are metres in the project's working CRS (a UTM zone), x east and
y north; pixel coordinates start at the top-left corner, y down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

#: Metres per pixel at zoom 0 on the equator, the reference the zoom levels use.
ZOOM0_METRES_PER_PIXEL = 156543.03392804097
#: Metres per inch, for scale denominators.
METRES_PER_INCH = 0.0254


def zoom_for(metres_per_pixel: float) -> float:
    """Web-map zoom level with the same ground resolution (z18 is about 0.6 m per pixel)."""
    return math.log2(ZOOM0_METRES_PER_PIXEL / max(metres_per_pixel, 1e-9))


def metres_per_pixel_for(zoom: float) -> float:
    """Inverse of :func:`zoom_for`."""
    return ZOOM0_METRES_PER_PIXEL / 2.0**zoom


@dataclass
class MapView:
    """The part of the map an image shows."""

    #: Map x of the image centre, working-CRS metres.
    center_x: float
    #: Map y of the image centre, working-CRS metres.
    center_y: float
    #: Ground metres one pixel covers.
    metres_per_pixel: float
    #: Image width in pixels.
    width: int
    #: Image height in pixels.
    height: int

    def extent(self) -> tuple[float, float, float, float]:
        """Map extent shown, ``(minx, miny, maxx, maxy)``."""
        half_w = self.width * self.metres_per_pixel / 2.0
        half_h = self.height * self.metres_per_pixel / 2.0
        return (self.center_x - half_w, self.center_y - half_h,
                self.center_x + half_w, self.center_y + half_h)

    def to_map(self, px: float, py: float) -> tuple[float, float]:
        """Map coordinates of a pixel position (pixel corners are integers)."""
        minx, _miny, _maxx, maxy = self.extent()
        return minx + px * self.metres_per_pixel, maxy - py * self.metres_per_pixel

    def to_pixel(self, x: float, y: float) -> tuple[float, float]:
        """Pixel position of a map point (inverse of :meth:`to_map`)."""
        minx, _miny, _maxx, maxy = self.extent()
        return (x - minx) / self.metres_per_pixel, (maxy - y) / self.metres_per_pixel

    @property
    def zoom(self) -> float:
        """Web-map zoom level of this view's resolution (see :func:`zoom_for`)."""
        return zoom_for(self.metres_per_pixel)

    def scale_denominator(self, dpi: float = 96.0) -> float:
        """The N of "1:N" on a screen or page of this resolution."""
        return self.metres_per_pixel * dpi / METRES_PER_INCH

    def zoomed(self, factor: float, anchor_px: tuple[float, float] | None = None) -> MapView:
        """A view ``factor`` times closer (2 = twice as detailed), keeping ``anchor_px`` still.

        Parameters
        ----------
        factor
            Zoom factor; values below 1 zoom out.
        anchor_px
            Pixel that stays over the same map point (the mouse position); the
            image centre when not given.
        """
        if factor <= 0:
            raise ValueError(f"zoom factor must be positive, not {factor}")
        mpp = self.metres_per_pixel / factor
        if anchor_px is None:
            return replace(self, metres_per_pixel=mpp)
        ax, ay = self.to_map(*anchor_px)
        # The anchor's offset from the centre, in pixels, is unchanged.
        dx = anchor_px[0] - self.width / 2.0
        dy = anchor_px[1] - self.height / 2.0
        return replace(self, center_x=ax - dx * mpp, center_y=ay + dy * mpp,
                       metres_per_pixel=mpp)

    def panned(self, dx_px: float, dy_px: float) -> MapView:
        """The view after dragging the map content by ``(dx_px, dy_px)`` pixels.

        Dragging right (positive ``dx_px``) shows what lies west, as a hand on
        paper would.
        """
        return replace(self, center_x=self.center_x - dx_px * self.metres_per_pixel,
                       center_y=self.center_y + dy_px * self.metres_per_pixel)

    def resized(self, width: int, height: int) -> MapView:
        """The same centre and scale in an image of another size."""
        return replace(self, width=int(width), height=int(height))

    @classmethod
    def fit(cls, extent: tuple[float, float, float, float], width: int, height: int,
            margin: float = 0.05) -> MapView:
        """The view showing all of ``extent`` in a ``width`` x ``height`` image.

        Parameters
        ----------
        extent
            ``(minx, miny, maxx, maxy)`` in working-CRS metres.
        width, height
            Image size in pixels.
        margin
            Fraction of the image left free on each side.
        """
        minx, miny, maxx, maxy = (float(v) for v in extent)
        width, height = max(int(width), 1), max(int(height), 1)
        usable = max(1.0 - 2.0 * margin, 0.05)
        span_x = max(maxx - minx, 1.0)
        span_y = max(maxy - miny, 1.0)
        mpp = max(span_x / (width * usable), span_y / (height * usable))
        return cls((minx + maxx) / 2.0, (miny + maxy) / 2.0, mpp, width, height)
