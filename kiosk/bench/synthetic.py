"""A synthetic collection whose photos compress like camera JPEGs.

Half of the photos are stored sideways with EXIF orientation 6, as phones and
cameras held upright store them. Texture comes from blurred noise over soft
gradients, so the JPEGs have the size and decode cost of real photographs
rather than of flat test cards.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageFilter

ORIGINS = ["Algérie", "Cambodge", "Royaume-Uni", "Sénégal", "Portugal", "Colombie", "Syrie", "Viêt Nam"]
PROFESSIONS = ["Cheffe", "Plombier", "Réalisatrice", "Agent d'entretien", "Auto-entrepreneur", "Infirmière"]


def camera_photo(megapixels: float, seed: int) -> Image.Image:
    """An RGB picture of about `megapixels`, 4:3 landscape as a sensor stores it."""
    rng = random.Random(seed)
    width = int((megapixels * 1e6 * 4 / 3) ** 0.5)
    height = int(width * 3 / 4)
    small = (max(8, width // 16), max(6, height // 16))
    base = Image.merge(
        "RGB", [Image.linear_gradient("L").resize(small).rotate(rng.randint(0, 359)) for _ in range(3)]
    )
    texture = Image.merge(
        "RGB", [Image.effect_noise(small, 60).filter(ImageFilter.GaussianBlur(2)) for _ in range(3)]
    )
    picture = Image.blend(base, texture, 0.45).resize((width, height), Image.Resampling.BICUBIC)
    grain = Image.effect_noise((width, height), 40).convert("RGB")
    return Image.blend(picture, grain, 0.22)


def write_photo(path: Path, picture: Image.Image, sideways: bool) -> None:
    if sideways:
        exif = Image.Exif()
        exif[0x0112] = 6  # shown turned a quarter clockwise
        picture.save(path, quality=90, exif=exif)
    else:
        picture.save(path, quality=90)


def make_collection(root: Path, count: int, photo_megapixels: float, distinct_photos: int = 4) -> list[Path]:
    """`count` portrait folders under root; the photos are copies of a few distinct ones
    (hard links when possible), so a thousand portraits fit on disk."""
    root.mkdir(parents=True, exist_ok=True)
    sources = []
    for index in range(min(distinct_photos, count)):
        source = root / f".source-{index}.jpg"
        write_photo(source, camera_photo(photo_megapixels, index), sideways=index % 2 == 1)
        sources.append(source)
    folders = []
    for index in range(count):
        folder = root / f"portrait-{index:04d}"
        folder.mkdir(exist_ok=True)
        (folder / "portrait.yaml").write_text(yaml_text(index), encoding="utf-8")
        _link_or_copy(sources[index % len(sources)], folder / "photo.jpg")
        folders.append(folder)
    return folders


def yaml_text(index: int) -> str:
    origin = ORIGINS[index % len(ORIGINS)]
    profession = PROFESSIONS[(index // 3) % len(PROFESSIONS)]
    return (
        f"name: Personne {index}\n"
        f"profession:\n  fr: {profession}\n  en: {profession}\n"
        f"origin:\n  fr: {origin}\n  en: {origin}\n"
        "quote:\n  fr: « Paris m'a appris à prendre mon temps. »\n  en: “Paris taught me to take my time.”\n"
        "testimony:\n  fr: |\n    Quand je suis arrivée, je ne connaissais personne.\n"
        "  en: |\n    When I arrived, I knew nobody.\n"
        f'arrived: "{1960 + index % 60}"\n'
    )


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        target.hardlink_to(source)
    except OSError:
        target.write_bytes(source.read_bytes())
