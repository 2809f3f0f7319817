pragma Singleton
import QtQuick
import Kiosk.Backend

// Colours, fonts, sizes and the size unit: the one place QML takes its style from.
// `unit` and `landscape` are set by Main from the window's size, so every size follows
// the screen, never fixed pixels. Numbers Python needs too come from Layout
// (kiosk/layout.py).
QtObject {
    property real unit: 10
    property bool landscape: true

    readonly property color background: Layout.background
    readonly property color surface: "#221c18"
    readonly property color raised: "#30281f"
    readonly property color line: "#4a3f35"
    readonly property color text: "#f7f1e9"
    readonly property color body: "#e6ddd2"
    readonly property color muted: "#b3a695"
    readonly property color accent: Layout.accent
    readonly property color accentInk: "#1b140d"
    // Over the screen behind a panel or the PIN pad, and on the edge chevrons.
    readonly property color scrim: "#c0000000"
    readonly property color padScrim: "#f714110e"
    readonly property color chevronFill: "#66000000"
    readonly property color chevronRing: "#55ffffff"
    readonly property color badgeOnAccent: "#33000000"
    // The background, transparent: the start of the fade under a long testimony.
    readonly property color backgroundClear: Qt.rgba(background.r, background.g, background.b, 0)

    // The static Inter files name their semi-bold weight as a family of its own.
    // Scripts these fonts lack (Arabic: Noto Sans Arabic ships too) come from font fallback.
    readonly property string sans: "Inter"
    readonly property string sansStrong: "Inter Semi Bold"
    readonly property string serif: "Noto Serif"

    readonly property real bodySize: unit * 2.6
    readonly property real smallSize: unit * 2.0
    readonly property real labelSize: unit * 2.2
    readonly property real creditSize: unit * 1.7
    readonly property real titleSize: unit * (landscape ? 2.6 : 2.3)
    readonly property real nameSize: unit * (landscape ? 6.2 : 5.2)
    readonly property real quoteSize: unit * 3.4
    readonly property real captionSize: unit * 3.6  // what the person says now, read from a metre
    readonly property real headingSize: unit * (landscape ? 4 : 3.4)
    readonly property real staffHeadingSize: unit * 4.4
    readonly property real chipSize: unit * 2.7
    readonly property real badgeSize: unit * 2.0
    readonly property real thumbNameSize: unit * 2.4
    readonly property real thumbOriginSize: unit * 1.9
    readonly property real comingSoonSize: unit * 5.2
    readonly property real chevronSize: unit * 5
    readonly property real touchSize: unit * 6.4   // about 9 mm or more on any kiosk screen
    readonly property real lineWidth: Math.max(1, unit * 0.15)
    readonly property real ringWidth: Math.max(1, unit * 0.12)  // the edge chevrons' ring

    // How long a photo takes to fade in once loaded.
    readonly property int photoFadeMs: 450

    // The overview's thumbnails: prepared at this size, drawn within it.
    readonly property size thumbBox: Layout.thumbBox
    // A picture this much smaller than its place is scaled up; less is drawn as it is.
    readonly property real upscaleBeyond: Layout.upscaleBeyond

    // A portrait page's photo area: beside the words (landscape) or above them (portrait),
    // in whole pixels. The photo is fitted inside it, `photoMargin` from its edges.
    function photoArea(pageWidth: real, pageHeight: real): size {
        return pageWidth >= pageHeight ? Qt.size(Math.round(pageWidth * 0.54), Math.ceil(pageHeight))
                                       : Qt.size(Math.ceil(pageWidth), Math.round(pageHeight * 0.4))
    }
    readonly property real photoMargin: unit * 3
    // The largest the photo is drawn: the size its picture is prepared at (see Main.photoBox).
    function photoBox(pageWidth: real, pageHeight: real): size {
        const area = photoArea(pageWidth, pageHeight)
        return Qt.size(Math.max(1, Math.round(area.width - 2 * photoMargin)),
                       Math.max(1, Math.round(area.height - 2 * photoMargin)))
    }
}
