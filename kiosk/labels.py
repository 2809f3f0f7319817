"""The kiosk's own words, in every language it speaks to visitors."""

from __future__ import annotations

LABELS = {
    "fr": {
        "origin": "Origine",
        "profession": "Métier",
        "all": "Tous",
        "overview": "Tous les portraits",
        "close": "Fermer",
        "arrived": "Arrivée à Paris",
        "chooseOrigin": "Choisir une origine",
        "chooseProfession": "Choisir un métier",
        "comingSoon": "Portraits à venir",
        "comingSoonBody": "Les portraits et les témoignages de Parisiens venus d'ailleurs arrivent bientôt.",
        "listen": "Écouter",
        "pause": "Pause",
        "resume": "Reprendre",
        "stillThere": "Vous êtes toujours là ?",
        "stillThereBody": "Touchez l'écran pour continuer votre visite.",
        "continue": "Continuer",
        "backToStart": "Retour au début dans {seconds} s",
        "scrollUp": "Remonter dans le témoignage",
        "scrollDown": "Lire la suite du témoignage",
        "scrollBack": "Remonter",
        "scrollOn": "Voir la suite",
        "previous": "Portrait précédent",
        "next": "Portrait suivant",
        "largeText": "Texte plus grand",
        "highContrast": "Contraste élevé",
        "spokenMode": "Mode parlé",
        "spokenOn": (
            "Mode parlé. Balayez l'écran vers la gauche ou la droite, ou utilisez les flèches, "
            "pour passer d'un portrait à l'autre. Touchez l'écran avec trois doigts pour arrêter."
        ),
        "spokenOff": "Fin du mode parlé.",
        "spokenPortrait": "Portrait {number} sur {count}. {name}. {origin}, {profession}.",
        "spokenStillThere": "Touchez l'écran pour continuer.",
        "closerLook": "Voir la photo en grand",
        "closeUpBack": "Touchez pour revenir",
        "takeStory": "Emportez son histoire",
        "exhibitionOnline": "L'exposition en ligne",
        "fromHome": "À {km} km de chez soi",
        "mapTitle": "D'où viennent-ils ?",
        "mapSummary": "{portraits} portraits, {places} lieux de départ",
        "mapSummaryOne": "{portraits} portraits, un seul lieu de départ",
    },
    "en": {
        "origin": "Origin",
        "profession": "Profession",
        "all": "All",
        "overview": "All portraits",
        "close": "Close",
        "arrived": "Came to Paris",
        "chooseOrigin": "Choose an origin",
        "chooseProfession": "Choose a profession",
        "comingSoon": "Portraits coming soon",
        "comingSoonBody": "Portraits and testimonies of Parisians who came from elsewhere are on their way.",
        "listen": "Listen",
        "pause": "Pause",
        "resume": "Resume",
        "stillThere": "Still there?",
        "stillThereBody": "Touch the screen to carry on with your visit.",
        "continue": "Continue",
        "backToStart": "Back to the start in {seconds} s",
        "scrollUp": "Back up the testimony",
        "scrollDown": "Read on in the testimony",
        "scrollBack": "Back up",
        "scrollOn": "See more",
        "previous": "Previous portrait",
        "next": "Next portrait",
        "largeText": "Larger text",
        "highContrast": "High contrast",
        "spokenMode": "Spoken mode",
        "spokenOn": (
            "Spoken mode. Swipe the screen left or right, or use the arrow keys, to go from one "
            "portrait to the next. Touch the screen with three fingers to stop."
        ),
        "spokenOff": "Spoken mode ends.",
        "spokenPortrait": "Portrait {number} of {count}. {name}. {origin}, {profession}.",
        "spokenStillThere": "Touch the screen to carry on.",
        "closerLook": "See the photo full screen",
        "closeUpBack": "Touch to go back",
        "takeStory": "Take the story home",
        "exhibitionOnline": "The exhibition online",
        "fromHome": "{km} km from home",
        "mapTitle": "Where they come from",
        "mapSummary": "{portraits} portraits from {places} places",
        "mapSummaryOne": "{portraits} portraits from one place",
    },
}
FALLBACK = "en"


def labels_for(language: str) -> dict[str, str]:
    """Every label in `language`; English fills in for a language we have no words in."""
    return {**LABELS[FALLBACK], **LABELS.get(language, {})}
