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
    // The kiosk's body at the window's size (kiosk.body): set by Main.
    property real pxPerMm: 1
    property real reachTop: 0        // no visitor control above this y...
    property real reachBottom: 10000 // ...nor below this one
    property real textFloor: 0       // the smallest readable font pixel size from the viewing distance
    property real targetFloor: 0     // the smallest touch target's side
    property real gapFloor: 0        // the smallest gap between two targets
    // The visitor's reading aids (VisitorSession.largeText, .highContrast): set by Main.
    property bool largeText: false
    property bool contrast: false

    // The one place sizes are made: `units` of the screen (a hundredth of its height),
    // never less than `floor` pixels (a size in millimetres, from the body).
    function size(units: real, floor: real): real {
        return Math.max(units * unit, floor)
    }
    // Text a visitor reads: never smaller than the viewing distance allows, and 1.4
    // times larger with the larger-text aid.
    function reading(units: real): real {
        return Math.round(size(units, textFloor) * (largeText ? 1.4 : 1))
    }
    // Control labels: readable too, larger a little less, so the bar keeps one line.
    function label(units: real): real {
        return Math.round(size(units, textFloor) * (largeText ? 1.2 : 1))
    }

    readonly property color background: contrast ? "#000000" : Layout.background
    readonly property color surface: contrast ? "#000000" : "#221c18"
    readonly property color raised: contrast ? "#000000" : "#30281f"
    readonly property color line: contrast ? "#ffffff" : "#8a7a68"
    readonly property color quietLine: contrast ? "#ffffff" : "#4a3f35"  // dividers, not edges
    readonly property color text: contrast ? "#ffffff" : "#f7f1e9"
    readonly property color body: contrast ? "#ffffff" : "#e6ddd2"
    readonly property color muted: contrast ? "#ffffff" : "#b3a695"
    readonly property color accent: contrast ? "#ffd75e" : Layout.accent
    readonly property color accentInk: "#000000"
    readonly property color unavailable: contrast ? "#8c8c8c" : "#6e6255"
    // Over the screen behind a panel or a prompt: opaque with high contrast, so no
    // text is ever read over a photo.
    readonly property color scrim: contrast ? "#000000" : "#c0000000"
    readonly property color padScrim: "#f714110e"
    readonly property color badge: contrast ? "#000000" : "#4a3f35"  // a chip's count
    readonly property color badgeOnAccent: "#33000000"
    readonly property color mapLand: contrast ? "#474747" : "#3b3229"  // calm: the journeys lead
    readonly property color mapArc: contrast ? accent : Qt.rgba(accent.r, accent.g, accent.b, 0.55)
    // The background, transparent: the start of the fade under a long testimony.
    readonly property color backgroundClear: Qt.rgba(background.r, background.g, background.b, 0)

    // The static Inter files name their semi-bold weight as a family of its own.
    // Scripts these fonts lack (Arabic: Noto Sans Arabic ships too) come from font fallback.
    readonly property string sans: "Inter"
    readonly property string sansStrong: "Inter Semi Bold"
    readonly property string serif: "Noto Serif"

    readonly property real bodySize: reading(2.6)
    readonly property real smallSize: reading(2.0)
    readonly property real labelSize: label(2.2)
    readonly property real creditSize: reading(1.7)
    // The exhibition's title is not what a visitor reads for: it keeps its size with the
    // larger-text aid, so that the pages keep theirs (each photo is prepared for its page).
    readonly property real titleSize: Math.round(size(landscape ? 2.6 : 2.3, textFloor))
    readonly property real nameSize: reading(landscape ? 6.2 : 5.2)
    readonly property real quoteSize: reading(3.4)
    readonly property real captionSize: reading(3.6)  // what the person says now, read from a metre
    readonly property real headingSize: reading(landscape ? 4 : 3.4)
    readonly property real staffHeadingSize: unit * 4.4
    readonly property real chipSize: label(2.7)
    readonly property real badgeSize: label(2.0)
    readonly property real thumbNameSize: reading(2.4)
    readonly property real thumbOriginSize: reading(1.9)
    readonly property real comingSoonSize: reading(5.2)
    readonly property real chevronSize: size(5, textFloor * 1.6)
    // As large on a tall screen as on a wide one, where the unit (from the width) is larger.
    readonly property real touchSize: size(landscape ? 6.4 : 5.2, targetFloor)
    readonly property real gap: size(1.2, gapFloor)  // between two targets
    readonly property real lineWidth: Math.max(1, unit * 0.15) * (contrast ? 2 : 1)

    // How long a photo takes to fade in once loaded.
    readonly property int photoFadeMs: 450

    // Qt's software renderer keeps a glyph as a ready mask only up to this many pixels
    // (Qt's raster painter) and fills the outline of any larger one on every frame.
    readonly property int largestCachedGlyph: 64
    // How long a page waits beside the current one, the carousel at rest, before its
    // large text is drawn once into a layer (PortraitPage): a frame of its own, after the
    // swipe's frame.
    readonly property int layerAfterMs: 60

    // The overview's thumbnails: prepared at this size, drawn within it.
    readonly property size thumbBox: Layout.thumbBox
    // A picture this much smaller than its place is scaled up; less is drawn as it is.
    readonly property real upscaleBeyond: Layout.upscaleBeyond
}
