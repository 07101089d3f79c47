"""Open a page in headless Chromium (Debian's package, driven through
Selenium and Debian's chromedriver) and say what a reader would see wrong.

``look(path, screenshot)`` loads a local HTML file, waits for its images,
saves a screenshot of the whole page, and returns a ``Look``: each image's
natural size and whether its rendered pixels are all one colour (measured
on the screenshot, so an image that loaded but shows nothing counts), the
console's errors, and the page's height.  ``problems()`` turns that into
sentences; a test asserts there are none.  Without Chromium, its driver or
Selenium, ``chromium_or_skip`` skips the test and says what to install.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

WIDTH, HEIGHT = 1280, 900
INSTALL = "apt-get install chromium chromium-driver, and pip install selenium"


def _executables() -> tuple[str | None, str | None]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or next(
        (p for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver") if os.path.exists(p)), None)
    return browser, driver


def chromium_or_skip() -> tuple[str, str]:
    pytest.importorskip("selenium", reason=f"Selenium is not installed ({INSTALL})")
    browser, driver = _executables()
    if browser is None or driver is None:
        pytest.skip(f"headless Chromium is not installed here ({INSTALL})")
    return browser, driver


@contextlib.contextmanager
def chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = chromium_or_skip()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                     f"--window-size={WIDTH},{HEIGHT}", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")        # Chromium refuses to start as root otherwise
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(service=Service(driver), options=options)
    session.set_page_load_timeout(60)
    try:
        yield session
    finally:
        session.quit()


@dataclass
class Image:
    alt: str
    natural: tuple[int, int]
    box: tuple[int, int, int, int]       # left, top, width, height on the page
    flat: bool = False


@dataclass
class Look:
    url: str
    height: int
    images: list[Image] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    screenshot: Path | None = None

    def problems(self) -> list[str]:
        found = [f"console: {e}" for e in self.errors]
        for image in self.images:
            if image.natural[0] == 0 or image.natural[1] == 0:
                found.append(f"image {image.alt!r} did not load (natural size {image.natural})")
            elif image.flat:
                found.append(f"image {image.alt!r} shows a single colour")
        return found


_IMAGES = """
return Array.from(document.images).map(function (img) {
  var r = img.getBoundingClientRect();
  return [img.alt, img.naturalWidth, img.naturalHeight,
          Math.round(r.left + window.scrollX), Math.round(r.top + window.scrollY),
          Math.round(r.width), Math.round(r.height)];
});
"""


def look(session, path: Path, screenshot: Path) -> Look:
    session.get(Path(path).resolve().as_uri())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if session.execute_script("return document.readyState === 'complete' && "
                                  "Array.from(document.images).every(i => i.complete)"):
            break
        time.sleep(0.1)
    height = int(session.execute_script("return document.documentElement.scrollHeight"))
    shot = session.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1}})
    import base64

    data = base64.b64decode(shot["data"])
    screenshot.write_bytes(data)
    pixels = _pixels(data)
    result = Look(session.current_url, height, screenshot=screenshot)
    for alt, nw, nh, left, top, width, h in session.execute_script(_IMAGES):
        crop = pixels[top:top + h, left:left + width]
        flat = crop.size == 0 or float(np.ptp(crop[..., :3])) < 0.02
        result.images.append(Image(alt, (nw, nh), (left, top, width, h), flat))
    result.errors = [entry["message"] for entry in session.get_log("browser") if entry["level"] == "SEVERE"]
    return result


def _pixels(png: bytes) -> np.ndarray:
    from matplotlib.image import imread

    return imread(io.BytesIO(png), format="png")
