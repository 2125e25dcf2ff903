"""What a tablet signature must be before the visit keeps it: a small, readable PNG.

The GUI's pad (views.signature_pad) already refuses an empty pad or a dot in the resident's
language; this is the service's own check, for every caller: the PNG signature, a size cap
(the image is sealed into the visit's payload at every save), a full decode with Pillow
(reportlab's image library) within sane dimensions, and some ink on it.
"""

from __future__ import annotations

import io

from tome_window.domain.errors import SignatureError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 512 * 1024
MAX_SIDE = 4000  # pixels; the pad draws at most a few hundred by a thousand or so
MIN_SIDE = 8


def check_png(png: bytes) -> tuple[int, int]:
    """The image's (width, height); SignatureError with a Japanese message when refused."""
    if not isinstance(png, (bytes, bytearray)) or not png:
        raise SignatureError("署名の画像がありません", "signature: no image")
    if len(png) > MAX_BYTES:
        raise SignatureError(f"署名の画像が大きすぎます({len(png) // 1024} KB、上限 "
                             f"{MAX_BYTES // 1024} KB)", f"signature: {len(png)} bytes")
    if not bytes(png).startswith(PNG_MAGIC):
        raise SignatureError("署名の画像がPNG形式ではありません", "signature: not a PNG")
    from PIL import Image, ImageChops, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(bytes(png))) as image:
            if image.format != "PNG":
                raise SignatureError("署名の画像がPNG形式ではありません", "signature: not a PNG")
            width, height = image.size
            if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
                raise SignatureError("署名の画像の大きさが正しくありません",
                                     f"signature: {width}x{height} pixels")
            image.load()
            gray = image.convert("LA")
    except SignatureError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise SignatureError("署名の画像を読み取れません(壊れています)",
                             f"signature: undecodable ({exc})") from None
    # Ink: a pixel that is both opaque and dark. A blank (white or transparent) image is no
    # signature at all.
    dark = gray.getchannel("L").point(lambda v: 255 if v < 128 else 0)
    opaque = gray.getchannel("A").point(lambda v: 255 if v > 128 else 0)
    if ImageChops.multiply(dark, opaque).getbbox() is None:
        raise SignatureError("署名の画像に何も書かれていません", "signature: blank image")
    return width, height
