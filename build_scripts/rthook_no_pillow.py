"""PyInstaller runtime hook: the frozen app ships without Pillow.

fpdf2 imports Pillow only to embed images, and the kiosk's papers hold none, so the build leaves
Pillow and its codecs out (about 7 MB, what keeps the folder under its size limit). fpdf2 then
warns once at import that it could not load Pillow; that warning says nothing to a user."""

import warnings

warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)
