"""`kiosk new`: a portrait folder with a commented template."""

from __future__ import annotations

import os

from kiosk.content import files
from kiosk.content.portraits import YAML_NAME

TEMPLATE = """\
# Portrait for the kiosk. Fill in every field, add one photo (.jpg, .jpeg, .png or
# .webp) to this folder, then check it with:  kiosk check
# Portrait pour la borne. Remplissez chaque champ, ajoutez une photo (.jpg, .jpeg,
# .png ou .webp) dans ce dossier, puis vérifiez avec :  kiosk check
#
# Every value is text. Put it in quotes when it contains ':' or '#'.
# Chaque valeur est un texte. Mettez-le entre guillemets s'il contient « : » ou « # ».

# The person's name as it should appear (required).
# Le nom de la personne tel qu'il doit apparaître (obligatoire).
name: ""

# What they do, in each language (required).
# Leur métier, dans chaque langue (obligatoire).
profession:
  fr: ""
  en: ""

# Where they come from (required).
# D'où ils viennent (obligatoire).
origin:
  fr: ""
  en: ""

# Their own words about their journey and Paris (required). For several lines,
# write '|' and indent the text below it:
# Leurs propres mots sur leur parcours et sur Paris (obligatoire). Pour plusieurs
# lignes, écrivez « | » et indentez le texte en dessous :
#   fr: |
#     Première ligne.
#     Deuxième ligne.
testimony:
  fr: ""
  en: ""

# One short line of theirs, shown large (optional).
# Une courte phrase, affichée en grand (facultatif).
quote:
  fr: ""
  en: ""

# When they came to Paris, as free text (optional).
# Leur arrivée à Paris, texte libre (facultatif).
arrived: ""

# Who took the photo (optional). / Auteur de la photo (facultatif).
photo_credit: ""

# Where they come from, town and country (optional): the page says how far from home.
# For a village the kiosk does not know, give its place as well, from a map.
# D'où ils viennent, ville et pays (facultatif) : la page dit à quelle distance.
# Pour un village que la borne ne connaît pas, donnez aussi son emplacement.
# home: Oran, Algérie
# home_coordinates: [35.70, -0.63]

# Their story online (optional), https:// only: shown as a QR code visitors take home.
# Leur histoire en ligne (facultatif), https:// seulement : un code QR à emporter.
# link: https://www.example.org/histoires/samira-b

# The photo's file name, only needed when the folder holds several pictures.
# Le nom du fichier photo, seulement si le dossier contient plusieurs images.
# photo: photo.jpg

# Their voice (optional): add a recording per language they speak, named
# voice.<language>.<format> (voice.fr.mp3, voice.ar.m4a; MP3, M4A, Ogg/Opus or WAV,
# ten minutes at most), and captions in WebVTT: voice.fr.vtt for French captions of
# the French recording, voice.ar.fr.vtt for French captions of the Arabic one.
# Sa voix (facultatif) : un enregistrement par langue parlée, nommé
# voice.<langue>.<format> (voice.fr.mp3, voice.ar.m4a ; MP3, M4A, Ogg/Opus ou WAV,
# dix minutes au plus), et des sous-titres WebVTT : voice.fr.vtt pour sous-titrer en
# français l'enregistrement français, voice.ar.fr.vtt pour l'enregistrement arabe.

# false keeps this portrait off screen while you work on it.
# false garde ce portrait hors de l'écran pendant que vous y travaillez.
published: true
"""


class TemplateError(Exception):
    pass


def create_portrait_folder(path: str) -> str:
    """Create `path` with a template portrait.yaml; returns the file's path."""
    name = os.path.basename(os.path.normpath(path))
    if not name or files.is_debris(name) or name in (".", ".."):
        raise TemplateError(f"'{name}' cannot be a portrait folder's name: use e.g. samira-benali")
    if os.path.lexists(path):
        raise TemplateError(f"{path} already exists: choose another name")
    parent = os.path.dirname(os.path.normpath(path)) or "."
    if not os.path.isdir(parent):
        raise TemplateError(f"{parent} does not exist: create the collection folder first")
    os.mkdir(path)
    target = os.path.join(path, YAML_NAME)
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(TEMPLATE)
    return target
