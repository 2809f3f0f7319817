pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A large rounded button; `active` fills it with the accent colour. A visitor control:
// `kiosk audit` measures every item with `visitorControl` for reach, size and spacing.
Rectangle {
    id: button
    property string text
    property bool active: false
    property bool available: true  // false: shown dimmed, taps do nothing
    property bool glyph: false  // a symbol (‹ › 🌓) rather than words: drawn larger
    property real maximumWidth: 100000
    property string spokenName: text  // what a screen reader says of it
    readonly property bool visitorControl: true
    signal tapped()

    readonly property real naturalWidth: label.implicitWidth + Theme.unit * 4.4
    implicitWidth: Math.min(naturalWidth, maximumWidth)
    implicitHeight: Theme.touchSize
    width: implicitWidth
    height: implicitHeight
    radius: height / 2
    color: active ? Theme.accent : (tap.pressed ? Theme.quietLine : Theme.raised)
    border.color: active ? Theme.accent : (available ? Theme.line : Theme.quietLine)
    border.width: Theme.lineWidth
    Accessible.role: Accessible.Button
    Accessible.name: spokenName

    Text {
        id: label
        anchors.centerIn: parent
        anchors.verticalCenterOffset: button.glyph ? -Theme.unit * 0.15 : 0
        // Words are shortened to fit; a symbol is drawn whole (its pill is made for it).
        width: button.glyph ? implicitWidth : Math.min(implicitWidth, button.width - Theme.unit * 2)
        text: button.text
        textFormat: Text.PlainText
        elide: Text.ElideRight
        font.family: button.glyph ? Theme.sans : Theme.sansStrong
        // A symbol stays inside its pill, whatever the text size.
        font.pixelSize: button.glyph ? Math.min(Theme.labelSize * 1.7, button.height * 0.6) : Theme.labelSize
        color: !button.available ? Theme.unavailable : button.active ? Theme.accentInk : Theme.text
    }

    TapHandler {
        id: tap
        enabled: button.available
        onTapped: button.tapped()
    }
}
