pragma Singleton
import QtQuick

// Colours, fonts and the size unit. `unit` is set by Main from the window's size,
// so every size follows the screen, never fixed pixels.
QtObject {
    property real unit: 10

    readonly property color background: "#15110e"
    readonly property color surface: "#221c18"
    readonly property color raised: "#30281f"
    readonly property color line: "#4a3f35"
    readonly property color text: "#f7f1e9"
    readonly property color body: "#e6ddd2"
    readonly property color muted: "#b3a695"
    readonly property color accent: "#f2a945"
    readonly property color accentInk: "#1b140d"

    // The static Inter files name their semi-bold weight as a family of its own.
    // Scripts these fonts lack (Arabic: Noto Sans Arabic ships too) come from font fallback.
    readonly property string sans: "Inter"
    readonly property string sansStrong: "Inter Semi Bold"
    readonly property string serif: "Noto Serif"

    readonly property real bodySize: unit * 2.6
    readonly property real smallSize: unit * 2.0
    readonly property real labelSize: unit * 2.2
    readonly property real touchSize: unit * 6.4   // about 9 mm or more on any kiosk screen

    // A portrait page's photo area: beside the words (landscape) or above them (portrait),
    // in whole pixels. The photo is fitted inside it, `photoMargin` from its edges.
    function photoArea(pageWidth, pageHeight) {
        return pageWidth >= pageHeight ? Qt.size(Math.round(pageWidth * 0.54), Math.ceil(pageHeight))
                                       : Qt.size(Math.ceil(pageWidth), Math.round(pageHeight * 0.4))
    }
    readonly property real photoMargin: unit * 3
    // The largest the photo is drawn: the size its picture is prepared at (see Main.photoBox).
    function photoBox(pageWidth, pageHeight) {
        const area = photoArea(pageWidth, pageHeight)
        return Qt.size(Math.max(1, Math.round(area.width - 2 * photoMargin)),
                       Math.max(1, Math.round(area.height - 2 * photoMargin)))
    }
}
